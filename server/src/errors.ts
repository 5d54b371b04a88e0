/**
 * Expected failures of the domain. Services throw them; the GraphQL layer turns each into
 * a member of the field's result union (Pothos errors plugin). Anything else that is
 * thrown is a bug and is masked before it reaches a client.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export interface FieldError {
  /** Path to the input field, e.g. ["input", "email"]. */
  path: string[];
  message: string;
  /** What kind of problem, for clients that word it themselves: too_small, invalid_format, custom… */
  code: string;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly fieldErrors: FieldError[], message = 'The input is not valid.') {
    super(message);
  }

  static of(path: string | string[], message: string, code = 'custom'): ValidationError {
    return new ValidationError([{ path: Array.isArray(path) ? path : [path], message, code }], message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message);
  }
}

export class InsufficientPointsError extends DomainError {
  readonly code = 'INSUFFICIENT_POINTS';
  constructor(readonly available: number, readonly requested: number) {
    super(`Not enough points: ${available} available, ${requested} requested.`);
  }
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('The email or the password is wrong.');
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} s.`);
  }
}

/** Converts zod issues to field errors rooted at `root` (e.g. "input"). */
export function validationErrorFromZod(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[],
  root: string[] = [],
): ValidationError {
  return new ValidationError(
    issues.map((issue) => ({ path: [...root, ...issue.path.map(String)], message: issue.message, code: issue.code ?? 'custom' })),
  );
}

/** The caller may not do this here: a locked topic, a category above their tier, a silence. `reason` says which. */
export class NotAllowedError extends DomainError {
  readonly code = 'NOT_ALLOWED';
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}
