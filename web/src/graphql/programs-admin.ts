import { graphql } from './generated';

// The console's Programs section: settings, the tier ladder, referral terms and paid clubs.

export const ProgramSettingsFragment = graphql(`
  fragment ProgramSettings on Program {
    id
    code
    name
    currency
    valueKind
    earnPoints
    earnPerMinor
    rounding
    minPurchaseMinor
    pointValueMinor
    holdoutPercent
    maxRedeemPercent
    minRedeemPoints
    expiryPolicy
    expiryDays
    pendingDays
    timezone
    tierReview
    isDefault
  }
`);

export const TierRowFragment = graphql(`
  fragment TierRow on Tier {
    id
    code
    name
    rank
    qualifyBy
    threshold
    window
    windowDays
    earnMultiplierPercent
    discountPercent
    perks
  }
`);

export const ClubPlanRowFragment = graphql(`
  fragment ClubPlanRow on ClubPlan {
    id
    code
    name
    description
    currency
    priceMinor
    periodUnit
    periodCount
    trialDays
    graceDays
    perks
    earnMultiplierPercent
    status
  }
`);

export const AdminProgramsQuery = graphql(`
  query AdminPrograms {
    programs {
      ...ProgramSettings
    }
  }
`);

export const ProgramTiersQuery = graphql(`
  query ProgramTiers($id: ID!) {
    program(id: $id) {
      id
      currency
      tiers {
        ...TierRow
      }
    }
  }
`);

export const CreateProgramMutation = graphql(`
  mutation CreateProgram($input: ProgramInput!) {
    createProgram(input: $input) {
      __typename
      ... on Program {
        ...ProgramSettings
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
    }
  }
`);

export const UpdateProgramMutation = graphql(`
  mutation UpdateProgram($id: ID!, $input: ProgramInput!) {
    updateProgram(id: $id, input: $input) {
      __typename
      ... on Program {
        ...ProgramSettings
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

export const SaveTierMutation = graphql(`
  mutation SaveTier($programId: ID!, $tierId: ID, $input: TierInput!) {
    saveTier(programId: $programId, tierId: $tierId, input: $input) {
      __typename
      ... on Tier {
        ...TierRow
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

export const ReferralTermsQuery = graphql(`
  query AdminReferralTerms($programId: ID) {
    referralTerms(programId: $programId) {
      __typename
      ... on ReferralTerms {
        minPurchaseMinor
        windowDays
        monthlyCap
        program {
          id
          currency
        }
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        message
      }
    }
  }
`);

export const UpdateReferralTermsMutation = graphql(`
  mutation UpdateReferralTerms($input: ReferralTermsInput!) {
    updateReferralTerms(input: $input) {
      __typename
      ... on ReferralTerms {
        minPurchaseMinor
        windowDays
        monthlyCap
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

export const ClubPlansQuery = graphql(`
  query AdminClubPlans($programId: ID) {
    clubPlans(programId: $programId, includeArchived: true) {
      ...ClubPlanRow
    }
    clubStats(programId: $programId) {
      active
      trialing
      pastDue
      pending
      mrrMinor
      currency
    }
  }
`);

export const CreateClubPlanMutation = graphql(`
  mutation CreateClubPlan($input: ClubPlanInput!) {
    createClubPlan(input: $input) {
      __typename
      ... on ClubPlan {
        ...ClubPlanRow
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

export const UpdateClubPlanMutation = graphql(`
  mutation UpdateClubPlan($id: ID!, $input: ClubPlanInput!) {
    updateClubPlan(id: $id, input: $input) {
      __typename
      ... on ClubPlan {
        ...ClubPlanRow
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

export const SetClubPlanStatusMutation = graphql(`
  mutation SetClubPlanStatus($id: ID!, $status: ClubPlanStatus!) {
    setClubPlanStatus(id: $id, status: $status) {
      __typename
      ... on ClubPlan {
        id
        status
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
