import type { CommunityPenaltyKind, ModerationPenaltyFragment } from '../../graphql/generated/graphql';

export interface PenaltyFormValues {
  kind: CommunityPenaltyKind;
  days: string;
  reason: string;
}

export interface PenaltyInput {
  kind: CommunityPenaltyKind;
  days: number;
  reason: string;
}

export type PenaltyIssue = 'days' | 'reason';

/** The same bounds the server keeps (1 to 3650 days, a reason of 3 to 500 characters), told before sending. */
export function toPenaltyInput(values: PenaltyFormValues): { input: PenaltyInput | null; issues: Partial<Record<'days' | 'reason', PenaltyIssue>> } {
  const issues: Partial<Record<'days' | 'reason', PenaltyIssue>> = {};
  const days = values.days.trim();
  const reason = values.reason.trim();
  if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 3650) issues.days = 'days';
  if (reason.length < 3 || reason.length > 500) issues.reason = 'reason';
  return { input: Object.keys(issues).length ? null : { kind: values.kind, days: Number(days), reason }, issues };
}

export type PenaltyState = 'active' | 'lifted' | 'ended';

export function penaltyState(penalty: Pick<ModerationPenaltyFragment, 'endsAt' | 'liftedAt'>, now = new Date()): PenaltyState {
  if (penalty.liftedAt) return 'lifted';
  return new Date(penalty.endsAt).getTime() > now.getTime() ? 'active' : 'ended';
}
