import { graphql } from './generated';

// The rewards section's documents: the catalog as the signed-in member sees it, the
// redemption, and the member's coupons.

export const RewardCatalogQuery = graphql(`
  query RewardCatalog {
    viewer {
      __typename
      ... on Member {
        id
        account {
          id
          available
        }
      }
    }
    rewardCatalog {
      affordable
      reasons
      reward {
        id
        name
        description
        kind
        costPoints
        minTier
        stock
        perMemberLimit
        couponValidDays
        program {
          id
          tiers {
            id
            code
            name
          }
        }
      }
    }
  }
`);

export const RedeemRewardMutation = graphql(`
  mutation RedeemReward($input: RedeemRewardInput!) {
    redeemReward(input: $input) {
      __typename
      ... on RewardRedeemed {
        replayed
        coupon {
          code
          state
          expiresAt
        }
        account {
          id
          available
        }
      }
      ... on InsufficientPointsError {
        available
        requested
      }
      ... on RewardLimitReachedError {
        limit
      }
      ... on RewardNotAvailableError {
        reason
      }
      ... on RewardOutOfStockError {
        message
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

export const MyCouponsQuery = graphql(`
  query MyCoupons($state: CouponState, $first: Int!) {
    viewer {
      __typename
      ... on Member {
        id
        coupons(state: $state, first: $first) {
          edges {
            node {
              code
              state
              issuedAt
              expiresAt
              usedAt
              reward {
                id
                name
                description
              }
            }
          }
        }
      }
    }
  }
`);
