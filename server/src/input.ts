import type { z } from 'zod';
import { validationErrorFromZod } from './errors';

/** Parses an input with its zod schema, or throws a ValidationError with field paths under `root`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root: string[] = ['input']): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationErrorFromZod(result.error.issues, root);
  return result.data;
}

/** The fields that were given: GraphQL leaves optional inputs undefined, and defaults must win over them. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
