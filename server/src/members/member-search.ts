import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { InvalidCursorError, type PageRequest } from '../db/keyset-page';
import type { Member, MemberStatus } from './member.entity';

/**
 * Members search: a term matches the start of an email, a phone or an external id, or the
 * start of words of the name ("иван петр" finds "Пётр Иванов"… and "Иван Петров").
 *
 * At a million members a scan for a term that matches nobody reads every row (seconds), so
 * on MySQL/MariaDB the page's ids are found first, each way by an index:
 * - email, external id and phone by their B-tree indexes (prefix ranges);
 * - the name by a scan of the next WINDOW ids, which fills the page at once for a common
 *   name; a rarer one is looked up beyond the window in the FULLTEXT index of names, whose
 *   matches are then few.
 * SQLite, for small installations, filters the scan with the same conditions.
 */
const WINDOW = 20_000;
/** InnoDB's FULLTEXT index holds words of this many characters or more (innodb_ft_min_token_size). */
const FULLTEXT_MIN_WORD = 3;

export function searchWords(term: string): string[] {
  return term
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 5);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Each word starts a word of the name: at its start or after a space. */
function nameCondition(alias: string, words: string[]): { sql: string; params: string[] } {
  return {
    sql: words.map(() => `(LOWER(${alias}.name) LIKE ? OR LOWER(${alias}.name) LIKE ?)`).join(' AND '),
    params: words.flatMap((w) => [`${escapeLike(w)}%`, `% ${escapeLike(w)}%`]),
  };
}

/** The SQLite (and fallback) filter: the whole condition on the scan. */
export function whereMatches(qb: SelectQueryBuilder<Member>, alias: string, term: string): void {
  const prefix = `${escapeLike(term.toLowerCase())}%`;
  const words = searchWords(term);
  const name = nameCondition(alias, words);
  let n = 0;
  const named = name.sql.replace(/\?/g, () => `:searchWord${n++}`);
  const nameParams = Object.fromEntries(name.params.map((p, i) => [`searchWord${i}`, p]));
  qb.andWhere(
    new Brackets((w) => {
      w.where(`${alias}.email LIKE :prefix`, { prefix })
        .orWhere(`${alias}.externalId LIKE :prefix`, { prefix })
        .orWhere(`${alias}.phone LIKE :prefix`, { prefix });
      if (words.length) w.orWhere(`(${named})`, nameParams);
    }),
  );
}

/** The ids of the page on MySQL/MariaDB, in page order (see above); null on SQLite. */
export async function searchPageIds(em: EntityManager, term: string, page: PageRequest, status: MemberStatus | null | undefined): Promise<number[] | null> {
  if (dialectOf(em.connection) !== 'mysql') return null;
  const cursor = (value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!Number.isSafeInteger(Number(value))) throw new InvalidCursorError();
    return Number(value);
  };
  const after = cursor(page.after);
  const before = cursor(page.before);
  const limit = page.limit;
  const order = page.inverted ? 'DESC' : 'ASC';
  const bounds: string[] = [];
  const boundParams: unknown[] = [];
  if (after !== undefined) bounds.push('id > ?'), boundParams.push(after);
  if (before !== undefined) bounds.push('id < ?'), boundParams.push(before);
  if (status) bounds.push('status = ?'), boundParams.push(status);
  const select = (condition: string, params: unknown[]) => ({
    sql: `(SELECT id FROM members WHERE ${[condition, ...bounds].join(' AND ')} ORDER BY id ${order} LIMIT ${limit})`,
    params: [...params, ...boundParams],
  });
  const ids = async (parts: { sql: string; params: unknown[] }[]) => {
    if (!parts.length) return [];
    const rows: { id: number | string }[] = await em.query(parts.map((p) => p.sql).join(' UNION '), parts.flatMap((p) => p.params));
    return rows.map((r) => Number(r.id));
  };

  const prefix = `${escapeLike(term.toLowerCase())}%`;
  const found = new Set(await ids(['email', 'externalId', 'phone'].map((column) => select(`${column} LIKE ?`, [prefix]))));

  const words = searchWords(term);
  if (words.length) {
    const name = nameCondition('members', words);
    // The window: the next WINDOW ids in page order from the cursor.
    let edge: number;
    if (page.inverted) {
      const [{ top }] = await em.query('SELECT COALESCE(MAX(id), 0) + 1 AS top FROM members');
      edge = (before ?? Number(top)) - WINDOW;
    } else {
      edge = (after ?? 0) + WINDOW;
    }
    const inWindow = page.inverted ? 'id >= ?' : 'id <= ?';
    const beyond = page.inverted ? 'id < ?' : 'id > ?';
    const near = await ids([select(`${name.sql} AND ${inWindow}`, [...name.params, edge])]);
    near.forEach((id) => found.add(id));
    if (near.length < limit) {
      // The index finds the candidates by the words it holds; the LIKE condition keeps exactly
      // what the window would have kept (and checks the short words). Only a term of short
      // words alone is left to a scan.
      const indexed = words.filter((w) => w.length >= FULLTEXT_MIN_WORD);
      const far = indexed.length
        ? select(`MATCH(name) AGAINST (? IN BOOLEAN MODE) AND ${name.sql} AND ${beyond}`, [indexed.map((w) => `+${w}*`).join(' '), ...name.params, edge])
        : select(`${name.sql} AND ${beyond}`, [...name.params, edge]);
      (await ids([far])).forEach((id) => found.add(id));
    }
  }
  return [...found].sort((a, b) => (page.inverted ? b - a : a - b)).slice(0, limit);
}
