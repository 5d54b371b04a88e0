import { graphql } from './generated';

// The referrals section: the member's link and code, the friends they invited, and the
// program's terms.

export const PortalReferralsQuery = graphql(`
  query PortalReferrals {
    viewer {
      __typename
      ... on Member {
        id
        referralCode
        referralLink
        referrals(first: 100) {
          id
          refereeName
          status
          createdAt
          qualifiedAt
        }
      }
    }
    referralTerms {
      __typename
      ... on ReferralTerms {
        minPurchaseMinor
        monthlyCap
        windowDays
        program {
          id
          currency
        }
      }
    }
  }
`);
