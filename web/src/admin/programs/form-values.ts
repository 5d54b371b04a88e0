/**
 * Reading typed text into the API's integers, shared by the Programs forms. Money is typed
 * in major units (roubles, "99,90") and sent in minor units (kopecks); the limits are the
 * server's (programs.service.ts, clubs.service.ts, referrals.service.ts), so that a value
 * the server would refuse is pointed out before anything is sent.
 */
export type IssueCode =
  | 'required'
  | 'wholeNumber'
  | 'money'
  | 'range'
  | 'moneyRange'
  | 'tooLong'
  | 'code'
  | 'clubCode'
  | 'clubCodeAny'
  | 'currency'
  | 'timezone'
  | 'expiryDays'
  | 'codeTaken'
  | 'rankTaken'
  | 'thresholdBelow'
  | 'thresholdAbove'
  | 'periodMonths'
  | 'periodDays'
  | 'perks'
  | 'multiplier';

/** One finding about one field; `params` fill the message ("from {min} to {max}"). */
export interface Issue {
  code: IssueCode;
  params?: Record<string, string | number>;
}

export type Issues = Record<string, Issue>;

export const isIssue = (value: unknown): value is Issue => typeof value === 'object' && value !== null && 'code' in value;

/** A whole number within [min, max]; blank is null (the caller decides whether that is allowed). */
export function wholeIn(value: string, min: number, max: number): number | null | Issue {
  const trimmed = value.trim().replace(/\s/g, '');
  if (!trimmed) return null;
  if (!/^\d+$/.test(trimmed)) return { code: 'wholeNumber' };
  const number = Number(trimmed);
  return number < min || number > max ? { code: 'range', params: { min, max } } : number;
}

/** Major units typed ("1 500,5") to minor units within [minMinor, maxMinor]; blank is null. */
export function moneyIn(value: string, minMinor: number, maxMinor: number): number | null | Issue {
  const trimmed = value.trim().replace(/\s/g, '').replace(',', '.');
  if (!trimmed) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return { code: 'money' };
  const minor = Math.round(Number(trimmed) * 100);
  return minor < minMinor || minor > maxMinor ? { code: 'moneyRange', params: { min: majorText(minMinor), max: majorText(maxMinor) } } : minor;
}

/** Minor units as the form shows them: 150050 → "1500.5", 100 → "1". */
export function majorText(minor: number | null | undefined): string {
  return minor === null || minor === undefined ? '' : String(minor / 100);
}

export const text = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** Collects issues while a form's values are read; `take` keeps the value or records why not. */
export function issueCollector() {
  const issues: Issues = {};
  function take<T>(field: string, value: T | null | Issue, required = true): T | null {
    if (isIssue(value)) {
      issues[field] = value;
      return null;
    }
    if (value === null && required) issues[field] = { code: 'required' };
    return value;
  }
  function check(field: string, problem: Issue | null | false | undefined) {
    if (problem && !issues[field]) issues[field] = problem;
  }
  return { issues, take, check };
}

/** One perk per line, blank lines dropped. */
export function perksOf(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function perksIssue(perks: string[], max: number): Issue | null {
  return perks.length > max || perks.some((perk) => perk.length > 200) ? { code: 'perks', params: { max } } : null;
}

/** "₽" for RUB in either language; the code itself when the browser has no symbol. */
export function currencySymbol(currency: string, locale: string): string {
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/** Minor units as money in the reader's language: 29900 → "299 ₽". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(minor / 100);
  } catch {
    return `${minor / 100} ${currency}`;
  }
}

type Translate = (key: string, values: Record<string, unknown>) => string;

/** The server's field errors, overlaid by the browser's own findings in the reader's language. */
export function fieldMessages(issues: Issues, serverErrors: Record<string, string>, t: Translate): Record<string, string> {
  const map: Record<string, string> = { ...serverErrors };
  for (const [field, issue] of Object.entries(issues)) map[field] = t(`programs.issues.${issue.code}`, issue.params ?? {});
  return map;
}
