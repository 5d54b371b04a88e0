import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { quote } from './words';

export const actionGrantOffer = defineNode({
  kind: 'action.grantOffer',
  group: 'action',
  label: t('Дать персональное предложение', 'Grant personal offer'),
  help: t(
    'Даёт участнику персональное предложение (например, подарок ко дню рождения) на срок, заданный в предложении. Активное предложение второй раз не выдаётся.',
    'Gives the member a personal offer (a birthday gift, say) for the time the offer sets. A member who holds it already does not get it twice.',
  ),
  params: z.object({ offer: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -').default('birthday') }),
  ui: {
    offer: { label: t('Предложение', 'Offer'), widget: 'reference', reference: 'offer' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Предложение', 'Offer')[locale]} ${quote(p.offer, locale)}`,
  requires: 'offers',
  references: (p) => [{ kind: 'offer', id: p.offer, path: ['params', 'offer'] }],
  run: (p) => ({ ports: ['out'], effects: [{ type: 'grantOffer', offer: p.offer }], inputs: { offer: p.offer } }),
});
