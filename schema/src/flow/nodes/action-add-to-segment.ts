import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';

export const actionAddToSegment = defineNode({
  kind: 'action.addToSegment',
  group: 'action',
  label: t('Добавить в сегмент', 'Add to segment'),
  help: t('Добавляет участника в сегмент, чтобы другие кампании могли его учитывать.', 'Adds the member to a segment other campaigns can look at.'),
  params: z.object({ segment: code.default('loyal') }),
  ui: {
    segment: { label: t('Сегмент', 'Segment'), widget: 'reference', reference: 'segment' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('В сегмент', 'Into segment')[locale]} ${quote(p.segment, locale)}`,
  requires: 'segments',
  references: (p) => [{ kind: 'segment', id: p.segment, path: ['params', 'segment'] }],
  run: (p) => ({ ports: ['out'], effects: [{ type: 'addToSegment', segment: p.segment }], inputs: { segment: p.segment } }),
});
