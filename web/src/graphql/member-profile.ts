import { graphql } from './generated';

// The console's member profile. The ledger pages apart from the profile so that "load more"
// and a refresh after an adjustment do not fetch the whole member again.

export const MemberProfileAccountFragment = graphql(`
  fragment MemberProfileAccount on LoyaltyAccount {
    id
    available
    pending
    debt
    lifetimePoints
    lifetimeSpendMinor
    purchaseCount
    lastPurchaseAt
    tierSince
    tier {
      id
      name
      rank
    }
    tierProgress {
      value
      remaining
      nextTier {
        id
        name
        qualifyBy
        threshold
      }
    }
    program {
      id
      name
      currency
    }
  }
`);

export const MemberProfileQuery = graphql(`
  query MemberProfile($id: ID!) {
    member(id: $id) {
      id
      name
      email
      phone
      externalId
      status
      locale
      birthday
      createdAt
      consentEmail
      consentSms
      consentUpdatedAt
      segments
      badges {
        awardedAt
        badge {
          id
          name
        }
      }
      clubSubscriptions {
        id
        status
        currentPeriodEnd
        plan {
          id
          name
        }
      }
      account {
        ...MemberProfileAccount
      }
    }
  }
`);

export const MemberLedgerEntryFragment = graphql(`
  fragment MemberLedgerEntry on LedgerEntry {
    id
    kind
    source
    points
    reason
    occurredAt
    expiresAt
  }
`);

export const MemberLedgerQuery = graphql(`
  query MemberLedger($id: ID!, $first: Int!, $after: String) {
    member(id: $id) {
      id
      ledger(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...MemberLedgerEntry
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** Segment names for the codes a member carries; asked only by roles that may open segments. */
export const MemberSegmentNamesQuery = graphql(`
  query MemberSegmentNames {
    segments {
      id
      code
      name
    }
  }
`);

export const AdjustMemberPointsMutation = graphql(`
  mutation AdjustMemberPoints($input: AdjustPointsInput!) {
    adjustPoints(input: $input) {
      __typename
      ... on PointsAdjusted {
        replayed
        entry {
          ...MemberLedgerEntry
        }
        account {
          ...MemberProfileAccount
        }
      }
      ... on InsufficientPointsError {
        available
        requested
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const MemberDataExportQuery = graphql(`
  query MemberDataExport($id: ID!) {
    memberData(id: $id)
  }
`);

export const AnonymizeMemberMutation = graphql(`
  mutation AnonymizeMember($id: ID!) {
    anonymizeMember(id: $id) {
      __typename
      ... on Member {
        id
        name
        email
        phone
        externalId
        status
        birthday
        consentEmail
        consentSms
        consentUpdatedAt
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
