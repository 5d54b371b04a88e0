import { graphql } from './generated';

export const SurveyRowFragment = graphql(`
  fragment SurveyRow on Survey {
    id
    code
    title
    kind
    status
    closesAt
    responseCount
  }
`);

export const SurveysQuery = graphql(`
  query Surveys {
    surveys {
      ...SurveyRow
    }
  }
`);

export const SurveyDetailQuery = graphql(`
  query SurveyDetail($id: ID!, $from: DateTime!, $to: DateTime!) {
    node(id: $id) {
      __typename
      ... on Survey {
        ...SurveyRow
        questions
        results {
          responses
          sampled
          averageScore
          nps {
            ...NpsSummaryFields
          }
          questions {
            id
            type
            text
            answered
            average
            options {
              id
              label
              count
            }
            scores {
              score
              count
            }
          }
        }
        npsTrend(from: $from, to: $to) {
          month
          nps {
            ...NpsSummaryFields
          }
        }
      }
    }
  }
`);

export const CreateSurveyMutation = graphql(`
  mutation CreateSurvey($input: SurveyInput!) {
    createSurvey(input: $input) {
      __typename
      ... on Survey {
        ...SurveyRow
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

export const SetSurveyStatusMutation = graphql(`
  mutation SetSurveyStatus($id: ID!, $status: SurveyStatus!) {
    setSurveyStatus(id: $id, status: $status) {
      __typename
      ... on Survey {
        ...SurveyRow
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

export const UpdateSurveyMutation = graphql(`
  mutation UpdateSurvey($id: ID!, $input: SurveyInput!) {
    updateSurvey(id: $id, input: $input) {
      __typename
      ... on Survey {
        ...SurveyRow
        questions
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

export const SurveyQuestionsQuery = graphql(`
  query SurveyQuestions($id: ID!) {
    node(id: $id) {
      __typename
      ... on Survey {
        ...SurveyRow
        questions
      }
    }
  }
`);
