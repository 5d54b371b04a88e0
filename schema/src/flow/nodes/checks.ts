import type { z } from 'zod';

/**
 * For a check across fields: run it only once those fields passed their own checks, so an
 * hour of 25 is reported once, at the hour, and not again as "the end is before the start".
 */
export const whenValid =
  (...fields: string[]) =>
  (payload: z.core.ParsePayload): boolean =>
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));
