export interface AdjustFormValues {
  points: string;
  reason: string;
}

export interface AdjustInput {
  points: number;
  reason: string;
}

export type AdjustIssue = 'pointsRequired' | 'pointsWhole' | 'pointsZero' | 'pointsRange' | 'reasonRequired' | 'reasonShort' | 'reasonLong';

/** The server's bounds (checkout.service.ts): whole points, not zero, up to a billion either way; a reason of 3 to 500 characters. */
export const MAX_ADJUST_POINTS = 1_000_000_000;
export const REASON_MIN = 3;
export const REASON_MAX = 500;

/**
 * Reads the form as the server will, before anything is sent. Staff type "-50", "−50"
 * (a typographic minus pasted from a document) or "1 000"; all of them are understood.
 */
export function toAdjustInput(values: AdjustFormValues): { input: AdjustInput | null; issues: Partial<Record<'points' | 'reason', AdjustIssue>> } {
  const issues: Partial<Record<'points' | 'reason', AdjustIssue>> = {};
  const raw = values.points.replace(/[\s\u00a0\u202f]/g, '').replace(/^[\u2212\u2013]/, '-');
  const reason = values.reason.trim();
  const points = Number(raw);
  if (!raw) issues.points = 'pointsRequired';
  else if (!/^[+-]?\d+$/.test(raw)) issues.points = 'pointsWhole';
  else if (points === 0) issues.points = 'pointsZero';
  else if (Math.abs(points) > MAX_ADJUST_POINTS) issues.points = 'pointsRange';
  if (!reason) issues.reason = 'reasonRequired';
  else if (reason.length < REASON_MIN) issues.reason = 'reasonShort';
  else if (reason.length > REASON_MAX) issues.reason = 'reasonLong';
  return { input: Object.keys(issues).length ? null : { points, reason }, issues };
}
