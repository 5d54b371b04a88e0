/**
 * What the engagement forms share: reading typed text into numbers, kopecks and instants,
 * and the issues the browser reports before the server sees anything. The limits mirror
 * the server's zod schemas (gamification/*.service.ts, offers/offers.service.ts).
 */
export type IssueKey = 'required' | 'wholeNumber' | 'money' | 'decimal' | 'date' | 'dateOrder' | 'atLeast' | 'atMost' | 'tooLong' | 'code' | 'image';
export interface Issue {
  key: IssueKey;
  values?: Record<string, number | string>;
}
export type Issues = Record<string, Issue>;

/** Lower-case letters, digits, _ and - (what flows refer to): the server's code rule. */
export const CODE = /^[a-z0-9_-]{1,64}$/;
/** Event and survey codes also allow dots. */
export const DOTTED_CODE = /^[a-z0-9_.-]{1,64}$/;

const isIssue = (value: unknown): value is Issue => typeof value === 'object' && value !== null && 'key' in value;

export function whole(value: string): number | null | Issue {
  const trimmed = value.trim().replace(/\s/g, '');
  if (!trimmed) return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : { key: 'wholeNumber' };
}

/** Roubles as typed ("99,90") into kopecks. */
export function minor(value: string): number | null | Issue {
  const trimmed = value.trim().replace(',', '.').replace(/\s/g, '');
  if (!trimmed) return null;
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : { key: 'money' };
}

export function decimal(value: string): number | null | Issue {
  const trimmed = value.trim().replace(',', '.').replace(/\s/g, '');
  if (!trimmed) return null;
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Number(trimmed) : { key: 'decimal' };
}

/** A day (YYYY-MM-DD) into the instant it starts, or the last instant of it. */
export function day(value: string, endOfDay: boolean): string | null | Issue {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed) || Number.isNaN(Date.parse(trimmed))) return { key: 'date' };
  return `${trimmed}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`;
}

export const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
export const roubles = (kopecks: number | null | undefined) => (kopecks === null || kopecks === undefined ? '' : String(kopecks / 100));
export const dayOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

/** Collects issues while reading fields: `take` keeps a value or records why it is wrong. */
export function collector() {
  const issues: Issues = {};
  function take<T>(field: string, value: T | Issue): T | null {
    if (isIssue(value)) {
      issues[field] = value;
      return null;
    }
    return value;
  }
  function check(field: string, failed: boolean, issue: Issue) {
    if (failed && !issues[field]) issues[field] = issue;
  }
  /** A number within [min, max] when given; `required` when it must be. */
  function range(field: string, value: number | null, min: number, max: number, required: boolean) {
    if (value === null) return check(field, required, { key: 'required' });
    check(field, value < min, { key: 'atLeast', values: { min } });
    check(field, value > max, { key: 'atMost', values: { max } });
  }
  function length(field: string, value: string, max: number) {
    check(field, value.length > max, { key: 'tooLong', values: { max } });
  }
  return { issues, take, check, range, length };
}
