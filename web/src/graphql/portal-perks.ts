import { graphql } from './generated';

// The perks the member reaches from the wallet: personal offers (with the birthday gift),
// challenges with their badges, and the paid club.

export const MyOffersQuery = graphql(`
  query MyOffers($locale: OfferLocale) {
    myOffers {
      offerId
      code
      title
      description
      summary(locale: $locale)
      kind
      state
      occasion
      requiresActivation
      validUntil
      maxUses
      uses
      activatedAt
      usedAt
    }
  }
`);

export const ActivateOfferMutation = graphql(`
  mutation ActivateOffer($offerId: ID!, $locale: OfferLocale) {
    activateOffer(offerId: $offerId) {
      __typename
      ... on MemberOffer {
        offerId
        code
        state
        summary(locale: $locale)
        activatedAt
        validUntil
      }
      ... on Error {
        message
      }
    }
  }
`);

export const MyChallengesQuery = graphql(`
  query MyChallenges {
    viewer {
      __typename
      ... on Member {
        id
        account {
          id
          program {
            id
            currency
          }
        }
        badges {
          awardedAt
          badge {
            id
            name
            description
            image
          }
        }
      }
    }
    challenges {
      id
      name
      description
      goal
      metric
      period
      endsAt
      badge {
        id
        name
        image
      }
      myProgress {
        progress
        goal
        periodEnd
        completedAt
      }
    }
  }
`);

export const ClubQuery = graphql(`
  query Club {
    viewer {
      __typename
      ... on Member {
        id
        clubSubscriptions {
          id
          status
          currentPeriodEnd
          cancelAtPeriodEnd
          graceDays
          plan {
            id
            code
            name
          }
        }
      }
    }
    clubPlans {
      id
      code
      name
      description
      priceMinor
      currency
      periodUnit
      periodCount
      trialDays
      perks
    }
  }
`);

export const SubscribeToClubMutation = graphql(`
  mutation SubscribeToClub($planCode: String!) {
    subscribeToClub(planCode: $planCode) {
      __typename
      ... on ClubSubscription {
        id
        status
        currentPeriodEnd
        cancelAtPeriodEnd
        graceDays
        plan {
          id
          code
          name
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const CancelClubSubscriptionMutation = graphql(`
  mutation CancelClubSubscription($id: ID!) {
    cancelClubSubscription(id: $id) {
      __typename
      ... on ClubSubscription {
        id
        status
        cancelAtPeriodEnd
        currentPeriodEnd
      }
      ... on Error {
        message
      }
    }
  }
`);
