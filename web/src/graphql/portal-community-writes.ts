import { graphql } from './generated';

// What a member does in the forum (answers are unions with typed errors), and the live streams.

graphql(`
  fragment CommunityWriteErrors on Error {
    __typename
    message
    ... on NotAllowedError {
      reason
    }
    ... on RateLimitedError {
      retryAfterSeconds
    }
    ... on ValidationError {
      fieldErrors {
        path
        message
        code
      }
    }
  }
`);

export const CreateCommunityTopicMutation = graphql(`
  mutation CreateCommunityTopic($input: CreateCommunityTopicInput!) {
    createCommunityTopic(input: $input) {
      __typename
      ... on CommunityTopic {
        id
      }
      ...CommunityWriteErrors
    }
  }
`);

export const ReplyToCommunityTopicMutation = graphql(`
  mutation ReplyToCommunityTopic($input: ReplyToCommunityTopicInput!) {
    replyToCommunityTopic(input: $input) {
      __typename
      ... on CommunityPost {
        ...CommunityPostFields
      }
      ...CommunityWriteErrors
    }
  }
`);

export const EditCommunityPostMutation = graphql(`
  mutation EditCommunityPost($id: ID!, $body: String!) {
    editCommunityPost(id: $id, body: $body) {
      __typename
      ... on CommunityPost {
        ...CommunityPostFields
      }
      ...CommunityWriteErrors
    }
  }
`);

export const DeleteCommunityPostMutation = graphql(`
  mutation DeleteCommunityPost($id: ID!) {
    deleteCommunityPost(id: $id) {
      __typename
      ... on CommunityPost {
        ...CommunityPostFields
      }
      ...CommunityWriteErrors
    }
  }
`);

export const ReactToCommunityPostMutation = graphql(`
  mutation ReactToCommunityPost($postId: ID!, $reaction: CommunityReaction!) {
    reactToCommunityPost(postId: $postId, reaction: $reaction) {
      __typename
      ... on CommunityPost {
        id
        reactions {
          reaction
          count
          mine
        }
      }
      ...CommunityWriteErrors
    }
  }
`);

export const RemoveCommunityReactionMutation = graphql(`
  mutation RemoveCommunityReaction($postId: ID!, $reaction: CommunityReaction!) {
    removeCommunityReaction(postId: $postId, reaction: $reaction) {
      __typename
      ... on CommunityPost {
        id
        reactions {
          reaction
          count
          mine
        }
      }
      ...CommunityWriteErrors
    }
  }
`);

export const FlagCommunityPostMutation = graphql(`
  mutation FlagCommunityPost($postId: ID!, $reason: CommunityFlagReason!, $note: String) {
    flagCommunityPost(postId: $postId, reason: $reason, note: $note) {
      __typename
      ... on CommunityPost {
        id
        hidden
        html
      }
      ...CommunityWriteErrors
    }
  }
`);

export const BookmarkCommunityPostMutation = graphql(`
  mutation BookmarkCommunityPost($postId: ID!, $bookmarked: Boolean!) {
    bookmarkCommunityPost(postId: $postId, bookmarked: $bookmarked) {
      __typename
      ... on CommunityBookmarkResult {
        bookmarked
      }
      ...CommunityWriteErrors
    }
  }
`);

export const AcceptCommunityAnswerMutation = graphql(`
  mutation AcceptCommunityAnswer($postId: ID!) {
    acceptCommunityAnswer(postId: $postId) {
      __typename
      ... on CommunityTopic {
        id
        acceptedAnswer {
          id
          postNumber
        }
      }
      ...CommunityWriteErrors
    }
  }
`);

export const MarkCommunityTopicReadMutation = graphql(`
  mutation MarkCommunityTopicRead($topicId: ID!, $postNumber: Int!) {
    markCommunityTopicRead(topicId: $topicId, postNumber: $postNumber) {
      __typename
    }
  }
`);

export const SetCommunityTopicNotificationLevelMutation = graphql(`
  mutation SetCommunityTopicNotificationLevel($topicId: ID!, $level: CommunityNotificationLevel!) {
    setCommunityTopicNotificationLevel(topicId: $topicId, level: $level) {
      __typename
      ... on CommunityTopic {
        id
        viewerState {
          lastReadPostNumber
          notificationLevel
        }
      }
    }
  }
`);

export const UpdateCommunityProfileMutation = graphql(`
  mutation UpdateCommunityProfile($username: String!) {
    updateCommunityProfile(username: $username) {
      __typename
      ... on CommunityProfile {
        ...CommunityProfileFields
      }
      ...CommunityWriteErrors
    }
  }
`);

export const CommunityPostAddedSubscription = graphql(`
  subscription CommunityPostAdded($topicId: ID!) {
    communityPostAdded(topicId: $topicId) {
      ...CommunityPostFields
    }
  }
`);

export const CommunityTopicAddedSubscription = graphql(`
  subscription CommunityTopicAdded($categoryId: ID!) {
    communityTopicAdded(categoryId: $categoryId) {
      id
      title
    }
  }
`);
