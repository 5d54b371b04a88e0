import { GraphQLError } from 'graphql';
import type { ComplexityErrorKind, ComplexityResult } from '@pothos/plugin-complexity';

/**
 * Errors about the shape of a request (too deep, too costly, an argument out of range)
 * are GraphQL errors with a stable code; errors about the content of an input are
 * typed results (see errors.graphql.ts).
 */
export function complexityError(
  kind: ComplexityErrorKind,
  result: ComplexityResult & { maxDepth?: number; maxBreadth?: number; maxComplexity?: number },
) {
  const name = kind.toLowerCase() as 'depth' | 'breadth' | 'complexity';
  const max = { depth: result.maxDepth, breadth: result.maxBreadth, complexity: result.maxComplexity }[name];
  return new GraphQLError(`Query ${name} ${result[name]} exceeds the limit of ${max}.`, {
    extensions: { code: `${name.toUpperCase()}_LIMIT_EXCEEDED`, limit: max, actual: result[name] },
  });
}

export function tooManyIds(field: string, actual: number, limit: number) {
  return new GraphQLError(`${field} takes at most ${limit} ids; this request named ${actual}.`, { extensions: { code: 'BAD_USER_INPUT', limit, actual } });
}

export function validationError(result: { issues: readonly { message: string; path?: readonly unknown[] }[] }) {
  const fieldErrors = result.issues.map((issue) => ({
    path: (issue.path ?? []).map((part) => String(typeof part === 'object' && part !== null && 'key' in part ? (part as { key: unknown }).key : part)),
    message: issue.message,
  }));
  return new GraphQLError(fieldErrors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; '), {
    extensions: { code: 'BAD_USER_INPUT', fieldErrors },
  });
}

export function forbidden(message = 'You are not allowed to do this.') {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
