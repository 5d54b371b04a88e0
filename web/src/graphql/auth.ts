import { graphql } from './generated';

// Sign-in, sign-up and "who am I" for both areas. Tokens are never selected: the browser
// session lives in an httpOnly cookie that scripts cannot read.

export const StaffIdentityFragment = graphql(`
  fragment StaffIdentity on StaffUser {
    id
    name
    role
  }
`);

export const MemberIdentityFragment = graphql(`
  fragment MemberIdentity on Member {
    id
    name
    email
    locale
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      __typename
      ...StaffIdentity
      ...MemberIdentity
      ... on ApiKey {
        id
      }
    }
  }
`);

export const StaffLoginMutation = graphql(`
  mutation StaffLogin($input: SignInInput!) {
    login(input: $input) {
      __typename
      ... on StaffSession {
        staffUser {
          ...StaffIdentity
        }
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

export const MemberSignInMutation = graphql(`
  mutation MemberSignIn($input: SignInInput!) {
    memberSignIn(input: $input) {
      __typename
      ... on MemberSession {
        member {
          ...MemberIdentity
        }
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

export const MemberSignUpMutation = graphql(`
  mutation MemberSignUp($input: MemberSignUpInput!) {
    memberSignUp(input: $input) {
      __typename
      ... on MemberSession {
        member {
          ...MemberIdentity
        }
      }
      ... on ConflictError {
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

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
