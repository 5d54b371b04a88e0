import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ClubPayment } from '../clubs/club-payment.entity';
import { ClubSubscription } from '../clubs/club-subscription.entity';
import { ChallengeProgress } from '../gamification/challenge-progress.entity';
import { MemberBadge } from '../gamification/member-badge.entity';
import { MessageDelivery } from '../notifications/message-delivery.entity';
import { MemberOffer } from '../offers/member-offer.entity';
import { Referral } from '../referrals/referral.entity';
import { Coupon } from '../rewards/coupon.entity';
import { RewardRedemption } from '../rewards/reward-redemption.entity';
import type { PrivacyService } from './privacy.service';

const rowsOf =
  <T extends ObjectLiteral>(entity: EntityTarget<T>, column = 'memberId') =>
  (em: EntityManager, memberId: number) =>
    em.find(entity, { where: { [column]: memberId } as never, order: { id: 'ASC' } as never });

/** The engagement domains' part of a member's data: what the export holds and what anonymisation removes. */
export function registerEngagementData(privacy: PrivacyService): void {
  privacy.addSection('coupons', rowsOf(Coupon));
  privacy.addSection('rewardRedemptions', rowsOf(RewardRedemption));
  privacy.addSection('referralsMade', rowsOf(Referral, 'referrerId'));
  privacy.addSection('referredBy', rowsOf(Referral, 'refereeId'));
  privacy.addSection('clubSubscriptions', rowsOf(ClubSubscription));
  privacy.addSection('clubPayments', rowsOf(ClubPayment));
  privacy.addSection('badges', rowsOf(MemberBadge));
  privacy.addSection('challengeProgress', rowsOf(ChallengeProgress));
  privacy.addSection('offers', rowsOf(MemberOffer));
  privacy.addSection('messages', rowsOf(MessageDelivery));
  // Sent mail names the person and their address; the log keeps that a message went, not to whom or what it said.
  privacy.addEraser((em, memberId) => em.update(MessageDelivery, { memberId }, { recipient: '', subject: '', body: '' }).then(() => undefined));
}
