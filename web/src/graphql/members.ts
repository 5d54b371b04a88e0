import { graphql } from './generated';

export const MembersPageQuery = graphql(`
  query MembersPage($first: Int!, $after: String, $search: String) {
    members(first: $first, after: $after, search: $search) {
      edges {
        cursor
        node {
          id
          name
          email
          externalId
          status
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
