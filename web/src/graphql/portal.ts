import { graphql } from './generated';

// The member portal's documents. Every field here is one a member may read about
// themselves; the server checks that again on each field.

export const PortalWalletQuery = graphql(`
  query PortalWallet($withinDays: Int!) {
    viewer {
      __typename
      ... on Member {
        id
        name
        externalId
        account {
          id
          available
          pending
          debt
          expiringPoints(withinDays: $withinDays) {
            points
            expiresAt
          }
          tier {
            id
            name
            rank
            perks
            discountPercent
            earnMultiplierPercent
          }
          tierProgress {
            value
            remaining
            nextTier {
              id
              name
              qualifyBy
              threshold
              perks
              discountPercent
              earnMultiplierPercent
            }
          }
          program {
            id
            name
            currency
            pointValueMinor
          }
        }
      }
    }
  }
`);

export const PortalLedgerQuery = graphql(`
  query PortalLedger($first: Int!, $after: String) {
    viewer {
      __typename
      ... on Member {
        id
        ledger(first: $first, after: $after) {
          edges {
            cursor
            node {
              id
              kind
              source
              points
              availableChange
              reason
              occurredAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);

export const OpenSurveysQuery = graphql(`
  query OpenSurveys {
    openSurveys {
      id
      title
      kind
      closesAt
      questions
    }
  }
`);

export const SubmitSurveyResponseMutation = graphql(`
  mutation SubmitSurveyResponse($surveyId: ID!, $answers: JSON!) {
    submitSurveyResponse(surveyId: $surveyId, answers: $answers) {
      __typename
      ... on SurveySubmitted {
        submittedAt
        campaignPoints
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
      ... on ConflictError {
        message
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const MemberProfileFragment = graphql(`
  fragment MemberProfile on Member {
    id
    name
    email
    phone
    birthday
    locale
    consentEmail
    consentSms
  }
`);

export const PortalProfileQuery = graphql(`
  query PortalProfile {
    viewer {
      __typename
      ... on Member {
        ...MemberProfile
      }
    }
  }
`);

export const UpdateMyProfileMutation = graphql(`
  mutation UpdateMyProfile($id: ID!, $input: UpdateMemberInput!) {
    updateMember(id: $id, input: $input) {
      __typename
      ... on Member {
        ...MemberProfile
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
      ... on ConflictError {
        message
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
