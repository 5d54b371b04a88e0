import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';

export const triggerPurchase = defineNode({
  kind: 'trigger.purchase',
  group: 'trigger',
  label: t('Покупка', 'Purchase'),
  help: t('Запускается на каждую покупку участника.', 'Starts on every purchase of a member.'),
  params: z.object({}),
  ui: {},
  outputs: () => ['out'],
  summary: (_p, locale) => t('Когда участник совершает покупку', 'When a member makes a purchase')[locale],
  trigger: { event: 'purchase' },
});
