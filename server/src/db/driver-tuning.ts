import { escape as escapeSql, format as formatSql } from 'mysql2';
import type { DataSource } from 'typeorm';

/** The parts of mysql2's pool and connections that the tuning below touches. */
interface Mysql2Connection {
  config: { trace?: boolean };
  promise(): unknown;
  patronPromise?: unknown;
}
interface Mysql2Pool {
  config: { connectionConfig: { trace?: boolean; queryFormat?: (sql: string, values: unknown, timezone: string) => string } };
  on(event: 'connection', listener: (connection: Mysql2Connection) => void): void;
  _allConnections?: { toArray(): Mysql2Connection[] };
}

/**
 * Per-statement costs of mysql2 under TypeORM that a profile of the ledger write path
 * showed (about 8 % of the server's CPU at concurrency 32, then 3 % more in formatting):
 *
 * - TypeORM calls `connection.promise()` for every statement, and each call `require`s
 *   mysql2's promise wrapper anew and builds one (a module resolution per statement).
 *   Each pooled connection now builds its wrapper once.
 * - mysql2 captures a stack trace on every statement (`trace`, on by default) to decorate
 *   errors with the caller's frames. TypeORM's QueryFailedError already carries the SQL,
 *   and the logs show that; the capture is turned off.
 * - mysql2 scans each statement's text for its placeholders: formatFromTemplate below
 *   cuts each text once.
 *
 * All three apply to connections open now and to those the pool opens later. A replicated
 * DataSource (a pool cluster) is left as it is.
 */
export function tuneMysqlDriver(dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { pool?: Mysql2Pool }).pool;
  if (!pool || typeof pool.on !== 'function' || !pool.config?.connectionConfig) return;
  // Connections share their pool's connectionConfig object: this reaches the open ones too.
  pool.config.connectionConfig.trace = false;
  pool.config.connectionConfig.queryFormat = formatFromTemplate;
  const tune = (connection: Mysql2Connection) => {
    connection.config.trace = false;
    if (connection.patronPromise) return;
    const wrapper = connection.promise();
    connection.patronPromise = wrapper;
    connection.promise = () => wrapper;
  };
  for (const connection of pool._allConnections?.toArray() ?? []) tune(connection);
  pool.on('connection', tune);
}

/** Statements' texts cut at their placeholders (null: not to be cut blindly), kept for the next statement of the same text. */
const templates = new Map<string, string[] | null>();
/** Texts at most this many, forgotten all at once when full: the write paths send a few dozen. */
const TEMPLATES = 2000;
/** What could hide a `?` that is not a placeholder (a string literal, a comment) or make one mean something else (`??`). */
const UNSAFE = /['"\\#]|--|\/\*|\?\?/;

/**
 * mysql2's formatting of a statement's values into its text, the same text byte for byte
 * (driver-format.test.ts), without scanning the text for its placeholders each time:
 * mysql2 walks every character of every statement, skipping quoted parts, and the write
 * paths send the same few texts again and again (a ledger entry's insert is 600 characters
 * for 25 values). The text is cut at its placeholders once; each value is escaped as mysql2
 * escapes it. Anything else (objects and arrays to expand, a count of values that differs
 * from the placeholders') goes to mysql2's own format.
 */
export function formatFromTemplate(this: { config?: { stringifyObjects?: boolean } } | void, sql: string, values: unknown, timezone: string): string {
  const stringifyObjects = (this && this.config?.stringifyObjects) ?? false;
  if (!Array.isArray(values) || values.length === 0) return formatSql(sql, values as never, stringifyObjects, timezone);
  const parts = templateOf(sql);
  if (parts === null || parts.length !== values.length + 1) return formatSql(sql, values as never, stringifyObjects, timezone);
  let text = parts[0];
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    const type = typeof value;
    if (type === 'number' || type === 'bigint') text += String(value);
    else if (type === 'string' || type === 'boolean' || value === null || value === undefined || value instanceof Date) text += escapeSql(value as never, stringifyObjects, timezone);
    else return formatSql(sql, values as never, stringifyObjects, timezone);
    text += parts[i + 1];
  }
  return text;
}

/** The text cut at its placeholders, kept; null for a text that is not to be cut blindly (mysql2 formats it). */
export function templateOf(sql: string): string[] | null {
  let parts = templates.get(sql);
  if (parts === undefined) {
    if (templates.size >= TEMPLATES) templates.clear();
    parts = UNSAFE.test(sql) ? null : cutAtPlaceholders(sql);
    templates.set(sql, parts);
  }
  return parts;
}

/** The text between placeholders: every `?` outside backquoted identifiers, as mysql2 finds them. */
function cutAtPlaceholders(sql: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i];
    if (char === '`') quoted = !quoted;
    else if (char === '?' && !quoted) {
      parts.push(sql.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(sql.slice(start));
  return parts;
}
