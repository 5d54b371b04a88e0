import type { NodeDefinition, NodeGroup } from './definition';
import { actionAddToSegment } from './nodes/action-add-to-segment';
import { actionAwardPoints } from './nodes/action-award-points';
import { actionCashback } from './nodes/action-cashback';
import { actionChallengeProgress } from './nodes/action-challenge-progress';
import { actionDiscount } from './nodes/action-discount';
import { actionGrantBadge } from './nodes/action-grant-badge';
import { actionGrantOffer } from './nodes/action-grant-offer';
import { actionIssueReward } from './nodes/action-issue-reward';
import { actionNotify } from './nodes/action-notify';
import { actionSetTier } from './nodes/action-set-tier';
import { conditionAmount } from './nodes/condition-amount';
import { conditionAttribute } from './nodes/condition-attribute';
import { conditionChannel } from './nodes/condition-channel';
import { conditionClub } from './nodes/condition-club';
import { conditionFirstPurchase } from './nodes/condition-first-purchase';
import { conditionItems } from './nodes/condition-items';
import { conditionSegment } from './nodes/condition-segment';
import { conditionTier } from './nodes/condition-tier';
import { conditionTimeWindow } from './nodes/condition-time-window';
import { conditionWindowAggregate } from './nodes/condition-window-aggregate';
import { flowWait } from './nodes/flow-wait';
import { limitCap } from './nodes/limit-cap';
import { splitAb } from './nodes/split-ab';
import { triggerBirthday } from './nodes/trigger-birthday';
import { triggerChallengeCompleted } from './nodes/trigger-challenge-completed';
import { triggerCommunityPost } from './nodes/trigger-community-post';
import { triggerEvent } from './nodes/trigger-event';
import { triggerInactivity } from './nodes/trigger-inactivity';
import { triggerPointsExpiring } from './nodes/trigger-points-expiring';
import { triggerPurchase } from './nodes/trigger-purchase';
import { triggerReferral } from './nodes/trigger-referral';
import { triggerSchedule } from './nodes/trigger-schedule';
import { triggerSignup } from './nodes/trigger-signup';
import { triggerSurveyAnswered } from './nodes/trigger-survey-answered';
import { triggerTierChanged } from './nodes/trigger-tier-changed';

/** Every node kind, in palette order. A new kind adds its file in nodes/ and one line here. */
const definitions: NodeDefinition<never>[] = [
  triggerPurchase,
  triggerEvent,
  triggerSignup,
  triggerBirthday,
  triggerReferral,
  triggerTierChanged,
  triggerCommunityPost,
  triggerSurveyAnswered,
  triggerChallengeCompleted,
  triggerSchedule,
  triggerInactivity,
  triggerPointsExpiring,
  conditionAmount,
  conditionItems,
  conditionTier,
  conditionSegment,
  conditionClub,
  conditionAttribute,
  conditionChannel,
  conditionTimeWindow,
  conditionWindowAggregate,
  conditionFirstPurchase,
  splitAb,
  limitCap,
  flowWait,
  actionAwardPoints,
  actionCashback,
  actionDiscount,
  actionIssueReward,
  actionSetTier,
  actionGrantBadge,
  actionChallengeProgress,
  actionNotify,
  actionAddToSegment,
  actionGrantOffer,
] as unknown as NodeDefinition<never>[];

export const NODE_CATALOG: ReadonlyMap<string, NodeDefinition<Record<string, unknown>>> = new Map(
  definitions.map((d) => [d.kind, d as unknown as NodeDefinition<Record<string, unknown>>]),
);

export const NODE_GROUPS: NodeGroup[] = ['trigger', 'condition', 'flow', 'action'];

export function nodeDefinition(kind: string): NodeDefinition<Record<string, unknown>> | undefined {
  return NODE_CATALOG.get(kind);
}

/** A node's parameters with defaults filled in, or the validation issues. */
export function parseParams(kind: string, params: unknown) {
  const definition = NODE_CATALOG.get(kind);
  if (!definition) return { success: false as const, issues: [{ path: [] as PropertyKey[], message: `unknown node kind "${kind}"` }] };
  const result = definition.params.safeParse(params ?? {});
  return result.success ? { success: true as const, data: result.data } : { success: false as const, issues: result.error.issues };
}
