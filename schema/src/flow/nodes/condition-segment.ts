import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code, TRUE_FALSE, trueFalseLabel } from './shared';
import { quote } from './words';

export const conditionSegment = defineNode({
  kind: 'condition.segment',
  group: 'condition',
  label: t('Сегмент', 'Segment'),
  help: t('Проверяет, входит ли участник в сегмент.', 'Checks whether the member is in a segment.'),
  params: z.object({ segment: code.default('loyal') }),
  ui: {
    segment: { label: t('Сегмент', 'Segment'), widget: 'reference', reference: 'segment' },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => `${t('В сегменте', 'In segment')[locale]} ${quote(p.segment, locale)}`,
  requires: 'segments',
  references: (p) => [{ kind: 'segment', id: p.segment, path: ['params', 'segment'] }],
  run: (p, ctx) => {
    const segments = ctx.facts.segments ?? [];
    return { ports: [segments.includes(p.segment) ? 'true' : 'false'], inputs: { segment: p.segment, segments } };
  },
  compileTest: (p) => {
    const segment = p.segment;
    return (ctx) => (ctx.facts.segments ?? []).includes(segment);
  },
});
