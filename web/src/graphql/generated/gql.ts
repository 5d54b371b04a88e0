/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment StaffIdentity on StaffUser {\n    id\n    name\n    role\n  }\n": typeof types.StaffIdentityFragmentDoc,
    "\n  fragment MemberIdentity on Member {\n    id\n    name\n    email\n    locale\n  }\n": typeof types.MemberIdentityFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      __typename\n      ...StaffIdentity\n      ...MemberIdentity\n      ... on ApiKey {\n        id\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation StaffLogin($input: SignInInput!) {\n    login(input: $input) {\n      __typename\n      ... on StaffSession {\n        staffUser {\n          ...StaffIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.StaffLoginDocument,
    "\n  mutation MemberSignIn($input: SignInInput!) {\n    memberSignIn(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.MemberSignInDocument,
    "\n  mutation MemberSignUp($input: MemberSignUpInput!) {\n    memberSignUp(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.MemberSignUpDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  fragment CampaignRow on Campaign {\n    id\n    name\n    description\n    status\n    priority\n    stacking\n    startsAt\n    endsAt\n    budgetPoints\n    spentPoints\n    activeVersion\n  }\n": typeof types.CampaignRowFragmentDoc,
    "\n  query Campaigns($first: Int!, $after: String, $status: CampaignStatus) {\n    campaigns(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...CampaignRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CampaignsDocument,
    "\n  fragment CampaignDiagnostic on FlowDiagnostic {\n    code\n    severity\n    nodeId\n    edgeId\n    path\n    ru: message(locale: \"ru\")\n    en: message(locale: \"en\")\n  }\n": typeof types.CampaignDiagnosticFragmentDoc,
    "\n  fragment CampaignVersionRow on CampaignVersion {\n    number\n    notes\n    publishedAt\n    authorStaffId\n    authorName\n    graph\n  }\n": typeof types.CampaignVersionRowFragmentDoc,
    "\n  query CampaignEditor($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignRow\n      draftGraph\n      draftRevision\n      draftDiagnostics {\n        ...CampaignDiagnostic\n      }\n      versions {\n        ...CampaignVersionRow\n      }\n    }\n  }\n": typeof types.CampaignEditorDocument,
    "\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.CreateCampaignDocument,
    "\n  mutation UpdateCampaignDraft($id: ID!, $input: CampaignInput!) {\n    updateCampaignDraft(id: $id, input: $input) {\n      __typename\n      ... on Campaign {\n        id\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.UpdateCampaignDraftDocument,
    "\n  mutation PublishCampaign($id: ID!, $notes: String) {\n    publishCampaign(id: $id, notes: $notes) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n        versions {\n          ...CampaignVersionRow\n        }\n      }\n      ... on PublishRefusedError {\n        message\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.PublishCampaignDocument,
    "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.PauseCampaignDocument,
    "\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.ResumeCampaignDocument,
    "\n  mutation RestoreCampaignVersion($id: ID!, $version: Int!) {\n    restoreCampaignVersion(id: $id, version: $version) {\n      __typename\n      ... on Campaign {\n        id\n        draftGraph\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.RestoreCampaignVersionDocument,
    "\n  query CampaignDiff($id: ID!, $from: Int!, $to: Int) {\n    campaign(id: $id) {\n      id\n      diff(from: $from, to: $to) {\n        nodesAdded\n        nodesRemoved\n        nodesChanged\n        edgesAdded\n        edgesRemoved\n      }\n    }\n  }\n": typeof types.CampaignDiffDocument,
    "\n  mutation SimulateCampaign($id: ID!, $memberId: ID!, $event: SimulationEventInput!, $graph: JSON) {\n    simulateCampaign(id: $id, memberId: $memberId, event: $event, graph: $graph) {\n      __typename\n      ... on Simulation {\n        effects\n        exposures\n        trace\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.SimulateCampaignDocument,
    "\n  query SimulationMembers($search: String) {\n    members(first: 10, search: $search) {\n      edges {\n        node {\n          id\n          name\n          email\n          externalId\n        }\n      }\n    }\n  }\n": typeof types.SimulationMembersDocument,
    "\n  query MembersPage($first: Int!, $after: String, $search: String) {\n    members(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          externalId\n          status\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MembersPageDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.ApiKeyRowFragmentDoc,
    "\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey {\n        secret\n        apiKey {\n          ...ApiKeyRow\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey {\n        ...ApiKeyRow\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment StaffUserRow on StaffUser {\n    id\n    name\n    email\n    role\n    disabled\n    createdAt\n    lastSignInAt\n  }\n": typeof types.StaffUserRowFragmentDoc,
    "\n  query StaffUsers($first: Int!, $after: String) {\n    staffUsers(first: $first, after: $after) {\n      edges {\n        node {\n          ...StaffUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.StaffUsersDocument,
    "\n  mutation CreateStaffUser($input: CreateStaffUserInput!) {\n    createStaffUser(input: $input) {\n      __typename\n      ... on StaffUser {\n        ...StaffUserRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.CreateStaffUserDocument,
};
const documents: Documents = {
    "\n  fragment StaffIdentity on StaffUser {\n    id\n    name\n    role\n  }\n": types.StaffIdentityFragmentDoc,
    "\n  fragment MemberIdentity on Member {\n    id\n    name\n    email\n    locale\n  }\n": types.MemberIdentityFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      __typename\n      ...StaffIdentity\n      ...MemberIdentity\n      ... on ApiKey {\n        id\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation StaffLogin($input: SignInInput!) {\n    login(input: $input) {\n      __typename\n      ... on StaffSession {\n        staffUser {\n          ...StaffIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.StaffLoginDocument,
    "\n  mutation MemberSignIn($input: SignInInput!) {\n    memberSignIn(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.MemberSignInDocument,
    "\n  mutation MemberSignUp($input: MemberSignUpInput!) {\n    memberSignUp(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.MemberSignUpDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  fragment CampaignRow on Campaign {\n    id\n    name\n    description\n    status\n    priority\n    stacking\n    startsAt\n    endsAt\n    budgetPoints\n    spentPoints\n    activeVersion\n  }\n": types.CampaignRowFragmentDoc,
    "\n  query Campaigns($first: Int!, $after: String, $status: CampaignStatus) {\n    campaigns(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...CampaignRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CampaignsDocument,
    "\n  fragment CampaignDiagnostic on FlowDiagnostic {\n    code\n    severity\n    nodeId\n    edgeId\n    path\n    ru: message(locale: \"ru\")\n    en: message(locale: \"en\")\n  }\n": types.CampaignDiagnosticFragmentDoc,
    "\n  fragment CampaignVersionRow on CampaignVersion {\n    number\n    notes\n    publishedAt\n    authorStaffId\n    authorName\n    graph\n  }\n": types.CampaignVersionRowFragmentDoc,
    "\n  query CampaignEditor($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignRow\n      draftGraph\n      draftRevision\n      draftDiagnostics {\n        ...CampaignDiagnostic\n      }\n      versions {\n        ...CampaignVersionRow\n      }\n    }\n  }\n": types.CampaignEditorDocument,
    "\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.CreateCampaignDocument,
    "\n  mutation UpdateCampaignDraft($id: ID!, $input: CampaignInput!) {\n    updateCampaignDraft(id: $id, input: $input) {\n      __typename\n      ... on Campaign {\n        id\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.UpdateCampaignDraftDocument,
    "\n  mutation PublishCampaign($id: ID!, $notes: String) {\n    publishCampaign(id: $id, notes: $notes) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n        versions {\n          ...CampaignVersionRow\n        }\n      }\n      ... on PublishRefusedError {\n        message\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.PublishCampaignDocument,
    "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.PauseCampaignDocument,
    "\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.ResumeCampaignDocument,
    "\n  mutation RestoreCampaignVersion($id: ID!, $version: Int!) {\n    restoreCampaignVersion(id: $id, version: $version) {\n      __typename\n      ... on Campaign {\n        id\n        draftGraph\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.RestoreCampaignVersionDocument,
    "\n  query CampaignDiff($id: ID!, $from: Int!, $to: Int) {\n    campaign(id: $id) {\n      id\n      diff(from: $from, to: $to) {\n        nodesAdded\n        nodesRemoved\n        nodesChanged\n        edgesAdded\n        edgesRemoved\n      }\n    }\n  }\n": types.CampaignDiffDocument,
    "\n  mutation SimulateCampaign($id: ID!, $memberId: ID!, $event: SimulationEventInput!, $graph: JSON) {\n    simulateCampaign(id: $id, memberId: $memberId, event: $event, graph: $graph) {\n      __typename\n      ... on Simulation {\n        effects\n        exposures\n        trace\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.SimulateCampaignDocument,
    "\n  query SimulationMembers($search: String) {\n    members(first: 10, search: $search) {\n      edges {\n        node {\n          id\n          name\n          email\n          externalId\n        }\n      }\n    }\n  }\n": types.SimulationMembersDocument,
    "\n  query MembersPage($first: Int!, $after: String, $search: String) {\n    members(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          externalId\n          status\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MembersPageDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": types.ApiKeyRowFragmentDoc,
    "\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey {\n        secret\n        apiKey {\n          ...ApiKeyRow\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey {\n        ...ApiKeyRow\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment StaffUserRow on StaffUser {\n    id\n    name\n    email\n    role\n    disabled\n    createdAt\n    lastSignInAt\n  }\n": types.StaffUserRowFragmentDoc,
    "\n  query StaffUsers($first: Int!, $after: String) {\n    staffUsers(first: $first, after: $after) {\n      edges {\n        node {\n          ...StaffUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.StaffUsersDocument,
    "\n  mutation CreateStaffUser($input: CreateStaffUserInput!) {\n    createStaffUser(input: $input) {\n      __typename\n      ... on StaffUser {\n        ...StaffUserRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.CreateStaffUserDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffIdentity on StaffUser {\n    id\n    name\n    role\n  }\n"): (typeof documents)["\n  fragment StaffIdentity on StaffUser {\n    id\n    name\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberIdentity on Member {\n    id\n    name\n    email\n    locale\n  }\n"): (typeof documents)["\n  fragment MemberIdentity on Member {\n    id\n    name\n    email\n    locale\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      __typename\n      ...StaffIdentity\n      ...MemberIdentity\n      ... on ApiKey {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      __typename\n      ...StaffIdentity\n      ...MemberIdentity\n      ... on ApiKey {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffLogin($input: SignInInput!) {\n    login(input: $input) {\n      __typename\n      ... on StaffSession {\n        staffUser {\n          ...StaffIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StaffLogin($input: SignInInput!) {\n    login(input: $input) {\n      __typename\n      ... on StaffSession {\n        staffUser {\n          ...StaffIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MemberSignIn($input: SignInInput!) {\n    memberSignIn(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MemberSignIn($input: SignInInput!) {\n    memberSignIn(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MemberSignUp($input: MemberSignUpInput!) {\n    memberSignUp(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MemberSignUp($input: MemberSignUpInput!) {\n    memberSignUp(input: $input) {\n      __typename\n      ... on MemberSession {\n        member {\n          ...MemberIdentity\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignRow on Campaign {\n    id\n    name\n    description\n    status\n    priority\n    stacking\n    startsAt\n    endsAt\n    budgetPoints\n    spentPoints\n    activeVersion\n  }\n"): (typeof documents)["\n  fragment CampaignRow on Campaign {\n    id\n    name\n    description\n    status\n    priority\n    stacking\n    startsAt\n    endsAt\n    budgetPoints\n    spentPoints\n    activeVersion\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaigns($first: Int!, $after: String, $status: CampaignStatus) {\n    campaigns(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...CampaignRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Campaigns($first: Int!, $after: String, $status: CampaignStatus) {\n    campaigns(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...CampaignRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignDiagnostic on FlowDiagnostic {\n    code\n    severity\n    nodeId\n    edgeId\n    path\n    ru: message(locale: \"ru\")\n    en: message(locale: \"en\")\n  }\n"): (typeof documents)["\n  fragment CampaignDiagnostic on FlowDiagnostic {\n    code\n    severity\n    nodeId\n    edgeId\n    path\n    ru: message(locale: \"ru\")\n    en: message(locale: \"en\")\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignVersionRow on CampaignVersion {\n    number\n    notes\n    publishedAt\n    authorStaffId\n    authorName\n    graph\n  }\n"): (typeof documents)["\n  fragment CampaignVersionRow on CampaignVersion {\n    number\n    notes\n    publishedAt\n    authorStaffId\n    authorName\n    graph\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CampaignEditor($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignRow\n      draftGraph\n      draftRevision\n      draftDiagnostics {\n        ...CampaignDiagnostic\n      }\n      versions {\n        ...CampaignVersionRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query CampaignEditor($id: ID!) {\n    campaign(id: $id) {\n      ...CampaignRow\n      draftGraph\n      draftRevision\n      draftDiagnostics {\n        ...CampaignDiagnostic\n      }\n      versions {\n        ...CampaignVersionRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCampaignDraft($id: ID!, $input: CampaignInput!) {\n    updateCampaignDraft(id: $id, input: $input) {\n      __typename\n      ... on Campaign {\n        id\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCampaignDraft($id: ID!, $input: CampaignInput!) {\n    updateCampaignDraft(id: $id, input: $input) {\n      __typename\n      ... on Campaign {\n        id\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishCampaign($id: ID!, $notes: String) {\n    publishCampaign(id: $id, notes: $notes) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n        versions {\n          ...CampaignVersionRow\n        }\n      }\n      ... on PublishRefusedError {\n        message\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PublishCampaign($id: ID!, $notes: String) {\n    publishCampaign(id: $id, notes: $notes) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n        versions {\n          ...CampaignVersionRow\n        }\n      }\n      ... on PublishRefusedError {\n        message\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      __typename\n      ... on Campaign {\n        ...CampaignRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreCampaignVersion($id: ID!, $version: Int!) {\n    restoreCampaignVersion(id: $id, version: $version) {\n      __typename\n      ... on Campaign {\n        id\n        draftGraph\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreCampaignVersion($id: ID!, $version: Int!) {\n    restoreCampaignVersion(id: $id, version: $version) {\n      __typename\n      ... on Campaign {\n        id\n        draftGraph\n        draftRevision\n        draftDiagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CampaignDiff($id: ID!, $from: Int!, $to: Int) {\n    campaign(id: $id) {\n      id\n      diff(from: $from, to: $to) {\n        nodesAdded\n        nodesRemoved\n        nodesChanged\n        edgesAdded\n        edgesRemoved\n      }\n    }\n  }\n"): (typeof documents)["\n  query CampaignDiff($id: ID!, $from: Int!, $to: Int) {\n    campaign(id: $id) {\n      id\n      diff(from: $from, to: $to) {\n        nodesAdded\n        nodesRemoved\n        nodesChanged\n        edgesAdded\n        edgesRemoved\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SimulateCampaign($id: ID!, $memberId: ID!, $event: SimulationEventInput!, $graph: JSON) {\n    simulateCampaign(id: $id, memberId: $memberId, event: $event, graph: $graph) {\n      __typename\n      ... on Simulation {\n        effects\n        exposures\n        trace\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SimulateCampaign($id: ID!, $memberId: ID!, $event: SimulationEventInput!, $graph: JSON) {\n    simulateCampaign(id: $id, memberId: $memberId, event: $event, graph: $graph) {\n      __typename\n      ... on Simulation {\n        effects\n        exposures\n        trace\n        diagnostics {\n          ...CampaignDiagnostic\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimulationMembers($search: String) {\n    members(first: 10, search: $search) {\n      edges {\n        node {\n          id\n          name\n          email\n          externalId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SimulationMembers($search: String) {\n    members(first: 10, search: $search) {\n      edges {\n        node {\n          id\n          name\n          email\n          externalId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MembersPage($first: Int!, $after: String, $search: String) {\n    members(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          externalId\n          status\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MembersPage($first: Int!, $after: String, $search: String) {\n    members(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          externalId\n          status\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey {\n        secret\n        apiKey {\n          ...ApiKeyRow\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey {\n        secret\n        apiKey {\n          ...ApiKeyRow\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey {\n        ...ApiKeyRow\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey {\n        ...ApiKeyRow\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffUserRow on StaffUser {\n    id\n    name\n    email\n    role\n    disabled\n    createdAt\n    lastSignInAt\n  }\n"): (typeof documents)["\n  fragment StaffUserRow on StaffUser {\n    id\n    name\n    email\n    role\n    disabled\n    createdAt\n    lastSignInAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffUsers($first: Int!, $after: String) {\n    staffUsers(first: $first, after: $after) {\n      edges {\n        node {\n          ...StaffUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffUsers($first: Int!, $after: String) {\n    staffUsers(first: $first, after: $after) {\n      edges {\n        node {\n          ...StaffUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateStaffUser($input: CreateStaffUserInput!) {\n    createStaffUser(input: $input) {\n      __typename\n      ... on StaffUser {\n        ...StaffUserRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateStaffUser($input: CreateStaffUserInput!) {\n    createStaffUser(input: $input) {\n      __typename\n      ... on StaffUser {\n        ...StaffUserRow\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;