import { graphql } from './generated';

// The member side of the community forum: categories, topic lists, a topic with its posts,
// the composer's preview and @mentions, notifications, search, and the live streams.

graphql(`
  fragment CommunityAuthorFields on CommunityAuthor {
    displayName
    username
    isStaff
    tierName
    badges {
      badge {
        id
        name
        image
      }
    }
  }
`);

graphql(`
  fragment CommunityTopicRow on CommunityTopic {
    id
    title
    pinned
    closed
    locked
    archived
    views
    replyCount
    reactionCount
    postCount
    lastPostedAt
    excerpt
    category {
      id
      slug
      name
      color
      kind
    }
    author {
      ...CommunityAuthorFields
    }
  }
`);

graphql(`
  fragment CommunityPostFields on CommunityPost {
    id
    topicId
    postNumber
    html
    raw
    hidden
    hiddenReason
    deleted
    version
    editedAt
    createdAt
    reactions {
      reaction
      count
      mine
    }
    viewerIsAuthor
    bookmarked
    replyToPostNumber
    author {
      ...CommunityAuthorFields
    }
  }
`);

graphql(`
  fragment CommunityProfileFields on CommunityProfile {
    username
    trustLevel
    postsPerHour
    penaltyKind
    penaltyReason
    penaltyEndsAt
  }
`);

export const CommunityHomeQuery = graphql(`
  query CommunityHome {
    communityCategories {
      id
      slug
      name
      description
      color
      kind
      postPolicy
      minTierName
      topicCount
      viewerCanPost
    }
    communityUnreadNotifications
    communityProfile {
      ...CommunityProfileFields
    }
  }
`);

export const CommunityCategoryQuery = graphql(`
  query CommunityCategory($slug: String!) {
    communityCategory(slug: $slug) {
      id
      slug
      name
      description
      color
      kind
      postPolicy
      minTierName
      topicCount
      viewerCanPost
    }
    communityProfile {
      ...CommunityProfileFields
    }
  }
`);

export const CommunityTopicsQuery = graphql(`
  query CommunityTopics($categoryId: ID, $order: CommunityTopicOrder, $first: Int, $after: String) {
    communityTopics(categoryId: $categoryId, order: $order, first: $first, after: $after) {
      edges {
        node {
          ...CommunityTopicRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CommunityTopicQuery = graphql(`
  query CommunityTopic($id: ID!, $first: Int, $after: String) {
    node(id: $id) {
      __typename
      ... on CommunityTopic {
        ...CommunityTopicRow
        acceptedAnswer {
          id
          postNumber
        }
        viewerState {
          lastReadPostNumber
          notificationLevel
        }
        viewerCanReply
        posts(first: $first, after: $after) {
          edges {
            node {
              ...CommunityPostFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
    communityProfile {
      ...CommunityProfileFields
    }
  }
`);

export const CommunityPreviewQuery = graphql(`
  query CommunityPreview($body: String!) {
    communityPreview(body: $body)
  }
`);

export const CommunityMentionCandidatesQuery = graphql(`
  query CommunityMentionCandidates($prefix: String!) {
    communityMentionCandidates(prefix: $prefix) {
      displayName
      username
    }
  }
`);

export const CommunitySearchQuery = graphql(`
  query CommunitySearch($query: String!) {
    communitySearch(query: $query, first: 30) {
      topic {
        id
        title
        category {
          id
          name
          color
        }
      }
      post {
        id
        postNumber
        html
        hidden
        deleted
        createdAt
        author {
          displayName
        }
      }
    }
  }
`);

export const CommunityNotificationsQuery = graphql(`
  query CommunityNotifications {
    communityNotifications(first: 50) {
      id
      type
      actorName
      createdAt
      read
      topic {
        id
        title
      }
      post {
        id
        postNumber
      }
    }
    communityUnreadNotifications
  }
`);

export const CommunityBookmarksQuery = graphql(`
  query CommunityBookmarks {
    communityBookmarks {
      id
      topicId
      postNumber
      html
      createdAt
      author {
        displayName
      }
    }
  }
`);

export const MarkCommunityNotificationsReadMutation = graphql(`
  mutation MarkCommunityNotificationsRead($ids: [ID!]) {
    markCommunityNotificationsRead(ids: $ids)
  }
`);
