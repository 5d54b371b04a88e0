import type { ChallengeRowFragment } from '../../graphql/generated/graphql';
import { formatDate } from '../../shared/format';
import { pluralKey } from './plural';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type GoalParts = Pick<ChallengeRowFragment, 'metric' | 'goal' | 'period' | 'rollingDays' | 'startsAt' | 'endsAt' | 'eventName'>;

/** How much: "3 purchases", "spend 5,000 ₽", "2 × app_open". */
export function amountWords(challenge: Pick<GoalParts, 'metric' | 'goal' | 'eventName'>, t: Translate, locale: string): string {
  const number = new Intl.NumberFormat(locale);
  if (challenge.metric === 'SPEND_MINOR') {
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB', maximumFractionDigits: challenge.goal % 100 ? 2 : 0 }).format(challenge.goal / 100);
    return t('engagement.goal.spend', { amount: money });
  }
  if (challenge.metric === 'CUSTOM_EVENT') return t('engagement.goal.event', { n: number.format(challenge.goal), event: challenge.eventName ?? '' });
  return t(pluralKey(`engagement.goal.units.${challenge.metric}`, challenge.goal, locale), { n: number.format(challenge.goal) });
}

/** Over what time: "in 30 days", "this week", "1 Mar – 31 Mar 2026". */
export function periodWords(challenge: Pick<GoalParts, 'period' | 'rollingDays' | 'startsAt' | 'endsAt'>, t: Translate, locale: string): string {
  switch (challenge.period) {
    case 'ROLLING': {
      const days = challenge.rollingDays ?? 0;
      return t('engagement.goal.rolling', { days: t(pluralKey('engagement.goal.days', days, locale), { n: days }) });
    }
    case 'FIXED':
      return t('engagement.goal.fixed', { from: formatDate(challenge.startsAt, locale) || '…', until: formatDate(challenge.endsAt, locale) || '…' });
    default:
      return t(`engagement.goal.period.${challenge.period}`);
  }
}

/** The goal in words, the way a marketer would say it: "3 purchases in 30 days". */
export function goalWords(challenge: GoalParts, t: Translate, locale: string): string {
  return `${amountWords(challenge, t, locale)} ${periodWords(challenge, t, locale)}`;
}
