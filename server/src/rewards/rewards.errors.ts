import { DomainError } from '../errors';

/** Why a reward cannot be had right now; the catalog shows the same reasons. */
export const UNAVAILABLE_REASONS = ['archived', 'notYetValid', 'expired', 'tierTooLow', 'outOfStock', 'limitReached', 'notEnoughPoints'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export class RewardNotAvailableError extends DomainError {
  readonly code = 'REWARD_NOT_AVAILABLE';
  constructor(readonly reason: Extract<UnavailableReason, 'archived' | 'notYetValid' | 'expired' | 'tierTooLow'>, message: string) {
    super(message);
  }
}

export class RewardOutOfStockError extends DomainError {
  readonly code = 'REWARD_OUT_OF_STOCK';
  constructor(readonly rewardCode: string) {
    super(`The reward ${rewardCode} is out of stock.`);
  }
}

export class RewardLimitReachedError extends DomainError {
  readonly code = 'REWARD_LIMIT_REACHED';
  constructor(readonly limit: number) {
    super(`The member has already had this reward ${limit} time(s), the most allowed.`);
  }
}

export class CouponNotFoundError extends DomainError {
  readonly code = 'COUPON_NOT_FOUND';
  constructor() {
    super('No such coupon.');
  }
}

export class CouponAlreadyUsedError extends DomainError {
  readonly code = 'COUPON_ALREADY_USED';
  constructor(readonly usedAt: Date | null) {
    super('The coupon has already been used.');
  }
}

export class CouponExpiredError extends DomainError {
  readonly code = 'COUPON_EXPIRED';
  constructor(readonly expiresAt: Date | null) {
    super('The coupon has expired.');
  }
}
