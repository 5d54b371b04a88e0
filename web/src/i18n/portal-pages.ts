// The portal pages whose messages come with their own chunk (portal/page-messages.ts),
// listed here so that en.ts and ru.ts type-check and test every key.
import challengesEn from '../portal/challenges/messages.en';
import challengesRu from '../portal/challenges/messages.ru';
import clubEn from '../portal/club/messages.en';
import clubRu from '../portal/club/messages.ru';
import communityEn from '../portal/community/messages.en';
import communityRu from '../portal/community/messages.ru';
import historyEn from '../portal/history/messages.en';
import historyRu from '../portal/history/messages.ru';
import offersEn from '../portal/offers/messages.en';
import offersRu from '../portal/offers/messages.ru';
import passwordResetEn from '../portal/password-reset/messages.en';
import passwordResetRu from '../portal/password-reset/messages.ru';
import profileEn from '../portal/profile/messages.en';
import profileRu from '../portal/profile/messages.ru';
import privacyEn from '../portal/privacy/messages.en';
import privacyRu from '../portal/privacy/messages.ru';
import referralsEn from '../portal/referrals/messages.en';
import referralsRu from '../portal/referrals/messages.ru';
import rewardsEn from '../portal/rewards/messages.en';
import rewardsRu from '../portal/rewards/messages.ru';
import surveysEn from '../portal/surveys/messages.en';
import surveysRu from '../portal/surveys/messages.ru';

export const portalPagesEn = { rewards: rewardsEn, referrals: referralsEn, privacy: privacyEn, offers: offersEn, challenges: challengesEn, club: clubEn, passwordReset: passwordResetEn, history: historyEn, profile: profileEn, surveys: surveysEn, community: communityEn };
export const portalPagesRu: typeof portalPagesEn = { rewards: rewardsRu, referrals: referralsRu, privacy: privacyRu, offers: offersRu, challenges: challengesRu, club: clubRu, passwordReset: passwordResetRu, history: historyRu, profile: profileRu, surveys: surveysRu, community: communityRu };
