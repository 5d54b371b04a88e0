import { z } from 'zod';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { PREDEFINED_SEGMENTS, segmentDefinition, usesRfm, type SegmentRule } from '@patron/schema/segments';
import { dialectOf } from '../db/data-source';
import { fromSqlDate, sqlDate } from '../db/sql-date';
import { inTransaction } from '../db/transaction';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import { enqueueJobs, type JobHandler } from '../jobs/job-queue';
import { Member } from '../members/member.entity';
import { localParts } from '../programs/calendar';
import type { ProgramsService } from '../programs/programs.service';
import { segmentCondition, type RfmCuts } from './segment-sql';
import { SegmentMember, type MembershipSource } from './segment-member.entity';
import { SegmentSize } from './segment-size.entity';
import { Segment, SEGMENT_KINDS } from './segment.entity';

const segmentInput = z
  .object({
    programId: z.number().int().positive().nullable().optional(),
    code: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -'),
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(1000).optional(),
    kind: z.enum(SEGMENT_KINDS),
    definition: segmentDefinition.nullable().optional(),
  })
  .refine((s) => s.kind === 'static' || Boolean(s.definition), { message: 'a dynamic segment needs a definition', path: ['definition'] })
  .refine((s) => s.kind === 'dynamic' || !s.definition, { message: 'a static segment has no definition', path: ['definition'] });
export type SegmentInput = z.input<typeof segmentInput>;

/** Ids given at once to add to or remove from a segment. */
const MAX_IDS = 10_000;

/**
 * Segments: definitions turned into SQL and materialized set-wise (one DELETE and one
 * INSERT … SELECT per refresh, whatever the number of members), static lists, and the
 * membership flows read.
 */
export class SegmentsService {
  constructor(private readonly programs: ProgramsService) {}

  readonly handlers: Record<string, JobHandler> = {
    'segments.refresh': async (em, payload) => void (await this.refresh(em, Number(payload.segmentId))),
  };

  async get(em: EntityManager, id: number): Promise<Segment> {
    const segment = await em.findOne(Segment, { where: { id } });
    if (!segment) throw new NotFoundError('Segment', String(id));
    return segment;
  }

  async list(em: EntityManager, programId?: number | null): Promise<Segment[]> {
    const program = await this.programs.resolve(em, programId);
    return em.find(Segment, { where: { programId: program.id }, order: { code: 'ASC' } });
  }

  async create(em: EntityManager, raw: SegmentInput): Promise<Segment> {
    const input = parseInput(segmentInput, raw, ['input']);
    const program = await this.programs.resolve(em, input.programId);
    await this.checkReferences(em, program.id, input.code, input.definition ?? null);
    const segment = em.create(Segment, { programId: program.id, code: input.code, name: input.name, description: input.description ?? '', kind: input.kind, definition: input.definition ?? null });
    try {
      await em.insert(Segment, segment as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A segment with the code "${input.code}" already exists.`);
      throw error;
    }
    if (segment.kind === 'dynamic') await this.refresh(em, segment.id);
    return this.get(em, segment.id);
  }

  async update(em: EntityManager, id: number, raw: Partial<SegmentInput>): Promise<Segment> {
    const segment = await this.get(em, id);
    const input = parseInput(segmentInput, { programId: segment.programId, code: segment.code, name: segment.name, description: segment.description, kind: segment.kind, definition: segment.definition, ...raw }, ['input']);
    if (input.kind !== segment.kind) throw ValidationError.of(['input', 'kind'], 'a segment keeps its kind');
    if (input.code !== segment.code) throw ValidationError.of(['input', 'code'], 'flows refer to the code: it cannot change');
    await this.checkReferences(em, segment.programId, segment.code, input.definition ?? null);
    await em.update(Segment, id, { name: input.name, description: input.description ?? '', definition: input.definition ?? null, updatedAt: new Date() });
    if (segment.kind === 'dynamic') await this.refresh(em, id);
    return this.get(em, id);
  }

  /** How many members a definition selects now, without saving anything (the builder's live count). */
  async preview(em: EntityManager, programId: number | null | undefined, definition: unknown): Promise<number> {
    const rule = parseInput(segmentDefinition, definition, ['definition']);
    const program = await this.programs.resolve(em, programId);
    const now = new Date();
    const condition = segmentCondition(rule, { programId: program.id, now, dialect: dialectOf(em.connection), rfm: usesRfm(rule) ? await this.rfmCuts(em, program.id, now) : undefined });
    const [row] = await em.query(`SELECT COUNT(*) AS n FROM members m LEFT JOIN loyalty_accounts a ON a.memberId = m.id AND a.programId = ? WHERE m.status = 'active' AND ${condition.sql}`, [program.id, ...condition.params]);
    return Number(row.n);
  }

  /**
   * Materializes a dynamic segment: members the definition no longer selects leave, new ones
   * join; members put there by an upload, a campaign or staff stay. Records the size.
   */
  async refresh(em: EntityManager, id: number, now = new Date()): Promise<Segment> {
    const segment = await this.get(em, id);
    if (segment.kind === 'dynamic' && segment.definition) {
      const rfm = usesRfm(segment.definition) ? await this.rfmCuts(em, segment.programId, now) : undefined;
      const condition = segmentCondition(segment.definition, { programId: segment.programId, now, dialect: dialectOf(em.connection), rfm });
      const from = `FROM members m LEFT JOIN loyalty_accounts a ON a.memberId = m.id AND a.programId = ? WHERE m.status = 'active' AND ${condition.sql}`;
      await em.query(
        // The derived table lets MySQL read segment_members (a "segment" rule) while deleting from it.
        `DELETE FROM segment_members WHERE segmentId = ? AND source = 'rule' AND memberId NOT IN (SELECT keep.id FROM (SELECT m.id AS id ${from}) keep)`,
        [id, segment.programId, ...condition.params],
      );
      const addedAt = sqlDate(dialectOf(em.connection), now);
      await em.query(
        `INSERT INTO segment_members (segmentId, memberId, source, addedAt) SELECT ?, m.id, 'rule', ? ${from} AND NOT EXISTS (SELECT 1 FROM segment_members s WHERE s.segmentId = ? AND s.memberId = m.id)`,
        [id, addedAt, segment.programId, ...condition.params, id],
      );
    }
    const memberCount = await em.countBy(SegmentMember, { segmentId: id });
    await em.update(Segment, id, { memberCount, refreshedAt: now });
    await em.insert(SegmentSize, { segmentId: id, measuredAt: now, members: memberCount });
    return this.get(em, id);
  }

  /** Puts members in a segment by hand or by list (kept across refreshes); returns how many were new. */
  async addMembers(em: EntityManager, id: number, memberIds: number[], source: Exclude<MembershipSource, 'rule'>): Promise<number> {
    const segment = await this.get(em, id);
    const ids = [...new Set(memberIds)];
    if (ids.length > MAX_IDS) throw ValidationError.of(['memberIds'], `at most ${MAX_IDS} at once`);
    const known = await em.find(Member, { select: { id: true }, where: { id: In(ids) } });
    if (known.length !== ids.length) throw ValidationError.of(['memberIds'], `${ids.length - known.length} of the members do not exist`);
    const present = new Set((await em.find(SegmentMember, { select: { memberId: true }, where: { segmentId: id, memberId: In(ids) } })).map((r) => r.memberId));
    const fresh = ids.filter((m) => !present.has(m));
    const now = new Date();
    for (let i = 0; i < fresh.length; i += 500) {
      await em.insert(SegmentMember, fresh.slice(i, i + 500).map((memberId) => ({ segmentId: id, memberId, source, addedAt: now })));
    }
    if (fresh.length) await em.update(Segment, id, { memberCount: segment.memberCount + fresh.length, updatedAt: now });
    return fresh.length;
  }

  async removeMembers(em: EntityManager, id: number, memberIds: number[]): Promise<number> {
    const segment = await this.get(em, id);
    if (segment.kind === 'dynamic') throw ValidationError.of(['id'], 'members leave a dynamic segment by its definition; change the definition');
    if (memberIds.length > MAX_IDS) throw ValidationError.of(['memberIds'], `at most ${MAX_IDS} at once`);
    const result = await em.delete(SegmentMember, { segmentId: id, memberId: In([...new Set(memberIds)]) });
    const removed = result.affected ?? 0;
    if (removed) await em.update(Segment, id, { memberCount: Math.max(0, segment.memberCount - removed), updatedAt: new Date() });
    return removed;
  }

  /** A member joins a segment from a flow (action.addToSegment). False when already in it or it does not exist. */
  async addFromCampaign(em: EntityManager, programId: number, code: string, memberId: number): Promise<boolean> {
    const segment = await em.findOne(Segment, { where: { programId, code } });
    if (!segment || (await em.exists(SegmentMember, { where: { segmentId: segment.id, memberId } }))) return false;
    try {
      await em.insert(SegmentMember, { segmentId: segment.id, memberId, source: 'campaign', addedAt: new Date() });
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    await em.increment(Segment, { id: segment.id }, 'memberCount', 1);
    return true;
  }

  /** The codes of the segments a member is in: what condition.segment and campaign audiences read. */
  async codesFor(em: EntityManager, programId: number, memberId: number): Promise<string[]> {
    return (await this.codesForMembers(em, programId, [memberId]))[0];
  }

  /** codesFor for many members in one query (lists of members). */
  async codesForMembers(em: EntityManager, programId: number, memberIds: readonly number[]): Promise<string[][]> {
    if (memberIds.length === 0) return [];
    const rows = await em
      .getRepository(SegmentMember)
      .createQueryBuilder('s')
      .innerJoin(Segment, 'g', 'g.id = s.segmentId')
      .select(['s.memberId AS memberId', 'g.code AS code'])
      .where('s.memberId IN (:...ids) AND g.programId = :programId', { ids: [...memberIds], programId })
      .getRawMany<{ memberId: number; code: string }>();
    return memberIds.map((id) => rows.filter((r) => Number(r.memberId) === id).map((r) => r.code).sort());
  }

  async codes(em: EntityManager, programId: number): Promise<string[]> {
    return (await em.find(Segment, { select: { code: true }, where: { programId } })).map((s) => s.code);
  }

  async sizeHistory(em: EntityManager, id: number, days: number): Promise<SegmentSize[]> {
    return em
      .getRepository(SegmentSize)
      .createQueryBuilder('z')
      .where('z.segmentId = :id AND z.measuredAt >= :from', { id, from: new Date(Date.now() - days * 86_400_000) })
      .orderBy('z.measuredAt', 'ASC')
      .getMany();
  }

  /** Creates the predefined segments the program does not have yet. */
  async addPredefined(em: EntityManager, programId: number | null | undefined, locale: 'ru' | 'en' = 'ru'): Promise<Segment[]> {
    const program = await this.programs.resolve(em, programId);
    const existing = new Set(await this.codes(em, program.id));
    const created: Segment[] = [];
    for (const preset of PREDEFINED_SEGMENTS.filter((p) => !existing.has(p.code))) {
      created.push(await this.create(em, { programId: program.id, code: preset.code, name: preset.name[locale], kind: 'dynamic', definition: preset.definition }));
    }
    return created;
  }

  /** Schedules each dynamic segment's daily refresh (idempotent by job key). */
  async plan(dataSource: DataSource, now = new Date()): Promise<number> {
    return inTransaction(dataSource, async (em) => {
      const segments = await em.find(Segment, { where: { kind: 'dynamic' } });
      const jobs = [];
      for (const segment of segments) {
        const program = await this.programs.resolve(em, segment.programId);
        const day = localParts(now, program.timezone);
        jobs.push({ name: 'segments.refresh', runAt: now, uniqueKey: `segment-refresh:${segment.id}:${day.year}-${day.month}-${day.day}`, payload: { segmentId: segment.id } });
      }
      return enqueueJobs(em, jobs);
    });
  }

  /**
   * Quintile cut points of recency (days since the last purchase), frequency and monetary
   * over the members who bought in the last 365 days: each the value at 20, 40, 60 and 80 %.
   */
  async rfmCuts(em: EntityManager, programId: number, now: Date): Promise<RfmCuts> {
    const since = sqlDate(dialectOf(em.connection), new Date(now.getTime() - 365 * 86_400_000));
    const perMember = `SELECT p.memberId AS memberId, COUNT(*) AS f, SUM(p.totalMinor - p.refundedMinor) AS mon, MAX(p.occurredAt) AS last
      FROM purchases p WHERE p.programId = ? AND p.memberId IS NOT NULL AND p.occurredAt >= ? GROUP BY p.memberId`;
    const [{ n }] = await em.query(`SELECT COUNT(*) AS n FROM (${perMember}) t`, [programId, since]);
    const total = Number(n);
    const at = async (order: string, offset: number) => (await em.query(`SELECT t.f AS f, t.mon AS mon, t.last AS last FROM (${perMember}) t ORDER BY ${order} LIMIT 1 OFFSET ${offset}`, [programId, since]))[0];
    const cuts: RfmCuts = { recency: [], frequency: [], monetary: [] };
    for (const q of [0.2, 0.4, 0.6, 0.8]) {
      const offset = Math.max(0, Math.min(total - 1, Math.floor(total * q) - 1));
      if (total === 0) {
        cuts.recency.push(0);
        cuts.frequency.push(0);
        cuts.monetary.push(0);
        continue;
      }
      cuts.frequency.push(Number((await at('t.f ASC', offset)).f));
      cuts.monetary.push(Number((await at('t.mon ASC', offset)).mon));
      const last = (await at('t.last DESC', offset)).last;
      const lastAt = fromSqlDate(last);
      cuts.recency.push(Math.floor((now.getTime() - lastAt.getTime()) / 86_400_000));
    }
    return cuts;
  }

  /** Segments a definition refers to must exist in the program, and not be the segment itself. */
  private async checkReferences(em: EntityManager, programId: number, code: string, definition: SegmentRule | null) {
    const referenced: string[] = [];
    const walk = (rule: SegmentRule) => {
      if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach(walk);
      else if (rule.type === 'not') walk(rule.rule);
      else if (rule.type === 'segment') referenced.push(rule.segment);
    };
    if (definition) walk(definition);
    if (referenced.includes(code)) throw ValidationError.of(['input', 'definition'], 'a segment cannot contain itself');
    const known = new Set(await this.codes(em, programId));
    const missing = referenced.filter((r) => !known.has(r));
    if (missing.length) throw ValidationError.of(['input', 'definition'], `unknown segment: ${missing.join(', ')}`);
  }
}
