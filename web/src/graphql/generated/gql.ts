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