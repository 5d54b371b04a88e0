import type { Dialect } from './data-source';

/**
 * A Date as a raw-query parameter. SQLite keeps datetimes as 'YYYY-MM-DD HH:MM:SS.SSS'
 * text in UTC (better-sqlite3 cannot bind a Date); mysql2 binds a Date itself.
 */
export function sqlDate(dialect: Dialect, date: Date): Date | string {
  return dialect === 'sqlite' ? date.toISOString().replace('T', ' ').replace('Z', '') : date;
}

/** A datetime from a raw row: mysql2 gives a Date, SQLite 'YYYY-MM-DD HH:MM:SS.SSS' text in UTC. */
export function fromSqlDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ+]/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/** The calendar month (UTC) of a datetime column as 'YYYY-MM', in the dialect's SQL. */
export function sqlMonth(dialect: Dialect, column: string): string {
  return dialect === 'mysql' ? `DATE_FORMAT(${column}, '%Y-%m')` : `strftime('%Y-%m', ${column})`;
}
