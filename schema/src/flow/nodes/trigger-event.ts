import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { quote } from './words';

export const triggerEvent = defineNode({
  kind: 'trigger.event',
  group: 'trigger',
  label: t('Своё событие', 'Custom event'),
  help: t(
    'Запускается, когда ваша система присылает событие с этим именем через API.',
    'Starts when your system sends an event with this name through the API.',
  ),
  params: z.object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9_.:-]+$/i, 'letters, digits, _ . : and -')
      .default('custom_event'),
  }),
  ui: {
    name: { label: t('Имя события', 'Event name'), widget: 'text', help: t('Как в вызове API, например order_reviewed.', 'As sent to the API, for example order_reviewed.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Событие', 'Event')[locale]} ${quote(p.name, locale)}`,
  trigger: { event: 'custom', matches: (p, event) => event.name === p.name },
});
