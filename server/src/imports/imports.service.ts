import { In, type DataSource, type EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { requestHash } from '../db/idempotent';
import { sqlDate } from '../db/sql-date';
import { inTransaction } from '../db/transaction';
import { isUniqueViolation } from '../db/unique-violation';
import { DomainError } from '../errors';
import { LoyaltyAccount } from '../ledger/account.entity';
import type { LedgerService } from '../ledger/ledger.service';
import { Member } from '../members/member.entity';
import type { MembersService } from '../members/members.service';
import { expiryFor } from '../programs/earning';
import { inHoldout } from '../programs/holdout';
import type { Program } from '../programs/program.entity';
import type { Tier } from '../programs/tier.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { TiersService } from '../programs/tiers.service';
import { Purchase } from '../purchases/purchase.entity';
import { csvRows, CsvSyntaxError, type CsvRow } from './csv';
import { ImportError } from './import-error.entity';
import { ImportJob, type ImportKind } from './import-job.entity';
import { cell, channel, flag, headerIndex, money, pastDate, RowError, text } from './row-parsers';

const BATCH_ROWS = 1000;
/** The error report keeps this many rows per import; the count goes on. */
const MAX_ERROR_ROWS = 10_000;

const MEMBER_COLUMNS = ['externalId', 'email', 'phone', 'name', 'birthday', 'locale', 'consentEmail', 'consentSms', 'points'] as const;
const PURCHASE_COLUMNS = ['externalId', 'memberExternalId', 'total', 'totalMinor', 'currency', 'occurredAt', 'channel', 'storeId', 'program'] as const;

export interface ImportStart {
  kind: ImportKind;
  fileName: string;
  bytesTotal: number | null;
  actor: { staffUserId: number | null; apiKeyId: number | null };
  /** A job that stopped half-way: its committed lines are not read again. */
  resumeJobId?: number | null;
}

type Rejected = { line: number; column: string; message: string };
type PurchaseRow = { line: number; externalId: string; memberExternalId: string | null; totalMinor: number; currency: string; occurredAt: Date; channel: Purchase['channel']; storeId: string | null; programCode: string | null };

/**
 * Bulk CSV imports of the brand's customer base and years of receipts. The file is read
 * as a stream and written a batch at a time, each batch in its own transaction with the
 * job's progress, so a million rows take the memory of one batch, the console can follow
 * along, and a re-run skips what is already in (external ids are the idempotency keys).
 * Imported receipts are history: they count towards spend, visits and tiers, not points
 * (opening balances come with the members file).
 */
export class ImportsService {
  constructor(
    private readonly members: MembersService,
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    private readonly tiers: TiersService,
  ) {}

  async start(dataSource: DataSource, start: ImportStart, now = new Date()): Promise<ImportJob> {
    if (start.resumeJobId) {
      const job = await dataSource.manager.findOne(ImportJob, { where: { id: start.resumeJobId } });
      if (!job || job.kind !== start.kind) throw new ImportRefused(`There is no ${start.kind} import ${start.resumeJobId} to resume.`);
      job.status = 'running';
      job.message = `resumed after line ${job.lastLine}`;
      job.updatedAt = now;
      await dataSource.manager.save(job);
      return job;
    }
    const job = dataSource.manager.create(ImportJob, { kind: start.kind, fileName: start.fileName.slice(0, 200), bytesTotal: start.bytesTotal, staffUserId: start.actor.staffUserId, apiKeyId: start.actor.apiKeyId, startedAt: now, updatedAt: now });
    return dataSource.manager.save(job);
  }

  /** Reads the whole upload into the job; a broken file ends it as failed with the reason. */
  async run(dataSource: DataSource, job: ImportJob, input: AsyncIterable<Buffer | string>): Promise<ImportJob> {
    const resumeAfter = job.lastLine;
    const touchedAccounts = new Map<number, number>();
    try {
      const rows = csvRows(input);
      const header = await rows.next();
      if (header.done) throw new ImportRefused('The file is empty.');
      const index = headerIndex(header.value.fields, job.kind === 'members' ? MEMBER_COLUMNS : PURCHASE_COLUMNS, job.kind === 'members' ? ['externalId'] : ['externalId', 'occurredAt']);
      if (job.kind === 'purchases' && !index.has('total') && !index.has('totalMinor')) throw new RowError('total', 'a total or totalMinor column is required');
      let batch: CsvRow[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        await this.commitBatch(dataSource, job, rows, (em) => (job.kind === 'members' ? this.importMembers(em, rows, index) : this.importPurchases(em, rows, index, touchedAccounts)));
      };
      for await (const row of rows) {
        job.bytesRead = row.bytesRead;
        if (row.line <= resumeAfter) continue;
        batch.push(row);
        if (batch.length >= BATCH_ROWS) await flush();
      }
      await flush();
      await this.evaluateTiers(dataSource, job, touchedAccounts);
      return await this.finish(dataSource, job, 'done', '');
    } catch (error) {
      if (error instanceof CsvSyntaxError || error instanceof RowError || error instanceof ImportRefused) return this.finish(dataSource, job, 'failed', error.message);
      await this.finish(dataSource, job, 'failed', 'The import stopped on an internal error; run it again to resume.').catch(() => undefined);
      throw error;
    }
  }

  errors(em: EntityManager, jobId: number, limit = MAX_ERROR_ROWS): Promise<ImportError[]> {
    return em.find(ImportError, { where: { jobId }, order: { line: 'ASC', id: 'ASC' }, take: limit });
  }

  /** One batch and the job's progress in one transaction; a batch that raced another import is read again. */
  private async commitBatch(dataSource: DataSource, job: ImportJob, rows: CsvRow[], work: (em: EntityManager) => Promise<{ imported: number; skipped: number; rejected: Rejected[] }>) {
    for (let attempt = 0; ; attempt++) {
      try {
        await inTransaction(dataSource, async (em) => {
          const result = await work(em);
          const room = Math.max(0, MAX_ERROR_ROWS - job.rowsFailed);
          if (result.rejected.length && room) {
            // 100 rows a statement (SQLite's limit on one expression), without reading them back.
            const errors = result.rejected.slice(0, room).map((r) => ({ jobId: job.id, line: r.line, column: r.column.slice(0, 64), message: r.message.slice(0, 300) }));
            for (let i = 0; i < errors.length; i += 100) await em.createQueryBuilder().insert().into(ImportError).values(errors.slice(i, i + 100)).updateEntity(false).execute();
          }
          const progress = {
            rowsRead: job.rowsRead + rows.length,
            rowsImported: job.rowsImported + result.imported,
            rowsSkipped: job.rowsSkipped + result.skipped,
            rowsFailed: job.rowsFailed + result.rejected.length,
            lastLine: rows[rows.length - 1].line,
            bytesRead: job.bytesRead,
            updatedAt: new Date(),
          };
          await em.update(ImportJob, job.id, progress);
          Object.assign(job, progress);
        });
        return;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 2) throw error;
      }
    }
  }

  private async importMembers(em: EntityManager, rows: CsvRow[], index: Map<string, number>) {
    let imported = 0;
    let skipped = 0;
    const rejected: Rejected[] = [];
    const program = await this.programs.resolve(em).catch(() => null);
    const accepted: { line: number; input: Record<string, unknown>; points: number }[] = [];
    for (const row of rows) {
      try {
        const get = (column: string) => cell(row.fields, index, column);
        const points = get('points');
        if (points !== null && !/^\d{1,9}$/.test(points)) throw new RowError('points', 'whole points, 0 or more');
        accepted.push({
          line: row.line,
          points: Number(points ?? 0),
          input: {
            externalId: text(get('externalId'), 'externalId', 191) ?? '',
            email: get('email') ?? undefined,
            phone: get('phone') ?? undefined,
            name: get('name') ?? undefined,
            birthday: get('birthday') ?? undefined,
            locale: get('locale') ?? undefined,
            consentEmail: flag(get('consentEmail'), 'consentEmail'),
            consentSms: flag(get('consentSms'), 'consentSms'),
          },
        });
      } catch (error) {
        rejected.push(rejectionOf(row.line, error));
      }
    }
    const outcomes = await this.members.createMany(em, accepted.map((a) => a.input), { source: 'api', actorId: null });
    const now = new Date();
    for (const [i, outcome] of outcomes.entries()) {
      const { line, points } = accepted[i];
      if ('error' in outcome) {
        rejected.push(rejectionOf(line, outcome.error));
        continue;
      }
      if (!outcome.created) {
        skipped++;
        continue;
      }
      imported++;
      if (points > 0 && program) {
        const account = await this.ledger.openAccount(em, outcome.member.id, program.id);
        // The opening balance lives by the program's expiry from the day it is imported.
        await this.ledger.earn(em, account.id, 'adjust', { points, source: 'import', reason: 'Opening balance (import)', availableAt: now, expiresAt: expiryFor(program, now), occurredAt: now });
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    return { imported, skipped, rejected };
  }

  private async importPurchases(em: EntityManager, rows: CsvRow[], index: Map<string, number>, touchedAccounts: Map<number, number>) {
    const now = new Date();
    const rejected: Rejected[] = [];
    const parsed: PurchaseRow[] = [];
    for (const row of rows) {
      try {
        const get = (column: string) => cell(row.fields, index, column);
        const externalId = text(get('externalId'), 'externalId', 191);
        if (externalId === null) throw new RowError('externalId', 'is required');
        const currency = get('currency');
        if (currency !== null && !/^[A-Za-z]{3}$/.test(currency)) throw new RowError('currency', 'a three-letter ISO 4217 code');
        parsed.push({
          line: row.line,
          externalId,
          memberExternalId: text(get('memberExternalId'), 'memberExternalId', 191),
          totalMinor: index.has('totalMinor') ? money(get('totalMinor'), 'totalMinor', true) : money(get('total'), 'total', false),
          currency: (currency ?? '').toUpperCase(),
          occurredAt: pastDate(get('occurredAt'), 'occurredAt', now),
          channel: channel(get('channel')),
          storeId: text(get('storeId'), 'storeId', 64),
          programCode: get('program'),
        });
      } catch (error) {
        rejected.push(rejectionOf(row.line, error));
      }
    }
    // The same receipt twice in one file: the first line wins.
    const seen = new Set<string>();
    const unique = parsed.filter((row) => {
      if (seen.has(row.externalId)) {
        rejected.push({ line: row.line, column: 'externalId', message: 'the same externalId is earlier in the file' });
        return false;
      }
      seen.add(row.externalId);
      return true;
    });
    const existing = new Set(
      unique.length ? (await em.find(Purchase, { select: { externalId: true }, where: { externalId: In(unique.map((r) => r.externalId)) } })).map((p) => p.externalId) : [],
    );
    const fresh = unique.filter((row) => !existing.has(row.externalId));
    const memberIds = new Map<string, { id: number; status: string }>();
    const wanted = [...new Set(fresh.map((r) => r.memberExternalId).filter((id): id is string => id !== null))];
    if (wanted.length) for (const m of await em.find(Member, { select: { id: true, externalId: true, status: true }, where: { externalId: In(wanted) } })) memberIds.set(m.externalId!, m);
    const programs = new Map<string | null, Program>();
    const toInsert: (PurchaseRow & { memberId: number | null; program: Program })[] = [];
    for (const row of fresh) {
      try {
        if (!programs.has(row.programCode)) programs.set(row.programCode, await this.programByCode(em, row.programCode));
        const program = programs.get(row.programCode)!;
        const currency = row.currency || program.currency;
        if (currency !== program.currency) throw new RowError('currency', `the program counts in ${program.currency}`);
        const member = row.memberExternalId === null ? null : memberIds.get(row.memberExternalId);
        if (member === undefined) throw new RowError('memberExternalId', 'no member has this externalId (import the members first)');
        if (member && member.status !== 'active') throw new RowError('memberExternalId', `the member is ${member.status}`);
        toInsert.push({ ...row, currency, memberId: member?.id ?? null, program });
      } catch (error) {
        rejected.push(rejectionOf(row.line, error));
      }
    }
    if (toInsert.length) {
      // One multi-row INSERT with bound values: the ORM's per-row work would cost more than the database's.
      const dialect = dialectOf(em.connection);
      const columns = ['externalId', 'requestHash', 'memberId', 'programId', 'totalMinor', 'currency', 'channel', 'storeId', 'occurredAt', 'createdAt'];
      const values = toInsert.flatMap((row) => [
        row.externalId,
        requestHash({ import: true, externalId: row.externalId, totalMinor: row.totalMinor, occurredAt: row.occurredAt.toISOString() }),
        row.memberId,
        row.program.id,
        row.totalMinor,
        row.currency,
        row.channel,
        row.storeId,
        sqlDate(dialect, row.occurredAt),
        sqlDate(dialect, now),
      ]);
      const placeholders = `(${columns.map(() => '?').join(', ')})`;
      await em.query(`INSERT INTO purchases (${columns.join(', ')}) VALUES ${toInsert.map(() => placeholders).join(', ')}`, values);
      await this.addToAccounts(em, toInsert.filter((row) => row.memberId !== null) as (PurchaseRow & { memberId: number; program: Program })[], touchedAccounts);
    }
    return { imported: toInsert.length, skipped: unique.length - fresh.length, rejected };
  }

  /** Spend, visits and the last purchase of each member's account, in three statements per batch. */
  private async addToAccounts(em: EntityManager, rows: (PurchaseRow & { memberId: number; program: Program })[], touchedAccounts: Map<number, number>) {
    if (rows.length === 0) return;
    const key = (memberId: number, programId: number) => `${memberId}:${programId}`;
    const totals = new Map<string, { memberId: number; program: Program; count: number; spend: number; last: Date }>();
    for (const row of rows) {
      const k = key(row.memberId, row.program.id);
      const t = totals.get(k) ?? { memberId: row.memberId, program: row.program, count: 0, spend: 0, last: row.occurredAt };
      t.count += 1;
      t.spend += row.totalMinor;
      if (row.occurredAt > t.last) t.last = row.occurredAt;
      totals.set(k, t);
    }
    const memberIds = [...new Set(rows.map((r) => r.memberId))];
    const accounts = new Map((await em.find(LoyaltyAccount, { select: { id: true, memberId: true, programId: true }, where: { memberId: In(memberIds) } })).map((a) => [key(a.memberId, a.programId), a.id]));
    const missing = [...totals.values()].filter((t) => !accounts.has(key(t.memberId, t.program.id)));
    if (missing.length) {
      // New accounts in one statement; one opened meanwhile by a purchase is left as it is.
      const rows = missing.map((t) => em.create(LoyaltyAccount, { memberId: t.memberId, programId: t.program.id, holdout: inHoldout(t.program, t.memberId) }));
      await em.createQueryBuilder().insert().into(LoyaltyAccount).values(rows as never).orIgnore().updateEntity(false).execute();
      for (const a of await em.find(LoyaltyAccount, { select: { id: true, memberId: true, programId: true }, where: { memberId: In(missing.map((t) => t.memberId)) } })) accounts.set(key(a.memberId, a.programId), a.id);
    }
    const dialect = dialectOf(em.connection);
    const cases = (pick: (t: { count: number; spend: number; last: Date }) => unknown) => {
      const params: unknown[] = [];
      const sql = [...totals.entries()].map(([k, t]) => {
        params.push(accounts.get(k), pick(t));
        return 'WHEN ? THEN ?';
      });
      return { sql: `CASE id ${sql.join(' ')} END`, params };
    };
    const count = cases((t) => t.count);
    const spend = cases((t) => t.spend);
    const last = cases((t) => sqlDate(dialect, t.last));
    const ids = [...totals.keys()].map((k) => accounts.get(k)!);
    const programOf = new Map([...totals.entries()].map(([k, t]) => [accounts.get(k)!, t.program.id]));
    await em.query(
      `UPDATE loyalty_accounts SET purchaseCount = purchaseCount + ${count.sql}, lifetimeSpendMinor = lifetimeSpendMinor + ${spend.sql}, ` +
        `lastPurchaseAt = CASE WHEN lastPurchaseAt IS NULL OR lastPurchaseAt < ${last.sql} THEN ${last.sql} ELSE lastPurchaseAt END ` +
        `WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [...count.params, ...spend.params, ...last.params, ...last.params, ...ids],
    );
    for (const id of ids) touchedAccounts.set(id, programOf.get(id)!);
  }

  /** Tiers for the accounts the receipts touched (upgrades only, as a purchase would), a page per transaction. */
  private async evaluateTiers(dataSource: DataSource, job: ImportJob, accountPrograms: Map<number, number>) {
    const programs = new Map<number, { program: Program; tiers: Tier[] }>();
    for (const programId of new Set(accountPrograms.values())) {
      const program = await this.programs.resolve(dataSource.manager, programId);
      programs.set(programId, { program, tiers: await this.programs.tiers(dataSource.manager, programId) });
    }
    // A program without tiers has nothing to evaluate.
    const ids = [...accountPrograms.entries()].filter(([, programId]) => programs.get(programId)!.tiers.length > 0).map(([id]) => id);
    for (let i = 0; i < ids.length; i += 200) {
      await inTransaction(dataSource, async (em) => {
        for (const id of ids.slice(i, i + 200)) {
          const account = await this.ledger.lock(em, id);
          const { program, tiers } = programs.get(account.programId)!;
          await this.tiers.evaluate(em, account, program, tiers, new Date());
        }
        await em.update(ImportJob, job.id, { message: `tiers: ${Math.min(ids.length, i + 200)} of ${ids.length} accounts`, updatedAt: new Date() });
      });
    }
  }

  private async programByCode(em: EntityManager, code: string | null): Promise<Program> {
    if (code === null) return this.programs.resolve(em);
    const program = (await this.programs.list(em)).find((p) => p.code === code);
    if (!program) throw new RowError('program', `no program has the code ${code.slice(0, 64)}`);
    return program;
  }

  private async finish(dataSource: DataSource, job: ImportJob, status: 'done' | 'failed', message: string): Promise<ImportJob> {
    const now = new Date();
    Object.assign(job, { status, message: message.slice(0, 500), finishedAt: now, updatedAt: now });
    await dataSource.manager.update(ImportJob, job.id, { status, message: job.message, finishedAt: now, updatedAt: now, bytesRead: job.bytesRead });
    return job;
  }
}

/** The whole import was refused before any row (nothing to resume, an empty file). */
export class ImportRefused extends Error {}

function rejectionOf(line: number, error: unknown): Rejected {
  if (error instanceof RowError) return { line, column: error.column, message: error.message };
  if (error instanceof DomainError) {
    const fieldErrors = (error as DomainError & { fieldErrors?: { path: string[]; message: string }[] }).fieldErrors;
    if (fieldErrors?.length) return { line, column: fieldErrors[0].path.at(-1) ?? '', message: fieldErrors.map((f) => `${f.path.at(-1)}: ${f.message}`).join('; ') };
    return { line, column: '', message: error.message };
  }
  throw error;
}
