import { ApiKey } from './auth/api-key.entity';
import { CampaignVersion } from './campaigns/campaign-version.entity';
import { Campaign } from './campaigns/campaign.entity';
import { Exposure } from './campaigns/exposure.entity';
import { CapUsage } from './rules/cap-usage.entity';
import { Job } from './jobs/job.entity';
import { MemberEvent } from './rules/member-event.entity';
import { RuleTrace } from './rules/rule-trace.entity';
import { MemberCredential } from './auth/member-credential.entity';
import { MemberPasswordReset } from './auth/member-password-reset.entity';
import { Session } from './auth/session.entity';
import { StaffUser } from './auth/staff-user.entity';
import { LoyaltyAccount } from './ledger/account.entity';
import { LedgerEntry } from './ledger/ledger-entry.entity';
import { PointLot } from './ledger/point-lot.entity';
import { Redemption } from './ledger/redemption.entity';
import { ImportError } from './imports/import-error.entity';
import { ImportJob } from './imports/import-job.entity';
import { ConsentRecord } from './members/consent-record.entity';
import { Member } from './members/member.entity';
import { Program } from './programs/program.entity';
import { TierChange } from './programs/tier-change.entity';
import { Tier } from './programs/tier.entity';
import { PurchaseItem } from './purchases/purchase-item.entity';
import { Purchase } from './purchases/purchase.entity';
import { Refund } from './purchases/refund.entity';
import { SegmentMember } from './segments/segment-member.entity';
import { ProductReview } from './feedback/product-review.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { SurveyResponse } from './feedback/survey-response.entity';
import { Survey } from './feedback/survey.entity';
import { SegmentSize } from './segments/segment-size.entity';
import { Segment } from './segments/segment.entity';
import { ReferralTerms } from './referrals/referral-terms.entity';
import { Referral } from './referrals/referral.entity';
import { Coupon } from './rewards/coupon.entity';
import { RewardRedemption } from './rewards/reward-redemption.entity';
import { Reward } from './rewards/reward.entity';
import { ClubPayment } from './clubs/club-payment.entity';
import { ClubPlan } from './clubs/club-plan.entity';
import { ClubSubscription } from './clubs/club-subscription.entity';
import { Badge } from './gamification/badge.entity';
import { MemberBadge } from './gamification/member-badge.entity';
import { Challenge } from './gamification/challenge.entity';
import { ChallengeProgress } from './gamification/challenge-progress.entity';
import { Partner } from './partners/partner.entity';
import { MemberOffer } from './offers/member-offer.entity';
import { Offer } from './offers/offer.entity';
import { MessageDelivery } from './notifications/message-delivery.entity';
import { MessageTemplate } from './notifications/message-template.entity';
import { WebhookDelivery } from './notifications/webhook-delivery.entity';
import { WebhookSubscription } from './notifications/webhook-subscription.entity';
import { CommunityCategory } from './community/category.entity';
import { CommunityTopic } from './community/topic.entity';
import { CommunityPost } from './community/post.entity';
import { CommunityPostRevision } from './community/post-revision.entity';
import { CommunityPostAction } from './community/post-action.entity';
import { CommunityTopicUser } from './community/topic-user.entity';
import { CommunityBookmark } from './community/bookmark.entity';
import { CommunityNotification } from './community/community-notification.entity';
import { CommunityPenalty } from './community/community-penalty.entity';
import { CommunityProfile } from './community/community-profile.entity';

/** Every domain's entities, handed to the DataSource. A new domain adds its line here. */
export const entities = [
  Member,
  StaffUser,
  MemberCredential,
  MemberPasswordReset,
  Session,
  ApiKey,
  Program,
  Tier,
  TierChange,
  LoyaltyAccount,
  LedgerEntry,
  PointLot,
  Redemption,
  Purchase,
  PurchaseItem,
  Refund,
  Campaign,
  CampaignVersion,
  Exposure,
  RuleTrace,
  CapUsage,
  MemberEvent,
  Job,
  Segment,
  SegmentMember,
  SegmentSize,
  Survey,
  SurveyResponse,
  ProductReview,
  AuditEntry,
  ConsentRecord,
  ImportJob,
  ImportError,
  Referral,
  ReferralTerms,
  Reward,
  Coupon,
  RewardRedemption,
  ClubPlan,
  ClubSubscription,
  ClubPayment,
  Badge,
  MemberBadge,
  Challenge,
  ChallengeProgress,
  Partner,
  Offer,
  MemberOffer,
  MessageTemplate,
  MessageDelivery,
  WebhookSubscription,
  WebhookDelivery,
  CommunityCategory,
  CommunityTopic,
  CommunityPost,
  CommunityPostRevision,
  CommunityPostAction,
  CommunityTopicUser,
  CommunityBookmark,
  CommunityNotification,
  CommunityPenalty,
  CommunityProfile,
];
