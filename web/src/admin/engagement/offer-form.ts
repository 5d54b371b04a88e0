import type { OfferAudience, OfferInput, OfferKind, OfferRowFragment } from '../../graphql/generated/graphql';
import { CODE, collector, day, dayOf, decimal, minor, roubles, text, whole, type Issues } from './form-parse';

export const OFFER_KINDS: OfferKind[] = ['BONUS_POINTS', 'POINTS_MULTIPLIER', 'PERCENT_DISCOUNT'];
export const OFFER_AUDIENCES: OfferAudience[] = ['EVERYONE', 'SEGMENT', 'PERSONAL', 'FAVOURITE_CATEGORY'];
const MAX_MINOR = 2_000_000_000;

/**
 * The form as typed. `value` is in the kind's own words: points, a percent off, or a
 * multiplier ("2" for 2×, which the API stores as 200 %); the minimum purchase in roubles.
 */
export interface OfferFormValues {
  code: string;
  title: string;
  description: string;
  kind: OfferKind;
  value: string;
  category: string;
  minPurchase: string;
  validFrom: string;
  validUntil: string;
  maxUsesPerMember: string;
  requiresActivation: boolean;
  audience: OfferAudience;
  segment: string;
  favouriteDays: string;
  personalDays: string;
}

export const OFFER_FIELDS = ['code', 'title', 'description', 'kind', 'value', 'category', 'minPurchaseMinor', 'validFrom', 'validUntil', 'maxUsesPerMember', 'requiresActivation', 'audience', 'segment', 'favouriteDays', 'personalDays'] as const;

export function emptyOffer(): OfferFormValues {
  return { code: '', title: '', description: '', kind: 'BONUS_POINTS', value: '', category: '', minPurchase: '', validFrom: '', validUntil: '', maxUsesPerMember: '', requiresActivation: false, audience: 'EVERYONE', segment: '', favouriteDays: '90', personalDays: '14' };
}

export function fromOffer(offer: OfferRowFragment): OfferFormValues {
  return {
    code: offer.code,
    title: offer.title,
    description: offer.description,
    kind: offer.kind,
    value: offer.kind === 'POINTS_MULTIPLIER' ? String(offer.value / 100) : text(offer.value),
    category: offer.category ?? '',
    minPurchase: offer.minPurchaseMinor ? roubles(offer.minPurchaseMinor) : '',
    validFrom: dayOf(offer.validFrom),
    validUntil: dayOf(offer.validUntil),
    maxUsesPerMember: text(offer.maxUsesPerMember),
    requiresActivation: offer.requiresActivation,
    audience: offer.audience,
    segment: offer.segment ?? '',
    favouriteDays: text(offer.favouriteDays),
    personalDays: text(offer.personalDays),
  };
}

export function toOfferInput(values: OfferFormValues): { input: OfferInput; issues: Issues } {
  const { issues, take, check, range, length } = collector();
  const kind = values.kind;
  const audience = values.audience;
  let value: number | null;
  if (kind === 'POINTS_MULTIPLIER') {
    const factor = take('value', decimal(values.value));
    value = factor === null ? null : Math.round(factor * 100);
    if (factor === null) check('value', true, { key: 'required' });
    check('value', factor !== null && factor <= 1, { key: 'atLeast', values: { min: 1.01 } });
    check('value', factor !== null && factor > 10, { key: 'atMost', values: { max: 10 } });
  } else {
    value = take('value', whole(values.value));
    range('value', value, 1, kind === 'PERCENT_DISCOUNT' ? 100 : 1_000_000, true);
  }
  const input: OfferInput = {
    code: values.code.trim(),
    title: values.title.trim(),
    description: values.description.trim(),
    kind,
    value,
    category: audience === 'FAVOURITE_CATEGORY' ? null : values.category.trim() || null,
    minPurchaseMinor: take('minPurchaseMinor', minor(values.minPurchase)) ?? 0,
    validFrom: take('validFrom', day(values.validFrom, false)),
    validUntil: take('validUntil', day(values.validUntil, true)),
    maxUsesPerMember: take('maxUsesPerMember', whole(values.maxUsesPerMember)),
    requiresActivation: values.requiresActivation,
    audience,
    segment: audience === 'SEGMENT' ? values.segment || null : null,
    // Left empty, the server's defaults (90 and 14 days) apply: null would be refused.
    favouriteDays: take('favouriteDays', whole(values.favouriteDays)) ?? undefined,
    personalDays: take('personalDays', whole(values.personalDays)) ?? undefined,
  };
  check('code', !input.code, { key: 'required' });
  check('code', !CODE.test(input.code ?? ''), { key: 'code' });
  check('title', !input.title, { key: 'required' });
  length('title', input.title ?? '', 200);
  length('description', input.description ?? '', 1000);
  length('category', input.category ?? '', 100);
  check('minPurchaseMinor', (input.minPurchaseMinor ?? 0) > MAX_MINOR, { key: 'atMost', values: { max: MAX_MINOR / 100 } });
  range('maxUsesPerMember', input.maxUsesPerMember ?? null, 1, 1000, false);
  if (audience === 'SEGMENT') check('segment', !input.segment, { key: 'required' });
  range('favouriteDays', input.favouriteDays ?? null, 1, 365, audience === 'FAVOURITE_CATEGORY');
  range('personalDays', input.personalDays ?? null, 1, 365, audience === 'PERSONAL');
  if (input.validFrom && input.validUntil) check('validUntil', input.validUntil <= input.validFrom, { key: 'dateOrder' });
  return { input, issues };
}
