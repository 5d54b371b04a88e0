import type { ClubPeriodUnit, ClubPlanInput, ClubPlanRowFragment } from '../../graphql/generated/graphql';
import { isIssue, issueCollector, majorText, moneyIn, perksIssue, perksOf, text, wholeIn, type Issue, type Issues } from './form-values';

export const PERIOD_UNITS: ClubPeriodUnit[] = ['MONTH', 'DAY'];
export const MONTH_COUNTS = [1, 3, 12] as const;
export const CLUB_PLAN_FIELDS = ['code', 'name', 'description', 'priceMinor', 'periodUnit', 'periodCount', 'trialDays', 'graceDays', 'perks', 'earnMultiplierPercent'] as const;

/** As typed; the price in major units (roubles). */
export interface ClubPlanFormValues {
  code: string;
  name: string;
  description: string;
  price: string;
  periodUnit: ClubPeriodUnit;
  periodCount: string;
  trialDays: string;
  graceDays: string;
  perks: string;
  /** Blank: the club gives no extra points by itself. */
  earnMultiplierPercent: string;
}

/** The server's defaults (planInput in clubs.service.ts). */
export function emptyClubPlan(): ClubPlanFormValues {
  return { code: '', name: '', description: '', price: '', periodUnit: 'MONTH', periodCount: '1', trialDays: '0', graceDays: '3', perks: '', earnMultiplierPercent: '' };
}

export function fromClubPlan(plan: ClubPlanRowFragment): ClubPlanFormValues {
  return {
    code: plan.code,
    name: plan.name,
    description: plan.description,
    price: majorText(plan.priceMinor),
    periodUnit: plan.periodUnit,
    periodCount: text(plan.periodCount),
    trialDays: text(plan.trialDays),
    graceDays: text(plan.graceDays),
    perks: plan.perks.join('\n'),
    earnMultiplierPercent: text(plan.earnMultiplierPercent),
  };
}

/**
 * The input createClubPlan and updateClubPlan take, or what is wrong: the server's limits
 * (planInput in clubs.service.ts). "any" is refused as a code: flows read it as every club.
 */
export function toClubPlanInput(values: ClubPlanFormValues): { input: ClubPlanInput; issues: Issues } {
  const { issues, take, check } = issueCollector();
  const code = values.code.trim();
  const name = values.name.trim();
  const description = values.description.trim();
  if (!code) issues.code = { code: 'required' };
  else if (!/^[a-z0-9_-]{1,64}$/.test(code)) issues.code = { code: 'clubCode' };
  else check('code', code === 'any' && { code: 'clubCodeAny' });
  if (!name) issues.name = { code: 'required' };
  else check('name', name.length > 200 && { code: 'tooLong', params: { max: 200 } });
  check('description', description.length > 2000 && { code: 'tooLong', params: { max: 2000 } });
  const perks = perksOf(values.perks);
  check('perks', perksIssue(perks, 20));
  // Months: 1, 3 or 12 (a monthly, quarterly or yearly club); days: 1 to 366.
  const months = values.periodUnit === 'MONTH';
  const count = wholeIn(values.periodCount, 1, months ? 12 : 366);
  const periodIssue: Issue = { code: months ? 'periodMonths' : 'periodDays' };
  const outOfRange = (isIssue(count) && count.code === 'range') || (months && typeof count === 'number' && !(MONTH_COUNTS as readonly number[]).includes(count));
  const periodCount = take('periodCount', outOfRange ? periodIssue : count);
  const multiplier = wholeIn(values.earnMultiplierPercent, 100, 1000);
  const input: ClubPlanInput = {
    code,
    name,
    description,
    priceMinor: take('priceMinor', moneyIn(values.price, 1, 100_000_000)),
    periodUnit: values.periodUnit,
    periodCount,
    trialDays: take('trialDays', wholeIn(values.trialDays, 0, 90)),
    graceDays: take('graceDays', wholeIn(values.graceDays, 0, 30)),
    perks,
    earnMultiplierPercent: take<number>('earnMultiplierPercent', isIssue(multiplier) ? { code: 'multiplier' } : multiplier, false),
  };
  return { input, issues };
}
