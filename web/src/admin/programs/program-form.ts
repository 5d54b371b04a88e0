import type { ExpiryPolicy, ProgramInput, ProgramSettingsFragment, Rounding, TierReview, ValueKind } from '../../graphql/generated/graphql';
import { issueCollector, majorText, moneyIn, text, wholeIn, type Issues } from './form-values';

export const VALUE_KINDS: ValueKind[] = ['POINTS', 'CASHBACK'];
export const ROUNDINGS: Rounding[] = ['FLOOR', 'ROUND', 'CEIL'];
export const EXPIRY_POLICIES: ExpiryPolicy[] = ['NEVER', 'DAYS', 'END_OF_MONTH', 'END_OF_QUARTER', 'END_OF_YEAR'];
export const TIER_REVIEWS: TierReview[] = ['NEVER', 'MONTHLY', 'QUARTERLY', 'YEARLY'];

/** The form's fields, by the names the server's field errors use (['input', 'expiryDays']). */
export const PROGRAM_FIELDS = [
  'code',
  'name',
  'currency',
  'valueKind',
  'earnPoints',
  'earnPerMinor',
  'rounding',
  'minPurchaseMinor',
  'pointValueMinor',
  'holdoutPercent',
  'maxRedeemPercent',
  'minRedeemPoints',
  'expiryPolicy',
  'expiryDays',
  'pendingDays',
  'timezone',
  'tierReview',
  'isDefault',
] as const;

/** As typed: text, so that a half-typed number is not lost; money in major units. */
export interface ProgramFormValues {
  code: string;
  name: string;
  currency: string;
  valueKind: ValueKind;
  earnPoints: string;
  /** Major units: "1 point for every 100 ₽". */
  earnPer: string;
  rounding: Rounding;
  minPurchase: string;
  pointValue: string;
  holdoutPercent: string;
  maxRedeemPercent: string;
  minRedeemPoints: string;
  expiryPolicy: ExpiryPolicy;
  expiryDays: string;
  pendingDays: string;
  timezone: string;
  tierReview: TierReview;
  isDefault: boolean;
}

/** The server's defaults for a new program (programs.service.ts, PROGRAM_DEFAULTS). */
export function emptyProgram(): ProgramFormValues {
  return {
    code: '',
    name: '',
    currency: 'RUB',
    valueKind: 'POINTS',
    earnPoints: '1',
    earnPer: '1',
    rounding: 'FLOOR',
    minPurchase: '0',
    pointValue: '1',
    holdoutPercent: '0',
    maxRedeemPercent: '100',
    minRedeemPoints: '0',
    expiryPolicy: 'NEVER',
    expiryDays: '0',
    pendingDays: '0',
    timezone: 'Europe/Moscow',
    tierReview: 'YEARLY',
    isDefault: false,
  };
}

export function fromProgram(program: ProgramSettingsFragment): ProgramFormValues {
  return {
    code: program.code,
    name: program.name,
    currency: program.currency,
    valueKind: program.valueKind,
    earnPoints: text(program.earnPoints),
    earnPer: majorText(program.earnPerMinor),
    rounding: program.rounding,
    minPurchase: majorText(program.minPurchaseMinor),
    pointValue: majorText(program.pointValueMinor),
    holdoutPercent: text(program.holdoutPercent),
    maxRedeemPercent: text(program.maxRedeemPercent),
    minRedeemPoints: text(program.minRedeemPoints),
    expiryPolicy: program.expiryPolicy,
    expiryDays: text(program.expiryDays),
    pendingDays: text(program.pendingDays),
    timezone: program.timezone,
    tierReview: program.tierReview,
    isDefault: program.isDefault,
  };
}

/** An IANA zone the browser knows (Europe/Moscow); the server checks the same way. */
export function isTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The input the API takes, or what is wrong with the values: the server's limits
 * (programInput in programs.service.ts) checked here so that each shows under its field.
 * A cashback program counts in minor units, so its point is worth exactly one.
 */
export function toProgramInput(values: ProgramFormValues): { input: ProgramInput; issues: Issues } {
  const { issues, take, check } = issueCollector();
  const code = values.code.trim();
  const name = values.name.trim();
  const currency = values.currency.trim().toUpperCase();
  const timezone = values.timezone.trim();
  if (!code) issues.code = { code: 'required' };
  else check('code', !/^[a-z0-9][a-z0-9-]{0,63}$/.test(code) && { code: 'code' });
  if (!name) issues.name = { code: 'required' };
  else check('name', name.length > 200 && { code: 'tooLong', params: { max: 200 } });
  check('currency', !/^[A-Z]{3}$/.test(currency) && { code: 'currency' });
  check('timezone', !isTimeZone(timezone) && { code: 'timezone' });
  const cashback = values.valueKind === 'CASHBACK';
  const input: ProgramInput = {
    code,
    name,
    currency,
    valueKind: values.valueKind,
    earnPoints: take('earnPoints', wholeIn(values.earnPoints, 0, 1_000_000)),
    earnPerMinor: take('earnPerMinor', moneyIn(values.earnPer, 1, 100_000_000)),
    rounding: values.rounding,
    minPurchaseMinor: take('minPurchaseMinor', moneyIn(values.minPurchase, 0, 2_000_000_000)),
    pointValueMinor: cashback ? 1 : take('pointValueMinor', moneyIn(values.pointValue, 0, 100_000_000)),
    holdoutPercent: take('holdoutPercent', wholeIn(values.holdoutPercent, 0, 50)),
    maxRedeemPercent: take('maxRedeemPercent', wholeIn(values.maxRedeemPercent, 0, 100)),
    minRedeemPoints: take('minRedeemPoints', wholeIn(values.minRedeemPoints, 0, 1_000_000_000)),
    expiryPolicy: values.expiryPolicy,
    expiryDays: take('expiryDays', wholeIn(values.expiryDays, 0, 3650)),
    pendingDays: take('pendingDays', wholeIn(values.pendingDays, 0, 365)),
    timezone,
    tierReview: values.tierReview,
    isDefault: values.isDefault,
  };
  // The server takes 0, but points that expire 0 days after they are earned never count.
  check('expiryDays', values.expiryPolicy === 'DAYS' && input.expiryDays === 0 && { code: 'expiryDays' });
  return { input, issues };
}
