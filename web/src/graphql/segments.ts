import { graphql } from './generated';

export const SegmentRowFragment = graphql(`
  fragment SegmentRow on Segment {
    id
    code
    name
    description
    kind
    memberCount
    refreshedAt
    definition
  }
`);

export const SegmentsQuery = graphql(`
  query Segments {
    segments {
      ...SegmentRow
    }
  }
`);

export const SegmentDetailQuery = graphql(`
  query SegmentDetail($id: ID!, $days: Int!) {
    node(id: $id) {
      __typename
      ... on Segment {
        ...SegmentRow
        sizeHistory(days: $days) {
          measuredAt
          members
        }
      }
    }
  }
`);

export const SegmentOptionsQuery = graphql(`
  query SegmentOptions {
    segments {
      id
      code
      name
    }
    program {
      id
      tiers {
        id
        code
        name
        rank
      }
    }
  }
`);

export const PreviewSegmentQuery = graphql(`
  query PreviewSegment($definition: JSON!) {
    previewSegment(definition: $definition) {
      __typename
      ... on SegmentPreview {
        members
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

export const AddPredefinedSegmentsMutation = graphql(`
  mutation AddPredefinedSegments($locale: String!) {
    addPredefinedSegments(locale: $locale) {
      ...SegmentRow
    }
  }
`);

export const CreateSegmentMutation = graphql(`
  mutation CreateSegment($input: SegmentInput!) {
    createSegment(input: $input) {
      __typename
      ... on Segment {
        ...SegmentRow
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

export const UpdateSegmentMutation = graphql(`
  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {
    updateSegment(id: $id, input: $input) {
      __typename
      ... on Segment {
        ...SegmentRow
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

export const RefreshSegmentMutation = graphql(`
  mutation RefreshSegment($id: ID!) {
    refreshSegment(id: $id) {
      __typename
      ... on Segment {
        ...SegmentRow
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
