import {
  ConflictError,
  DomainError,
  InsufficientPointsError,
  InvalidCredentialsError,
  NotAllowedError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
  type FieldError,
} from '../errors';
import { builder } from './builder';

/** Every expected failure: a stable `code` for programs and a `message` for people. */
export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  description: 'One invalid input field: its path from the argument (e.g. ["input", "email"]) and what is wrong.',
  fields: (t) => ({
    path: t.exposeStringList('path'),
    message: t.exposeString('message'),
    code: t.exposeString('code', { description: 'too_small, too_big, invalid_format, invalid_value, custom…' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorRef], resolve: (error) => error.fieldErrors }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    entity: t.exposeString('entity'),
    id: t.exposeString('id'),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: () => ({}),
});

builder.objectType(InsufficientPointsError, {
  name: 'InsufficientPointsError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InsufficientPointsError,
  fields: (t) => ({
    available: t.exposeInt('available'),
    requested: t.exposeInt('requested'),
  }),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
  fields: () => ({}),
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RateLimitedError,
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds'),
  }),
});

builder.objectType(NotAllowedError, {
  name: 'NotAllowedError',
  description: 'Not allowed here: reason is topicLocked, topicClosed, topicArchived, tierRequired, staffOnly, silenced, suspended, notAuthor or memberInactive.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotAllowedError,
  fields: (t) => ({
    reason: t.exposeString('reason'),
  }),
});
