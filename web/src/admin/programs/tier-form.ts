import type { TierInput, TierQualifier, TierRowFragment, TierWindow } from '../../graphql/generated/graphql';
import { formatMoney, issueCollector, majorText, moneyIn, perksIssue, perksOf, text, wholeIn, type Issue, type Issues } from './form-values';

export const TIER_QUALIFIERS: TierQualifier[] = ['SPEND', 'POINTS', 'PURCHASES'];
export const TIER_WINDOWS: TierWindow[] = ['ROLLING', 'CALENDAR_YEAR', 'LIFETIME'];
export const TIER_FIELDS = ['code', 'name', 'rank', 'qualifyBy', 'threshold', 'window', 'windowDays', 'earnMultiplierPercent', 'discountPercent', 'perks'] as const;

/** As typed. A SPEND threshold is in major units (roubles); points and purchases are counts. */
export interface TierFormValues {
  code: string;
  name: string;
  rank: string;
  qualifyBy: TierQualifier;
  threshold: string;
  window: TierWindow;
  windowDays: string;
  earnMultiplierPercent: string;
  discountPercent: string;
  /** One perk per line. */
  perks: string;
}

export function sortedLadder(tiers: readonly TierRowFragment[]): TierRowFragment[] {
  return [...tiers].sort((a, b) => a.rank - b.rank);
}

/** A new tier goes on top of the ladder, measured the way the top tier is. */
export function emptyTier(ladder: readonly TierRowFragment[] = []): TierFormValues {
  const top = sortedLadder(ladder).at(-1);
  return {
    code: '',
    name: '',
    rank: String(top ? top.rank + 1 : 0),
    qualifyBy: top?.qualifyBy ?? 'SPEND',
    threshold: '',
    window: top?.window ?? 'ROLLING',
    windowDays: String(top?.windowDays ?? 365),
    earnMultiplierPercent: '100',
    discountPercent: '0',
    perks: '',
  };
}

export function fromTier(tier: TierRowFragment): TierFormValues {
  return {
    code: tier.code,
    name: tier.name,
    rank: text(tier.rank),
    qualifyBy: tier.qualifyBy,
    threshold: tier.qualifyBy === 'SPEND' ? majorText(tier.threshold) : text(tier.threshold),
    window: tier.window,
    windowDays: text(tier.windowDays),
    earnMultiplierPercent: text(tier.earnMultiplierPercent),
    discountPercent: text(tier.discountPercent),
    perks: tier.perks.join('\n'),
  };
}

/** A threshold as the ladder and the messages show it: roubles for spend, else a count. */
export function thresholdText(qualifyBy: TierQualifier, threshold: number, locale: string, currency = 'RUB'): string {
  if (qualifyBy === 'SPEND') return formatMoney(threshold, currency, locale);
  return new Intl.NumberFormat(locale).format(threshold);
}

/**
 * Where the tier sits among the others: its rank and code must be free, and its threshold
 * must lie strictly between the tier below and the tier above (when they are measured the
 * same way), or members would skip a tier or never reach one. The server checks only the
 * rank and code; the ladder's order is the console's to keep.
 */
function ladderIssues(tier: { code: string; rank: number | null; qualifyBy: TierQualifier; threshold: number | null }, others: readonly TierRowFragment[], locale: string, currency: string): Partial<Record<'code' | 'rank' | 'threshold', Issue>> {
  const found: Partial<Record<'code' | 'rank' | 'threshold', Issue>> = {};
  const codeOwner = others.find((other) => other.code === tier.code);
  if (codeOwner) found.code = { code: 'codeTaken', params: { name: codeOwner.name } };
  if (tier.rank === null) return found;
  const rankOwner = others.find((other) => other.rank === tier.rank);
  if (rankOwner) found.rank = { code: 'rankTaken', params: { name: rankOwner.name } };
  if (tier.threshold === null) return found;
  const ladder = sortedLadder(others);
  const below = ladder.filter((other) => other.rank < tier.rank!).at(-1);
  const above = ladder.find((other) => other.rank > tier.rank!);
  if (below && below.qualifyBy === tier.qualifyBy && tier.threshold <= below.threshold) {
    found.threshold = { code: 'thresholdBelow', params: { name: below.name, value: thresholdText(below.qualifyBy, below.threshold, locale, currency) } };
  } else if (above && above.qualifyBy === tier.qualifyBy && tier.threshold >= above.threshold) {
    found.threshold = { code: 'thresholdAbove', params: { name: above.name, value: thresholdText(above.qualifyBy, above.threshold, locale, currency) } };
  }
  return found;
}

/**
 * The input saveTier takes, or what is wrong: the server's limits (tierInput in
 * programs.service.ts) and the ladder's order against `others`, the program's other tiers.
 */
export function toTierInput(values: TierFormValues, others: readonly TierRowFragment[] = [], locale = 'en', currency = 'RUB'): { input: TierInput; issues: Issues } {
  const { issues, take, check } = issueCollector();
  const code = values.code.trim();
  const name = values.name.trim();
  if (!code) issues.code = { code: 'required' };
  else check('code', !/^[a-z0-9][a-z0-9-]{0,63}$/.test(code) && { code: 'code' });
  if (!name) issues.name = { code: 'required' };
  else check('name', name.length > 200 && { code: 'tooLong', params: { max: 200 } });
  const perks = perksOf(values.perks);
  check('perks', perksIssue(perks, 50));
  const threshold = values.qualifyBy === 'SPEND' ? moneyIn(values.threshold, 0, 2_000_000_000) : wholeIn(values.threshold, 0, 2_000_000_000);
  const input: TierInput = {
    code,
    name,
    rank: take('rank', wholeIn(values.rank, 0, 100)),
    qualifyBy: values.qualifyBy,
    threshold: take('threshold', threshold),
    window: values.window,
    windowDays: take('windowDays', wholeIn(values.windowDays, 1, 3650)),
    earnMultiplierPercent: take('earnMultiplierPercent', wholeIn(values.earnMultiplierPercent, 0, 1000)),
    discountPercent: take('discountPercent', wholeIn(values.discountPercent, 0, 100)),
    perks,
  };
  const ladder = ladderIssues({ code, rank: input.rank ?? null, qualifyBy: values.qualifyBy, threshold: input.threshold ?? null }, others, locale, currency);
  for (const [field, issue] of Object.entries(ladder)) check(field, issue);
  return { input, issues };
}
