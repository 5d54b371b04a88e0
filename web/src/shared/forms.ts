import type { ApolloError } from '@apollo/client/core';

export interface FieldErrorLike {
  path: readonly string[];
  message: string;
}

/**
 * Turns a ValidationError's field paths (["input", "email"]) into a map from field name
 * to message ("email" → "must be an email address"), so that each message can sit under
 * its own input. The first message for a field wins; nested paths ("scopes", "0") belong
 * to their top field.
 */
export function fieldErrorMap(errors: readonly FieldErrorLike[], root = 'input'): Record<string, string> {
  const map: Record<string, string> = {};
  for (const error of errors) {
    const path = error.path[0] === root ? error.path.slice(1) : error.path;
    const field = path[0] ?? '';
    if (!(field in map)) map[field] = error.message;
  }
  return map;
}

/** Field errors that no input on the form shows, so that they are not silently lost. */
export function unplacedErrors(map: Record<string, string>, fields: readonly string[]): string[] {
  return Object.entries(map)
    .filter(([field]) => !fields.includes(field))
    .map(([field, message]) => (field ? `${field}: ${message}` : message));
}

/**
 * The server refused what was asked (an id that is no id, a cursor that is no cursor): asking
 * again will not help, and it is no fault on the server's side.
 */
export function isBadRequest(error: unknown): boolean {
  const errors = error && typeof error === 'object' && 'graphQLErrors' in error ? (error as ApolloError).graphQLErrors : [];
  return errors.length > 0 && errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT');
}

/** Network trouble reads differently from a bug on the server. */
export function isNetworkError(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && 'networkError' in error && (error as ApolloError).networkError);
}
