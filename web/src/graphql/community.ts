import { graphql } from './generated';

// The staff console's community moderation. Operation names start with Moderation so that
// they never clash with the member portal's forum documents in the one generated map.

export const ModerationPostFragment = graphql(`
  fragment ModerationPost on CommunityPost {
    id
    postNumber
    topicId
    html
    hidden
    hiddenReason
    deleted
    createdAt
    author {
      memberId
      displayName
      username
      tierName
      isStaff
    }
  }
`);

export const ModerationTopicRowFragment = graphql(`
  fragment ModerationTopicRow on CommunityTopic {
    id
    title
    excerpt
    pinned
    closed
    locked
    archived
    hidden
    postCount
    replyCount
    views
    lastPostedAt
    author {
      displayName
      username
      isStaff
    }
    category {
      id
      name
      color
    }
  }
`);

export const ModerationReviewCountQuery = graphql(`
  query ModerationReviewCount {
    communityReviewCount
  }
`);

export const ModerationReviewQueueQuery = graphql(`
  query ModerationReviewQueue {
    communityReviewCount
    communityReviewQueue {
      post {
        ...ModerationPost
      }
      topic {
        id
        title
      }
      flags {
        reason
        note
        weight
        createdAt
        flaggedBy {
          displayName
          isStaff
        }
      }
    }
  }
`);

export const ResolveModerationFlagsMutation = graphql(`
  mutation ModerationResolveFlags($postId: ID!, $decision: CommunityFlagDecision!) {
    resolveCommunityFlags(postId: $postId, decision: $decision) {
      __typename
      ... on CommunityPost {
        ...ModerationPost
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const HideModerationPostMutation = graphql(`
  mutation ModerationHidePost($id: ID!) {
    hideCommunityPost(id: $id) {
      __typename
      ... on CommunityPost {
        ...ModerationPost
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const RestoreModerationPostMutation = graphql(`
  mutation ModerationRestorePost($id: ID!) {
    restoreCommunityPost(id: $id) {
      __typename
      ... on CommunityPost {
        ...ModerationPost
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const ModerationTopicsQuery = graphql(`
  query ModerationTopics($first: Int!, $after: String, $categoryId: ID, $order: CommunityTopicOrder) {
    communityTopics(first: $first, after: $after, categoryId: $categoryId, order: $order) {
      edges {
        node {
          ...ModerationTopicRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ModerationTopicQuery = graphql(`
  query ModerationTopic($id: ID!, $first: Int!) {
    node(id: $id) {
      __typename
      ... on CommunityTopic {
        ...ModerationTopicRow
        posts(first: $first) {
          edges {
            node {
              ...ModerationPost
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
`);

export const SetModerationTopicStatusMutation = graphql(`
  mutation ModerationSetTopicStatus($id: ID!, $input: CommunityTopicStatusInput!) {
    setCommunityTopicStatus(id: $id, input: $input) {
      __typename
      ... on CommunityTopic {
        ...ModerationTopicRow
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const MoveModerationTopicMutation = graphql(`
  mutation ModerationMoveTopic($id: ID!, $categoryId: ID!) {
    moveCommunityTopic(id: $id, categoryId: $categoryId) {
      __typename
      ... on CommunityTopic {
        ...ModerationTopicRow
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const MergeModerationTopicsMutation = graphql(`
  mutation ModerationMergeTopics($id: ID!, $targetId: ID!) {
    mergeCommunityTopics(id: $id, targetId: $targetId) {
      __typename
      ... on CommunityTopic {
        ...ModerationTopicRow
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const ModerationReplyMutation = graphql(`
  mutation ModerationReply($input: ReplyToCommunityTopicInput!) {
    replyToCommunityTopic(input: $input) {
      __typename
      ... on CommunityPost {
        ...ModerationPost
      }
      ... on NotAllowedError {
        reason
        message
      }
      ... on NotFoundError {
        message
      }
      ... on RateLimitedError {
        retryAfterSeconds
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const ModerationPenaltyFragment = graphql(`
  fragment ModerationPenalty on CommunityPenalty {
    id
    kind
    reason
    startsAt
    endsAt
    liftedAt
  }
`);

export const ModerationHistoryQuery = graphql(`
  query ModerationHistory($memberId: ID!) {
    member(id: $memberId) {
      id
      name
      email
      status
    }
    communityModerationHistory(memberId: $memberId) {
      posts
      flagsReceived
      penalties {
        ...ModerationPenalty
      }
      hiddenPosts {
        ...ModerationPost
      }
    }
  }
`);

export const PenalizeModerationMemberMutation = graphql(`
  mutation ModerationPenalize($memberId: ID!, $kind: CommunityPenaltyKind!, $days: Int!, $reason: String!) {
    penalizeCommunityMember(memberId: $memberId, kind: $kind, days: $days, reason: $reason) {
      __typename
      ... on CommunityPenalty {
        ...ModerationPenalty
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const LiftModerationPenaltyMutation = graphql(`
  mutation ModerationLiftPenalty($id: ID!) {
    liftCommunityPenalty(id: $id) {
      __typename
      ... on CommunityPenalty {
        ...ModerationPenalty
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
