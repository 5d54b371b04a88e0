import { API_KEY_SCOPES } from '@patron/schema';
import type { ApiKeyScope } from '../../../graphql/generated/graphql';

// The scope list comes from @patron/schema, where the server reads it too; GraphQL spells
// "members:read" as MEMBERS_READ.
export const SCOPE_OPTIONS: { value: ApiKeyScope; code: string }[] = API_KEY_SCOPES.map((code) => ({
  value: code.replace(/[^a-z]+/gi, '_').toUpperCase() as ApiKeyScope,
  code,
}));

export function scopeCode(scope: ApiKeyScope): string {
  return SCOPE_OPTIONS.find((option) => option.value === scope)?.code ?? scope.toLowerCase();
}
