import { graphql } from './generated';

// The console's forum categories (community moderation); see community.ts for the rest.

export const ModerationCategoryFragment = graphql(`
  fragment ModerationCategory on CommunityCategory {
    id
    slug
    name
    description
    color
    position
    kind
    postPolicy
    archived
    topicCount
    minTier {
      id
      name
    }
  }
`);

export const ModerationCategoriesQuery = graphql(`
  query ModerationCategories {
    communityCategories(includeArchived: true) {
      ...ModerationCategory
    }
    program {
      id
      tiers {
        id
        name
      }
    }
  }
`);

export const CreateModerationCategoryMutation = graphql(`
  mutation ModerationCreateCategory($input: CommunityCategoryInput!) {
    createCommunityCategory(input: $input) {
      __typename
      ... on CommunityCategory {
        ...ModerationCategory
      }
      ... on ConflictError {
        message
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

export const UpdateModerationCategoryMutation = graphql(`
  mutation ModerationUpdateCategory($id: ID!, $input: CommunityCategoryInput!) {
    updateCommunityCategory(id: $id, input: $input) {
      __typename
      ... on CommunityCategory {
        ...ModerationCategory
      }
      ... on ConflictError {
        message
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
