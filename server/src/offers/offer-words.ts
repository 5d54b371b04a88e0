import type { Offer } from './offer.entity';

export type OfferLocale = 'ru' | 'en';

const rub = (minor: number, locale: OfferLocale) => `${(minor / 100).toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 2 })}`;
const times = (percent: number) => (percent % 100 === 0 ? String(percent / 100) : (percent / 100).toFixed(2).replace(/0$/, ''));

/**
 * What the offer gives, in words a member reads in the portal ("2× points on coffee",
 * "500 points for a purchase from 1,000"). `category` is the member's own category for a
 * favouriteCategory offer.
 */
export function describeOffer(offer: Pick<Offer, 'kind' | 'value' | 'category' | 'minPurchaseMinor' | 'audience'>, category: string | null, locale: OfferLocale): string {
  const on = category ?? offer.category;
  const scope =
    offer.audience === 'favouriteCategory' && !on
      ? locale === 'ru'
        ? ' на вашу любимую категорию'
        : ' on your favourite category'
      : on
        ? locale === 'ru'
          ? ` на категорию «${on}»`
          : ` on “${on}”`
        : '';
  const from = offer.minPurchaseMinor > 0 ? (locale === 'ru' ? ` при покупке от ${rub(offer.minPurchaseMinor, locale)}` : ` on a purchase from ${rub(offer.minPurchaseMinor, locale)}`) : '';
  switch (offer.kind) {
    case 'pointsMultiplier':
      return locale === 'ru' ? `×${times(offer.value)} баллов${scope}${from}` : `${times(offer.value)}× points${scope}${from}`;
    case 'bonusPoints':
      return locale === 'ru' ? `${offer.value} бонусных баллов${scope}${from}` : `${offer.value} bonus points${scope}${from}`;
    case 'percentDiscount':
      return locale === 'ru' ? `Скидка ${offer.value} %${scope}${from}` : `${offer.value}% off${scope}${from}`;
  }
}
