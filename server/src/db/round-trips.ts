import type { EntityManager } from 'typeorm';
import { mergePending, mergeTurn, type Deferred } from './merge-statements';
import { onMysql } from './statement';

/**
 * Fewer round trips inside a MySQL transaction: a statement whose answer nobody waits
 * for (a purchase's items, a lot, a trace, a guarded balance update checked later) is not
 * sent on its own but rides in front of the transaction's next statement, in one packet
 * (the connections allow multiple statements, data-source.ts). START TRANSACTION rides
 * the same way in front of the transaction's first statement. A purchase with a campaign
 * went from 14 round trips to 7 for the same 14 statements (round-trips.test.ts); on a
 * small box each round trip costs both sides more CPU than the statement it carries.
 *
 * What stays true:
 * - Order: the deferred statements run before the one they ride with, in the order given.
 * - Failure: MySQL stops a multi-statement packet at its first error, so nothing after a
 *   failed statement runs (not the COMMIT behind it either); the error is the answer to
 *   the statement that carried it, and the transaction rolls back as for any failure.
 * - Checks: a deferred statement may bring a check of its result (a guarded update must
 *   change exactly one row). Checked statements never ride with COMMIT: they go first,
 *   on their own, and COMMIT is sent only if every check passed.
 * - A failure is not swallowed: code that catches its own statement's error and goes on
 *   (a unique violation that means "someone else was first") must not go on past a
 *   deferred statement that failed in the same packet. When a deferred statement (not the
 *   one that carried it) failed, or a check did, every later statement of the transaction
 *   fails too: it can only roll back.
 * - Nothing leaks: ROLLBACK drops what is pending, and so does releasing the connection
 *   to the pool.
 */
type Callback = (error: Error | null, result?: unknown, fields?: unknown) => void;

interface Connection {
  query(sql: unknown, values?: unknown, callback?: unknown): unknown;
  release?(): void;
}

interface Batching {
  pending: Deferred[];
  /** The next START TRANSACTION is held back and sent with the transaction's first statement. */
  lazyStart: boolean;
  /** A deferred statement or a check failed: the transaction may only roll back. */
  failed: Error | null;
  /** A group's transaction (write-groups.ts): statements issued in one turn go in one packet. */
  together: { mergeInserts: boolean } | null;
  /** The statements of this turn, not sent yet. */
  turn: Turn[];
}

interface Turn {
  sql: string;
  values: unknown[];
  done: Callback;
}

const batching = new WeakMap<Connection, Batching>();

/** The control statements (START TRANSACTION, COMMIT, ROLLBACK) are this short; no other statement is. */
const CONTROL_LENGTH = 20;

/**
 * Holds `sql` back to ride with the transaction's next statement (or its COMMIT). Answers
 * false, sending nothing, where there is no MySQL transaction on `em`: the caller runs it now.
 * The statement is logged (and so counted) here, where the caller issued it.
 */
export function deferStatement(em: EntityManager, sql: string, values: readonly unknown[], check?: (result: unknown) => void, shape?: Pick<Deferred, 'rows' | 'update'>): boolean {
  const runner = em.queryRunner as unknown as { isReleased: boolean; isTransactionActive: boolean; databaseConnection?: Connection } | undefined;
  const connection = runner && !runner.isReleased && runner.isTransactionActive && onMysql(em) ? runner.databaseConnection : undefined;
  if (!connection) return false;
  em.connection.logger.logQuery(sql, values as unknown[]);
  stateOf(connection).pending.push({ sql, values, check, ...shape });
  return true;
}

/** Until the connection goes back to its pool, the statements issued in one turn of the event loop go in one packet. */
export function sendTogether(em: EntityManager, options: { mergeInserts: boolean }): void {
  const connection = (em.queryRunner as unknown as { databaseConnection?: Connection } | undefined)?.databaseConnection;
  if (connection && onMysql(em)) stateOf(connection).together = options;
}

/** The transaction about to start on this connection sends its START TRANSACTION with its first statement. */
export function startLazily(connection: object): void {
  stateOf(connection as Connection).lazyStart = true;
}

function stateOf(connection: Connection): Batching {
  let state = batching.get(connection);
  if (!state) {
    state = { pending: [], lazyStart: false, failed: null, together: null, turn: [] };
    batching.set(connection, state);
    intercept(connection, state);
  }
  return state;
}

/** Wraps this one connection's `query` and `release` (the pool hands the same object out again). */
function intercept(connection: Connection, state: Batching): void {
  const query = connection.query.bind(connection);
  const handle = (sql: unknown, values?: unknown, callback?: unknown): unknown => {
    // Most statements on a pooled connection find nothing to do here.
    if (state.pending.length === 0 && !state.lazyStart && state.failed === null) return query(sql, values, callback);
    if (typeof values === 'function') return connection.query(sql, undefined, values);
    const text = typeof sql === 'string' ? sql : (sql as { sql?: unknown } | null)?.sql;
    if (typeof callback !== 'function' || typeof text !== 'string') {
      // A form the hot paths never use (a stream, a prepared command): it cannot carry what is pending.
      throw new Error('round-trips: a statement was sent in a form that cannot carry the deferred ones before it');
    }
    const done = callback as Callback;
    // Only the short control statements are told apart; an INSERT is not upper-cased to find that out.
    const statement = text.length <= CONTROL_LENGTH ? text.trim().toUpperCase() : '';
    if (statement === 'ROLLBACK') {
      state.pending = [];
      state.failed = null;
      return query(sql, values, callback);
    }
    if (state.failed) {
      const cause = state.failed;
      process.nextTick(done, new Error(`round-trips: this transaction can only roll back: a statement sent ahead of a later one failed (${cause.message})`, { cause }));
      return undefined;
    }
    if (statement === 'START TRANSACTION' && state.lazyStart) {
      state.lazyStart = false;
      state.pending.push({ sql: 'START TRANSACTION', values: [] });
      // Answered as the server would: TypeORM reads nothing from it.
      process.nextTick(done, null, { affectedRows: 0, insertId: 0, warningStatus: 0 }, undefined);
      return undefined;
    }
    const pending = mergePending(state.pending);
    state.pending = [];
    if (statement === 'COMMIT' && pending.some((p) => p.check)) {
      // A failed check must stop the COMMIT: send what is pending first, then COMMIT.
      return send(query, state, pending, null, [], (error) => (error ? done(error) : query(sql, values, callback)));
    }
    return send(query, state, pending, sql, (values as unknown[] | undefined) ?? [], done);
  };
  connection.query = (sql: unknown, values?: unknown, callback?: unknown) => {
    if (state.together && typeof sql === 'string' && Array.isArray(values) && typeof callback === 'function' && sql.length > CONTROL_LENGTH) {
      state.turn.push({ sql, values, done: callback as Callback });
      // After the promise reactions of this turn: every write of the group that is ready has issued its statement.
      if (state.turn.length === 1) process.nextTick(() => sendTurn(query, handle, state));
      return undefined;
    }
    // A control statement (START, COMMIT, ROLLBACK) goes after what this turn issued before it.
    if (state.turn.length > 0) sendTurn(query, handle, state);
    return handle(sql, values, callback);
  };
  const release = connection.release?.bind(connection);
  if (release) {
    connection.release = () => {
      state.pending = [];
      state.lazyStart = false;
      state.failed = null;
      state.together = null;
      state.turn = [];
      release();
    };
  }
}

/** The pending statements and then `last` (if any) in one packet; `done` gets `last`'s own result. */
function send(query: Connection['query'], state: Batching, pending: Deferred[], last: unknown, values: unknown[], done: Callback): unknown {
  const lastText = last === null ? null : typeof last === 'string' ? last : (last as { sql: string }).sql;
  const text = [...pending.map((p) => p.sql), ...(lastText === null ? [] : [lastText])].join(';\n');
  const allValues = [...pending.flatMap((p) => p.values), ...values];
  const payload = last === null || typeof last === 'string' ? text : { ...(last as object), sql: text };
  const command = query(payload, allValues, (error: Error | null, results?: unknown[], fields?: unknown[]) => {
    if (error) {
      // mysql2 keeps one result per statement that ran before the failure: all the pending
      // ones ran when the statement that carried them is the one that failed, and their
      // checks still hold the transaction to what they need.
      const ran = (command as { _rows?: unknown[] } | undefined)?._rows;
      state.failed = lastText === null || ran?.length !== pending.length ? error : failedCheck(pending, ran);
      return done(error);
    }
    // One statement answers with its result, several with one result each.
    const count = pending.length + (lastText === null ? 0 : 1);
    const each = count === 1 ? [results] : (results ?? []);
    state.failed = failedCheck(pending, each);
    if (state.failed) return done(state.failed);
    if (lastText === null) return done(null);
    return done(null, each[count - 1], count === 1 ? fields : fields?.[count - 1]);
  });
  return command;
}

/** The error of the first deferred statement whose check its result fails, if any. */
function failedCheck(pending: Deferred[], results: unknown[]): Error | null {
  try {
    pending.forEach((p, i) => p.check?.(results[i]));
    return null;
  } catch (failed) {
    return failed as Error;
  }
}

/**
 * The statements of this turn in one packet, behind what is pending, those of one shape
 * merged (merge-statements.ts mergeTurn), each caller answered with its own result.
 */
function sendTurn(query: Connection['query'], handle: (sql: unknown, values?: unknown, callback?: unknown) => unknown, state: Batching): void {
  const turn = state.turn;
  state.turn = [];
  if (turn.length === 0) return;
  if (turn.length === 1 || state.failed) {
    for (const { sql, values, done } of turn) handle(sql, values, done);
    return;
  }
  const sent = mergeTurn(turn, { mergeInserts: state.together?.mergeInserts ?? false });
  const pending = mergePending(state.pending);
  state.pending = [];
  const texts = [...pending.map((p) => p.sql), ...sent.map((statement) => statement.sql)];
  const fail = (error: Error) => {
    for (const { done } of turn) done(error);
  };
  query(texts.join(';\n'), [...pending.flatMap((p) => p.values), ...sent.flatMap((statement) => statement.values)], (error: Error | null, results?: unknown) => {
    if (error) {
      state.failed = error;
      return fail(error);
    }
    const each = texts.length === 1 ? [results] : (results as unknown[]);
    state.failed = failedCheck(pending, each);
    if (state.failed) return fail(state.failed);
    sent.forEach((statement, i) => {
      const answers = statement.split(each[pending.length + i]);
      statement.issued.forEach((index, k) => turn[index].done(null, answers[k]));
    });
  });
}
