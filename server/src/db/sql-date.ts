import type { Dialect } from './data-source';

/**
 * A Date as a raw-query parameter. SQLite keeps datetimes as 'YYYY-MM-DD HH:MM:SS.SSS'
 * text in UTC (better-sqlite3 cannot bind a Date); mysql2 binds a Date itself.
 */
export function sqlDate(dialect: Dialect, date: Date): Date | string {
  return dialect === 'sqlite' ? date.toISOString().replace('T', ' ').replace('Z', '') : date;
}
