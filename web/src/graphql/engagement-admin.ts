import { graphql } from './generated';

// The console's Engagement section: challenges, badges (and staff grants), personal offers
// and the leaderboard, all in the default program.

export const ChallengeRowFragment = graphql(`
  fragment ChallengeRow on Challenge {
    id
    code
    name
    description
    metric
    goal
    eventName
    surveyCode
    minScore
    period
    rollingDays
    startsAt
    endsAt
    status
    badge {
      id
      name
    }
  }
`);

export const BadgeRowFragment = graphql(`
  fragment BadgeRow on Badge {
    id
    code
    name
    description
    image
    status
  }
`);

export const OfferRowFragment = graphql(`
  fragment OfferRow on Offer {
    id
    code
    title
    description
    kind
    value
    category
    minPurchaseMinor
    validFrom
    validUntil
    maxUsesPerMember
    requiresActivation
    audience
    segment
    favouriteDays
    personalDays
    status
    summary(locale: $locale)
    stats {
      reached
      activated
      used
    }
  }
`);

export const ChallengesQuery = graphql(`
  query AdminChallenges($programId: ID) {
    challenges(programId: $programId) {
      ...ChallengeRow
    }
    badges(programId: $programId) {
      id
      name
      status
    }
  }
`);

export const CreateChallengeMutation = graphql(`
  mutation CreateChallenge($input: ChallengeInput!) {
    createChallenge(input: $input) {
      __typename
      ... on Challenge {
        ...ChallengeRow
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

export const UpdateChallengeMutation = graphql(`
  mutation UpdateChallenge($id: ID!, $input: ChallengeInput!) {
    updateChallenge(id: $id, input: $input) {
      __typename
      ... on Challenge {
        ...ChallengeRow
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

export const BadgesQuery = graphql(`
  query AdminBadges($programId: ID) {
    badges(programId: $programId) {
      ...BadgeRow
    }
  }
`);

export const CreateBadgeMutation = graphql(`
  mutation CreateBadge($input: BadgeInput!) {
    createBadge(input: $input) {
      __typename
      ... on Badge {
        ...BadgeRow
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

export const UpdateBadgeMutation = graphql(`
  mutation UpdateBadge($id: ID!, $input: BadgeInput!) {
    updateBadge(id: $id, input: $input) {
      __typename
      ... on Badge {
        ...BadgeRow
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

export const BadgeMemberSearchQuery = graphql(`
  query BadgeMemberSearch($search: String!) {
    members(first: 8, search: $search) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);

export const MemberBadgesQuery = graphql(`
  query MemberBadges($id: ID!) {
    member(id: $id) {
      id
      name
      email
      badges {
        awardedAt
        source
        badge {
          id
          name
          image
        }
      }
    }
  }
`);

export const GrantBadgeMutation = graphql(`
  mutation GrantBadge($badgeId: ID!, $memberId: ID!) {
    grantBadge(badgeId: $badgeId, memberId: $memberId) {
      __typename
      ... on MemberBadge {
        awardedAt
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

export const RevokeBadgeMutation = graphql(`
  mutation RevokeBadge($badgeId: ID!, $memberId: ID!) {
    revokeBadge(badgeId: $badgeId, memberId: $memberId) {
      __typename
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const OffersQuery = graphql(`
  query AdminOffers($programId: ID, $first: Int!, $after: String, $status: OfferStatus, $locale: OfferLocale) {
    offers(programId: $programId, first: $first, after: $after, status: $status) {
      edges {
        node {
          ...OfferRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    segments(programId: $programId) {
      id
      code
      name
    }
  }
`);

export const CreateOfferMutation = graphql(`
  mutation CreateOffer($input: OfferInput!, $locale: OfferLocale) {
    createOffer(input: $input) {
      __typename
      ... on Offer {
        ...OfferRow
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

export const UpdateOfferMutation = graphql(`
  mutation UpdateOffer($id: ID!, $input: OfferInput!, $locale: OfferLocale) {
    updateOffer(id: $id, input: $input) {
      __typename
      ... on Offer {
        ...OfferRow
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

export const SetOfferStatusMutation = graphql(`
  mutation SetOfferStatus($id: ID!, $status: OfferStatus!, $locale: OfferLocale) {
    setOfferStatus(id: $id, status: $status) {
      __typename
      ... on Offer {
        ...OfferRow
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

export const LeaderboardQuery = graphql(`
  query AdminLeaderboard($programId: ID, $metric: LeaderboardMetric!, $period: LeaderboardPeriod!, $challenge: String, $first: Int!) {
    leaderboard(programId: $programId, metric: $metric, period: $period, challenge: $challenge, first: $first) {
      __typename
      ... on Leaderboard {
        periodStart
        periodEnd
        entries {
          rank
          displayName
          score
          badgeCount
          tierName
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
    challenges(programId: $programId) {
      id
      code
      name
      status
    }
  }
`);
