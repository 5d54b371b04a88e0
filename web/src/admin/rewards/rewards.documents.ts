import { graphql } from '../../graphql/generated';

export const RewardRowFragment = graphql(`
  fragment RewardRow on Reward {
    id
    code
    name
    description
    kind
    status
    costPoints
    stock
    perMemberLimit
    validFrom
    validUntil
    minTier
    couponValidDays
    imageUrl
    valueMinor
    percent
    capMinor
    sku
    issuedCount
    poolRemaining
    program {
      id
      currency
    }
  }
`);

export const RewardsQuery = graphql(`
  query AdminRewards($first: Int!, $after: String, $status: RewardStatus) {
    rewards(first: $first, after: $after, status: $status) {
      edges {
        node {
          ...RewardRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateRewardMutation = graphql(`
  mutation CreateReward($input: RewardInput!) {
    createReward(input: $input) {
      __typename
      ... on Reward {
        ...RewardRow
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

export const UpdateRewardMutation = graphql(`
  mutation UpdateReward($id: ID!, $input: RewardInput!) {
    updateReward(id: $id, input: $input) {
      __typename
      ... on Reward {
        ...RewardRow
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

export const SetRewardStatusMutation = graphql(`
  mutation SetRewardStatus($id: ID!, $status: RewardStatus!) {
    setRewardStatus(id: $id, status: $status) {
      __typename
      ... on Reward {
        id
        status
      }
    }
  }
`);

export const ImportCouponsMutation = graphql(`
  mutation ImportCoupons($rewardId: ID!, $csv: String!) {
    importCoupons(rewardId: $rewardId, csv: $csv) {
      __typename
      ... on CouponImport {
        imported
        duplicates
        poolSize
        errors {
          line
          message
        }
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
