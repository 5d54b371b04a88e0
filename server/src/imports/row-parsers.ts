import { CHANNELS, type Channel } from '../purchases/purchase.entity';

/** A row that cannot be imported: the column and the reason go to the error report. */
export class RowError extends Error {
  constructor(readonly column: string, message: string) {
    super(message);
  }
}

/** Reads the header: canonical column names (case and spaces ignored), unknown and missing ones refused. */
export function headerIndex(fields: string[], known: readonly string[], required: readonly string[]): Map<string, number> {
  const canonical = new Map(known.map((name) => [name.toLowerCase(), name]));
  const index = new Map<string, number>();
  fields.forEach((raw, i) => {
    const name = canonical.get(raw.trim().toLowerCase().replace(/[\s_-]/g, ''));
    if (!name) throw new RowError(raw.slice(0, 64), `unknown column "${raw.slice(0, 64)}"; the columns are ${known.join(', ')}`);
    if (index.has(name)) throw new RowError(name, `column ${name} appears twice`);
    index.set(name, i);
  });
  for (const name of required) if (!index.has(name)) throw new RowError(name, `the column ${name} is required`);
  return index;
}

/** The cell of a column, trimmed; null when the column is absent or the cell empty. */
export function cell(fields: string[], index: Map<string, number>, column: string): string | null {
  const i = index.get(column);
  if (i === undefined) return null;
  const value = (fields[i] ?? '').trim();
  return value === '' ? null : value;
}

export function text(value: string | null, column: string, max: number): string | null {
  if (value !== null && value.length > max) throw new RowError(column, `at most ${max} characters`);
  return value;
}

/** Money as minor units: "1234.50", "1 234,50" (Russian Excel) or whole minor units in a *Minor column. */
export function money(value: string | null, column: string, minor: boolean): number {
  if (value === null) throw new RowError(column, 'is required');
  const normalised = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const pattern = minor ? /^\d{1,10}$/ : /^\d{1,8}(\.\d{1,2})?$/;
  if (!pattern.test(normalised)) throw new RowError(column, minor ? 'whole minor units, e.g. 123450' : 'an amount such as 1234.50');
  const amount = minor ? Number(normalised) : Math.round(Number(normalised) * 100);
  if (amount < 1 || amount > 2_000_000_000) throw new RowError(column, 'must be positive and at most 20,000,000.00');
  return amount;
}

/** A moment in the past: ISO 8601 with a time zone, or YYYY-MM-DD[ HH:MM[:SS]] read as UTC. */
export function pastDate(value: string | null, column: string, now: Date): Date {
  if (value === null) throw new RowError(column, 'is required');
  const local = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/.test(value) ? `${value.replace(' ', 'T')}${value.length === 10 ? 'T00:00:00' : ''}Z` : value;
  const date = new Date(local);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new RowError(column, 'a date such as 2024-03-15 or 2024-03-15T12:30:00+03:00');
  if (date.getTime() > now.getTime() + 60_000) throw new RowError(column, 'is in the future');
  if (date.getUTCFullYear() < 1990) throw new RowError(column, 'is before 1990');
  return date;
}

export function channel(value: string | null): Channel {
  if (value === null) return 'store';
  const found = CHANNELS.find((c) => c === value.toLowerCase());
  if (!found) throw new RowError('channel', `one of ${CHANNELS.join(', ')}`);
  return found;
}

export function flag(value: string | null, column: string): boolean | undefined {
  if (value === null) return undefined;
  const v = value.toLowerCase();
  if (['1', 'true', 'yes', 'да', 'y'].includes(v)) return true;
  if (['0', 'false', 'no', 'нет', 'n'].includes(v)) return false;
  throw new RowError(column, 'yes or no (1/0, true/false, да/нет)');
}
