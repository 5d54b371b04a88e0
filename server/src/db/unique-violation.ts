/** True when a write failed on a unique index (MySQL/MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when MySQL chose this transaction as a deadlock victim or timed out on a lock: safe to retry. */
export function isRetryableLockError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_QUERY_INTERRUPTED']);

/** True when the database could not be reached or went away mid-request (not a fault of the request). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; errno?: string; driverError?: { code?: string }; fatal?: boolean; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  return (code !== undefined && UNAVAILABLE.has(code)) || /connection is in closed state|Can't add new command when connection is in closed state|Pool is closed/i.test(String(e?.message ?? ''));
}
