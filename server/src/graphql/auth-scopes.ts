import { GraphQLError } from 'graphql';
import type { ApiKeyScope, StaffRole } from '@patron/schema';
import type { Context } from './context';
import { forbidden } from './request-errors';

/** The scope checks Pothos runs for `authScopes: { … }` on types and fields. */
export function authScopesFor(ctx: Context) {
  const { actor } = ctx;
  return {
    staff: actor.kind === 'staff',
    roles: (roles: StaffRole[]) => actor.kind === 'staff' && (actor.role === 'admin' || roles.includes(actor.role)),
    member: actor.kind === 'member',
    // A partner's key is an outside company's: it passes only where a field names partnerScope.
    apiScope: (scope: ApiKeyScope) => actor.kind === 'apiKey' && actor.partnerId === null && actor.scopes.includes(scope),
    partnerScope: (scope: ApiKeyScope) => actor.kind === 'apiKey' && actor.partnerId !== null && actor.scopes.includes(scope),
  };
}

/** Anonymous callers are told to sign in; signed-in ones that lack the right, that it is forbidden. */
export function unauthorizedError(_parent: unknown, ctx: Context): GraphQLError {
  if (ctx.actor.kind === 'anonymous') {
    return new GraphQLError('Sign in to do this.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return forbidden();
}
