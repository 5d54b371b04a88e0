import type { RedeemRewardMutation, RewardUnavailableReason } from '../../graphql/generated/graphql';

type Translate = (key: string, values?: Record<string, unknown>) => string;
export type RedeemResult = RedeemRewardMutation['redeemReward'];

/** Why a reward cannot be had, in words; the tier is named when it is the reason. */
export function reasonText(reason: RewardUnavailableReason, t: Translate, minTier?: string | null): string {
  return t(`portal.rewards.reason.${reason}`, { tier: minTier ?? '' });
}

/** A redemption that did not happen, in words; null for a success. */
export function redeemFailureText(result: RedeemResult | null | undefined, t: Translate): string | null {
  switch (result?.__typename) {
    case 'RewardRedeemed':
      return null;
    case 'InsufficientPointsError':
      return t('portal.rewards.error.InsufficientPointsError', { available: result.available, requested: result.requested });
    case 'RewardLimitReachedError':
      return t('portal.rewards.error.RewardLimitReachedError', { limit: result.limit });
    case 'RewardNotAvailableError':
      return t(`portal.rewards.reason.${result.reason}`, { tier: '' });
    case 'RewardOutOfStockError':
    case 'NotFoundError':
    case 'ConflictError':
      return t(`portal.rewards.error.${result.__typename}`);
    default:
      return t('common.unexpectedError');
  }
}

/** A key the server remembers a redemption by: a new one for every confirmation. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return `portal-${crypto.randomUUID()}`;
  return `portal-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
