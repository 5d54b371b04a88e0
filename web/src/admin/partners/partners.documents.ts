import { graphql } from '../../graphql/generated';

export const PartnerRowFragment = graphql(`
  fragment PartnerRow on Partner {
    id
    code
    name
    kind
    status
    contactEmail
    issueRateMinor
    redeemRateMinor
    ratePoints
    earnPoints
    earnPerMinor
    program {
      id
      currency
    }
  }
`);

export const PartnersQuery = graphql(`
  query AdminPartners($first: Int!, $after: String) {
    partners(first: $first, after: $after) {
      edges {
        node {
          ...PartnerRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreatePartnerMutation = graphql(`
  mutation CreatePartner($input: PartnerInput!) {
    createPartner(input: $input) {
      __typename
      ... on Partner {
        ...PartnerRow
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

export const UpdatePartnerMutation = graphql(`
  mutation UpdatePartner($id: ID!, $input: PartnerInput!) {
    updatePartner(id: $id, input: $input) {
      __typename
      ... on Partner {
        ...PartnerRow
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

export const CreatePartnerApiKeyMutation = graphql(`
  mutation CreatePartnerApiKey($partnerId: ID!, $name: String!, $scopes: [ApiKeyScope!]!) {
    createPartnerApiKey(partnerId: $partnerId, name: $name, scopes: $scopes) {
      __typename
      ... on CreatedPartnerApiKey {
        secret
        apiKey {
          id
          name
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

export const PartnerSettlementQuery = graphql(`
  query PartnerSettlement($partnerId: ID!, $from: DateTime!, $to: DateTime!) {
    partnerSettlement(partnerId: $partnerId, from: $from, to: $to) {
      __typename
      ... on PartnerSettlement {
        currency
        from
        to
        pointsIssued
        pointsReversed
        pointsRedeemed
        netPointsIssued
        partnerOwesMinor
        coalitionOwesMinor
        netMinor
        months {
          month
          pointsIssued
          pointsReversed
          pointsRedeemed
          netPointsIssued
          partnerOwesMinor
          coalitionOwesMinor
          netMinor
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
