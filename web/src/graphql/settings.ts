import { graphql } from './generated';

export const ApiKeyRowFragment = graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      edges {
        node {
          ...ApiKeyRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreatedApiKey {
        secret
        apiKey {
          ...ApiKeyRow
        }
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

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on ApiKey {
        ...ApiKeyRow
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const StaffUserRowFragment = graphql(`
  fragment StaffUserRow on StaffUser {
    id
    name
    email
    role
    disabled
    createdAt
    lastSignInAt
  }
`);

export const StaffUsersQuery = graphql(`
  query StaffUsers($first: Int!, $after: String) {
    staffUsers(first: $first, after: $after) {
      edges {
        node {
          ...StaffUserRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateStaffUserMutation = graphql(`
  mutation CreateStaffUser($input: CreateStaffUserInput!) {
    createStaffUser(input: $input) {
      __typename
      ... on StaffUser {
        ...StaffUserRow
      }
      ... on ConflictError {
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
