import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';

export const triggerSignup = defineNode({
  kind: 'trigger.signup',
  group: 'trigger',
  label: t('Регистрация', 'Signup'),
  help: t('Запускается, когда человек вступает в программу.', 'Starts when someone joins the program.'),
  params: z.object({}),
  ui: {},
  outputs: () => ['out'],
  summary: (_p, locale) => t('Когда участник регистрируется', 'When a member signs up')[locale],
  trigger: { event: 'signup' },
});
