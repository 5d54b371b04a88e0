import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';

export const REFERRAL_ROLES = ['referrer', 'referee'] as const;
export type ReferralRole = (typeof REFERRAL_ROLES)[number];

export const triggerReferral = defineNode({
  kind: 'trigger.referral',
  group: 'trigger',
  label: t('Приглашённый друг', 'Referral qualified'),
  help: t(
    'Запускается, когда приглашённый друг выполнил условия программы: для пригласившего или для самого друга — по выбору.',
    'Starts when an invited friend meets the referral terms: for the referrer or for the friend, as chosen.',
  ),
  params: z.object({ role: z.enum(REFERRAL_ROLES).default('referrer') }),
  ui: {
    role: {
      label: t('Для кого', 'For whom'),
      widget: 'select',
      options: { referrer: t('Пригласивший', 'Referrer'), referee: t('Приглашённый друг', 'Invited friend') },
    },
  },
  outputs: () => ['out'],
  summary: (p, locale) =>
    p.role === 'referee'
      ? t('Приглашённый выполнил условия (награда другу)', 'An invited friend qualifies (reward the friend)')[locale]
      : t('Когда приглашённый друг выполнил условия', 'When an invited friend qualifies')[locale],
  requires: 'referrals',
  // The qualification fires one event per side; an event without a role is the referrer's (older senders).
  trigger: { event: 'referral', matches: (p, event) => (event.data?.role ?? 'referrer') === p.role },
});
