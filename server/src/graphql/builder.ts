import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { ApiKeyScope, StaffRole } from '@patron/schema';
import type { Context } from './context';
import { authScopesFor, unauthorizedError } from './auth-scopes';
import { complexityError, tooManyIds, validationError } from './request-errors';

/** What one nodes(ids:) request may name: a page of the console's lists. */
export const MAX_NODE_IDS = 100;

export interface AuthScopes {
  /** Any signed-in staff user. */
  staff: boolean;
  /** Staff with one of these roles; admin passes every role check. */
  roles: StaffRole[];
  /** A signed-in member. */
  member: boolean;
  /** An API key of the brand (not a partner's) holding this scope. */
  apiScope: ApiKeyScope;
  /** A coalition partner's API key holding this scope: only fields that confine it to its partner say so. */
  partnerScope: ApiKeyScope;
}

/** The builder and its plugins, nothing else: types live in each domain's *.graphql.ts. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: authScopesFor,
    unauthorizedError,
  },
  errors: { defaultTypes: [] },
  validation: { validationError },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: {
      description: `The objects of these ids, in their order (null for one not found or not yours to see); at most ${MAX_NODE_IDS} ids.`,
      // One batch per type reads them all: an unbounded list was an unbounded statement (and refused by SQLite past its variable limit).
      resolve: (_root, args, _ctx, _info, resolveNodes) => {
        if (args.ids.length > MAX_NODE_IDS) throw tooManyIds('nodes', args.ids.length, MAX_NODE_IDS);
        return resolveNodes(args.ids);
      },
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: (ctx) => ctx.services.graphqlLimits,
    complexityError,
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
