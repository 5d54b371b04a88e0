import { graphql } from './generated';

export const CampaignRowFragment = graphql(`
  fragment CampaignRow on Campaign {
    id
    name
    description
    status
    priority
    stacking
    startsAt
    endsAt
    budgetPoints
    spentPoints
    activeVersion
  }
`);

export const CampaignsQuery = graphql(`
  query Campaigns($first: Int!, $after: String, $status: CampaignStatus) {
    campaigns(first: $first, after: $after, status: $status) {
      edges {
        node {
          ...CampaignRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CampaignDiagnosticFragment = graphql(`
  fragment CampaignDiagnostic on FlowDiagnostic {
    code
    severity
    nodeId
    edgeId
    path
    ru: message(locale: "ru")
    en: message(locale: "en")
  }
`);

export const CampaignVersionFragment = graphql(`
  fragment CampaignVersionRow on CampaignVersion {
    number
    notes
    publishedAt
    authorStaffId
    authorName
    graph
  }
`);

export const CampaignEditorQuery = graphql(`
  query CampaignEditor($id: ID!) {
    campaign(id: $id) {
      ...CampaignRow
      draftGraph
      draftRevision
      draftDiagnostics {
        ...CampaignDiagnostic
      }
      versions {
        ...CampaignVersionRow
      }
    }
  }
`);

export const CreateCampaignMutation = graphql(`
  mutation CreateCampaign($input: CampaignInput!) {
    createCampaign(input: $input) {
      __typename
      ... on Campaign {
        ...CampaignRow
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

export const UpdateCampaignDraftMutation = graphql(`
  mutation UpdateCampaignDraft($id: ID!, $input: CampaignInput!) {
    updateCampaignDraft(id: $id, input: $input) {
      __typename
      ... on Campaign {
        id
        draftRevision
        draftDiagnostics {
          ...CampaignDiagnostic
        }
      }
      ... on ConflictError {
        message
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

export const PublishCampaignMutation = graphql(`
  mutation PublishCampaign($id: ID!, $notes: String) {
    publishCampaign(id: $id, notes: $notes) {
      __typename
      ... on Campaign {
        ...CampaignRow
        versions {
          ...CampaignVersionRow
        }
      }
      ... on PublishRefusedError {
        message
        diagnostics {
          ...CampaignDiagnostic
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

export const PauseCampaignMutation = graphql(`
  mutation PauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      __typename
      ... on Campaign {
        ...CampaignRow
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

export const ResumeCampaignMutation = graphql(`
  mutation ResumeCampaign($id: ID!) {
    resumeCampaign(id: $id) {
      __typename
      ... on Campaign {
        ...CampaignRow
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

export const RestoreCampaignVersionMutation = graphql(`
  mutation RestoreCampaignVersion($id: ID!, $version: Int!) {
    restoreCampaignVersion(id: $id, version: $version) {
      __typename
      ... on Campaign {
        id
        draftGraph
        draftRevision
        draftDiagnostics {
          ...CampaignDiagnostic
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const CampaignDiffQuery = graphql(`
  query CampaignDiff($id: ID!, $from: Int!, $to: Int) {
    campaign(id: $id) {
      id
      diff(from: $from, to: $to) {
        nodesAdded
        nodesRemoved
        nodesChanged
        edgesAdded
        edgesRemoved
      }
    }
  }
`);

export const SimulateCampaignMutation = graphql(`
  mutation SimulateCampaign($id: ID!, $memberId: ID!, $event: SimulationEventInput!, $graph: JSON) {
    simulateCampaign(id: $id, memberId: $memberId, event: $event, graph: $graph) {
      __typename
      ... on Simulation {
        effects
        exposures
        trace
        diagnostics {
          ...CampaignDiagnostic
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const SimulationMembersQuery = graphql(`
  query SimulationMembers($search: String) {
    members(first: 10, search: $search) {
      edges {
        node {
          id
          name
          email
          externalId
        }
      }
    }
  }
`);

/** What the editor's pickers and palette need: segments and tiers to refer to, and the domains this server runs. */
export const FlowEditorContextQuery = graphql(`
  query FlowEditorContext {
    flowDomains
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

/** The A/B results of a published campaign, for the split nodes on the canvas. */
export const CampaignExperimentsQuery = graphql(`
  query CampaignExperiments($id: ID!) {
    campaign(id: $id) {
      id
      experiments {
        experimentKey
        control
        variants {
          key
          exposed
          converters
          conversionRate
        }
        verdict {
          status
          winner
          ru: message(locale: "ru")
          en: message(locale: "en")
        }
      }
    }
  }
`);
