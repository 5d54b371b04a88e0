import { graphql } from '../../graphql/generated';

export const ProgramTemplatesQuery = graphql(`
  query ProgramTemplates($locale: String!) {
    programTemplates {
      code
      name(locale: $locale)
      description(locale: $locale)
      requires
    }
  }
`);

export const ApplyProgramTemplateMutation = graphql(`
  mutation ApplyProgramTemplate($input: ApplyProgramTemplateInput!) {
    applyProgramTemplate(input: $input) {
      __typename
      ... on Program {
        id
        code
        name
        currency
        isDefault
        tiers {
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
      ... on ConflictError {
        message
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

// What a template created: the new program's rewards and campaigns.
export const TemplateCreatedQuery = graphql(`
  query TemplateCreated($programId: ID!) {
    rewards(programId: $programId, first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
    campaigns(first: 100, programId: $programId) {
      edges {
        node {
          id
          name
          program {
            id
          }
        }
      }
    }
  }
`);
