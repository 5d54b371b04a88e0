import { graphql } from './generated';

// "Forgot password": ask for a link by email, then set a new password with its token.

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: RequestMemberPasswordResetInput!) {
    requestMemberPasswordReset(input: $input) {
      __typename
      ... on PasswordResetRequested {
        accepted
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

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetMemberPasswordInput!) {
    resetMemberPassword(input: $input) {
      __typename
      ... on MemberSession {
        member {
          ...MemberIdentity
        }
      }
      ... on InvalidResetTokenError {
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
