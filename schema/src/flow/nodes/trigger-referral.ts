import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';

export const triggerReferral = defineNode({
  kind: 'trigger.referral',
  group: 'trigger',
  label: t('Приглашённый друг', 'Referral qualified'),
  help: t(
    'Запускается для пригласившего, когда приглашённый им друг выполнил условия программы.',
    'Starts for the referrer when a friend they invited meets the referral terms.',
  ),
  params: z.object({}),
  ui: {},
  outputs: () => ['out'],
  summary: (_p, locale) => t('Когда приглашённый друг выполнил условия', 'When an invited friend qualifies')[locale],
  requires: 'referrals',
  trigger: { event: 'referral' },
});
