// The portal pages whose messages come with their own chunk (portal/page-messages.ts),
// listed here so that en.ts and ru.ts type-check and test every key.
import privacyEn from '../portal/privacy/messages.en';
import privacyRu from '../portal/privacy/messages.ru';
import referralsEn from '../portal/referrals/messages.en';
import referralsRu from '../portal/referrals/messages.ru';
import rewardsEn from '../portal/rewards/messages.en';
import rewardsRu from '../portal/rewards/messages.ru';

export const portalPagesEn = { rewards: rewardsEn, referrals: referralsEn, privacy: privacyEn };
export const portalPagesRu: typeof portalPagesEn = { rewards: rewardsRu, referrals: referralsRu, privacy: privacyRu };
