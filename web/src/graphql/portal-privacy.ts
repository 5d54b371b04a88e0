import { graphql } from './generated';

// The member's privacy rights on the profile page, apart from portal.ts so that the
// wallet's first load carries none of them.

export const MemberDataQuery = graphql(`
  query MemberData {
    memberData
  }
`);

export const DeleteMyAccountMutation = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password) {
      __typename
      ... on AccountDeleted {
        deleted
      }
      ... on InvalidCredentialsError {
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
