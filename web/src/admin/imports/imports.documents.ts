import { graphql } from '../../graphql/generated';

export const ImportJobFieldsFragment = graphql(`
  fragment ImportJobFields on ImportJob {
    id
    kind
    status
    fileName
    progress
    rowsRead
    rowsImported
    rowsSkipped
    rowsFailed
    message
    errorsUrl
    startedAt
    finishedAt
    errors(first: 20) {
      line
      column
      message
    }
  }
`);

export const ImportJobQuery = graphql(`
  query ImportJob($id: Int!) {
    importJob(id: $id) {
      ...ImportJobFields
    }
  }
`);

// importJobs is oldest first: the last page holds the newest.
export const ImportJobsQuery = graphql(`
  query ImportJobs($last: Int!) {
    importJobs(last: $last) {
      edges {
        node {
          ...ImportJobFields
        }
      }
    }
  }
`);
