import { z } from 'zod';
import { defineNode } from '../definition';
import { pickVariant, variantPicker } from '../hash';
import { t } from '../text';

const variant = z.object({ key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -'), weight: z.number().int().min(0).max(100) });

export const splitAb = defineNode({
  kind: 'split.ab',
  group: 'flow',
  label: t('A/B-тест', 'A/B split'),
  help: t(
    'Делит участников между вариантами по весам. Участник всегда попадает в один и тот же вариант.',
    'Splits members between variants by weight. A member always lands in the same variant.',
  ),
  params: z
    .object({
      experimentKey: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . and -').default('experiment'),
      variants: z
        .array(variant)
        .min(2, 'at least two variants')
        .max(10)
        .default([
          { key: 'A', weight: 50 },
          { key: 'B', weight: 50 },
        ]),
    })
    .refine((p) => p.variants.reduce((sum, v) => sum + v.weight, 0) === 100, { message: 'weights must add up to 100', path: ['variants'] })
    .refine((p) => new Set(p.variants.map((v) => v.key)).size === p.variants.length, { message: 'variant keys must differ', path: ['variants'] }),
  ui: {
    experimentKey: { label: t('Ключ эксперимента', 'Experiment key'), widget: 'text', help: t('Меняя ключ, вы перемешиваете участников.', 'Changing the key reshuffles members.') },
    variants: { label: t('Варианты', 'Variants'), widget: 'variants' },
  },
  outputs: (p) => p.variants.map((v) => v.key),
  portLabel: (port) => port,
  summary: (p) => p.variants.map((v) => `${v.key} ${v.weight} %`).join(' / '),
  variant: {
    experimentKey: (p) => p.experimentKey,
    compilePick: (p) => {
      const pick = variantPicker(p.experimentKey, p.variants);
      return (ctx) => pick(ctx.event.memberId);
    },
  },
  run: (p, ctx) => {
    const chosen = pickVariant(p.experimentKey, ctx.event.memberId, p.variants);
    return { ports: [chosen], exposure: { experimentKey: p.experimentKey, variant: chosen }, inputs: { variant: chosen } };
  },
});
