import type { EntityManager } from 'typeorm';
import { fromSqlDate } from '../db/sql-date';
import { NotFoundError } from '../errors';
import type { Program } from '../programs/program.entity';
import { Segment } from '../segments/segment.entity';

export const MEMBER_EXPORT_COLUMNS = [
  'id',
  'externalId',
  'email',
  'phone',
  'name',
  'birthday',
  'locale',
  'status',
  'joinedAt',
  'consentEmail',
  'consentSms',
  'referralCode',
  'tier',
  'pointsAvailable',
  'pointsPending',
  'lifetimeSpend',
  'purchaseCount',
  'lastPurchaseAt',
] as const;

/**
 * One CSV cell. Quoted when it holds a separator, a quote or a line break; a text that a
 * spreadsheet would run as a formula (= + - @ at the start) is prefixed with ' (CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;
const toDate = (v: unknown) => (v === null || v === undefined ? null : fromSqlDate(v as Date | string));

export interface MemberExportOptions {
  program: Program;
  /** Only the members of this segment (by code). */
  segment?: string | null;
  pageSize?: number;
  /** Called after each page with the rows written so far. */
  onPage?: (rows: number) => void;
}

/** How many rows the export will have (for a progress bar). */
export async function countMemberExport(em: EntityManager, options: MemberExportOptions): Promise<number> {
  const segmentId = await segmentIdOf(em, options);
  const [row] = segmentId
    ? await em.query(`SELECT COUNT(*) AS n FROM segment_members s INNER JOIN members m ON m.id = s.memberId WHERE s.segmentId = ? AND m.status <> 'anonymised'`, [segmentId])
    : await em.query(`SELECT COUNT(*) AS n FROM members m WHERE m.status <> 'anonymised'`);
  return Number(row.n);
}

/**
 * The members as CSV, a page at a time: a keyset query per page (member id order), pulled
 * only when the consumer asks for more, so memory holds one page whatever the size.
 * Anonymised members are left out.
 */
export async function* memberExportCsv(em: EntityManager, options: MemberExportOptions): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? 1000;
  const segmentId = await segmentIdOf(em, options);
  yield `\uFEFF${row([...MEMBER_EXPORT_COLUMNS])}`;
  let after = 0;
  let written = 0;
  for (;;) {
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT m.id, m.externalId, m.email, m.phone, m.name, m.birthday, m.locale, m.status, m.createdAt, m.consentEmail, m.consentSms, m.referralCode,
              t.code AS tier, a.available, a.pending, a.lifetimeSpendMinor, a.purchaseCount, a.lastPurchaseAt
         FROM members m
         ${segmentId ? 'INNER JOIN segment_members s ON s.memberId = m.id AND s.segmentId = ?' : ''}
         LEFT JOIN loyalty_accounts a ON a.memberId = m.id AND a.programId = ?
         LEFT JOIN tiers t ON t.id = a.tierId
        WHERE m.id > ? AND m.status <> 'anonymised'
        ORDER BY m.id LIMIT ${Number(pageSize)}`,
      [...(segmentId ? [segmentId] : []), options.program.id, after],
    );
    if (rows.length === 0) return;
    let chunk = '';
    for (const r of rows) {
      chunk += row([
        r.id,
        r.externalId,
        r.email,
        r.phone,
        r.name,
        r.birthday,
        r.locale,
        r.status,
        toDate(r.createdAt),
        Boolean(Number(r.consentEmail)),
        Boolean(Number(r.consentSms)),
        r.referralCode,
        r.tier,
        r.available ?? 0,
        r.pending ?? 0,
        // Money in major units with two decimals, as a spreadsheet expects.
        (Number(r.lifetimeSpendMinor ?? 0) / 100).toFixed(2),
        r.purchaseCount ?? 0,
        toDate(r.lastPurchaseAt),
      ]);
    }
    written += rows.length;
    after = Number(rows[rows.length - 1].id);
    options.onPage?.(written);
    yield chunk;
    if (rows.length < pageSize) return;
  }
}

async function segmentIdOf(em: EntityManager, options: MemberExportOptions): Promise<number | null> {
  if (!options.segment) return null;
  const segment = await em.findOne(Segment, { where: { programId: options.program.id, code: options.segment } });
  if (!segment) throw new NotFoundError('Segment', options.segment);
  return segment.id;
}
