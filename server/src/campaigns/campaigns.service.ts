import { z } from 'zod';
import { parseInput, stripUndefined } from '../input';
import { In, type EntityManager } from 'typeorm';
import { compileGraph, validateGraph, type CompiledRule, type Diagnostic, type FlowDomain, type FlowEvent, type FlowGraph, type ReferenceKind, type TriggerEvent, type ValidateOptions } from '@patron/schema/flow';
import { Member } from '../members/member.entity';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { StaffUser } from '../auth/staff-user.entity';
import { pointsForAmount } from '../programs/earning';
import type { RulesService } from '../rules/rules.service';
import { loadByIds } from '../db/load-by-ids';
import { keysetPage, type PageRequest } from '../db/keyset-page';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors';
import type { ProgramsService } from '../programs/programs.service';
import type { SegmentsService } from '../segments/segments.service';
import { Campaign, STACKING, type CampaignStatus } from './campaign.entity';
import { CampaignVersion } from './campaign-version.entity';
import { diffGraphs, type GraphDiff } from './graph-diff';

/** Publishing refused: the graph has errors. The diagnostics say where. */
export class PublishRefusedError extends DomainError {
  readonly code = 'PUBLISH_REFUSED';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`The flow has ${diagnostics.filter((d) => d.severity === 'error').length} error(s) and cannot be published.`);
  }
}

/** Domains whose flow nodes can run on this server. Later issues add theirs. */
/** Domains every server has; the others are switched on by their domain in services.ts (enableDomain). */
const CORE_DOMAINS: readonly FlowDomain[] = ['jobs', 'scheduler', 'segments', 'surveys'];

const settings = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(1000),
  priority: z.number().int().min(-1000).max(1000),
  stacking: z.enum(STACKING),
  budgetPoints: z.number().int().min(1).max(1_000_000_000).nullable(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  /** Only members of this segment take part. */
  audienceSegment: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'a segment code').nullable(),
});
export interface SimulationInput {
  campaignId: number;
  memberId: number;
  version: number | null;
  graph?: unknown;
  event: { type: TriggerEvent; name?: string | null; totalMinor?: number | null; currency?: string | null; channel?: string | null; items?: unknown; occurredAt?: Date | null; data?: unknown };
}

export type CampaignSettings = Partial<z.input<typeof settings>>;


/** Campaigns: drafts, immutable published versions, diffs, simulation. Knows no GraphQL. */
export class CampaignsService {
  private readonly compiled = new Map<string, CompiledRule>();
  private readonly domains = new Set<FlowDomain>(CORE_DOMAINS);
  private readonly referenceSources = new Map<ReferenceKind, (em: EntityManager, programId: number) => Promise<string[]>>();

  constructor(
    private readonly programs: ProgramsService,
    private readonly segments: SegmentsService,
  ) {}

  /** A domain that has landed lets graphs use its node kinds. */
  enableDomain(domain: FlowDomain): void {
    this.domains.add(domain);
  }

  /** A domain names the codes graphs may refer to (rewards, badges, challenges), checked when a graph compiles. */
  referTo(kind: ReferenceKind, codes: (em: EntityManager, programId: number) => Promise<string[]>): void {
    this.referenceSources.set(kind, codes);
  }

  availableDomains(): FlowDomain[] {
    return [...this.domains].sort();
  }

  byIds(em: EntityManager, ids: readonly (number | string)[]) {
    return loadByIds(em, Campaign, ids);
  }

  async get(em: EntityManager, id: number): Promise<Campaign> {
    const campaign = Number.isSafeInteger(id) ? await em.findOne(Campaign, { where: { id } }) : null;
    if (!campaign) throw new NotFoundError('Campaign', String(id));
    return campaign;
  }

  page(em: EntityManager, page: PageRequest, status?: CampaignStatus | null, programId?: number | null) {
    return keysetPage(em, Campaign, page, (qb, c) => {
      if (status) qb.andWhere(`${c}.status = :status`, { status });
      if (programId) qb.andWhere(`${c}.programId = :programId`, { programId });
    });
  }

  /** What the compiler may rely on: domains that exist and the codes of the program's tiers, segments and every domain's references. */
  async compileOptions(em: EntityManager, programId: number): Promise<ValidateOptions> {
    const tiers = await this.programs.tiers(em, programId);
    const references: NonNullable<ValidateOptions['references']> = { tier: tiers.map((t) => t.code), segment: await this.segments.codes(em, programId) };
    for (const [kind, codes] of this.referenceSources) references[kind] = await codes(em, programId);
    return { domains: this.domains, references };
  }

  async programOf(em: EntityManager, campaign: Campaign) {
    return this.programs.resolve(em, campaign.programId);
  }

  /** Points each campaign has given (earn entries it caused), by campaign id, in one query. */
  async pointsGiven(em: EntityManager, campaignIds: readonly number[]): Promise<number[]> {
    if (campaignIds.length === 0) return [];
    const rows: { campaignId: number; points: number | string }[] = await em
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .select('e.campaignId', 'campaignId')
      .addSelect('COALESCE(SUM(e.availableChange + e.pendingChange - e.debtChange), 0)', 'points')
      .where('e.campaignId IN (:...ids) AND e.kind = :earn', { ids: [...campaignIds], earn: 'earn' })
      .groupBy('e.campaignId')
      .getRawMany();
    const byId = new Map(rows.map((r) => [Number(r.campaignId), Number(r.points)]));
    return campaignIds.map((id) => byId.get(id) ?? 0);
  }

  /** Names of the staff who published, by staff id (null for the system). */
  async authorNames(em: EntityManager, staffIds: readonly number[]): Promise<(string | null)[]> {
    const staff = staffIds.length ? await em.find(StaffUser, { select: { id: true, name: true, email: true }, where: { id: In([...staffIds]) } }) : [];
    const byId = new Map(staff.map((s) => [s.id, s.name || s.email]));
    return staffIds.map((id) => byId.get(id) ?? null);
  }

  private async checkAudience(em: EntityManager, programId: number, code: string | null) {
    if (code && !(await this.segments.codes(em, programId)).includes(code)) throw ValidationError.of(['input', 'audienceSegment'], `unknown segment "${code}"`);
  }

  async diagnostics(em: EntityManager, campaign: Campaign): Promise<Diagnostic[]> {
    return validateGraph(campaign.draftGraph, await this.compileOptions(em, campaign.programId)).diagnostics;
  }

  async create(em: EntityManager, input: CampaignSettings & { programId?: number | null; graph?: unknown }, staffId: number | null): Promise<Campaign> {
    const data = parseInput(settings, { description: '', priority: 0, stacking: 'stackable', budgetPoints: null, startsAt: null, endsAt: null, audienceSegment: null, ...stripUndefined(input) });
    checkWindow(data.startsAt, data.endsAt);
    const program = await this.programs.resolve(em, input.programId);
    await this.checkAudience(em, program.id, data.audienceSegment);
    const graph = input.graph === undefined ? { nodes: [], edges: [] } : readableGraph(input.graph);
    const campaign = em.create(Campaign, { ...data, programId: program.id, draftGraph: graph, createdByStaffId: staffId });
    return em.save(campaign);
  }

  /**
   * Saves the draft, even with errors (work is never lost), but refuses what cannot be
   * read as a graph. With `expectedRevision`, a save from a stale tab is a conflict.
   */
  async updateDraft(em: EntityManager, id: number, input: CampaignSettings & { graph?: unknown; expectedRevision?: number | null }): Promise<Campaign> {
    const campaign = await this.get(em, id);
    if (campaign.status === 'archived') throw new ConflictError('An archived campaign cannot be edited.');
    if (input.expectedRevision != null && input.expectedRevision !== campaign.draftRevision) {
      throw new ConflictError(`The draft was changed elsewhere (revision ${campaign.draftRevision}, yours ${input.expectedRevision}). Reload it first.`);
    }
    const data = parseInput(settings.partial(), stripUndefined({ ...input, graph: undefined, expectedRevision: undefined }));
    Object.assign(campaign, data);
    checkWindow(campaign.startsAt, campaign.endsAt);
    if (data.audienceSegment !== undefined) await this.checkAudience(em, campaign.programId, data.audienceSegment);
    if (input.graph !== undefined) campaign.draftGraph = readableGraph(input.graph);
    campaign.draftRevision += 1;
    campaign.updatedAt = new Date();
    return em.save(campaign);
  }

  /** Compiles the draft and, only when it has no errors, freezes it as the next version and runs it. */
  async publish(em: EntityManager, id: number, notes: string | null, staffId: number | null): Promise<{ campaign: Campaign; version: CampaignVersion }> {
    const campaign = await this.get(em, id);
    if (campaign.status === 'archived') throw new ConflictError('An archived campaign cannot be published.');
    const { rule, diagnostics } = compileGraph(campaign.draftGraph, await this.compileOptions(em, campaign.programId));
    if (!rule) throw new PublishRefusedError(diagnostics);
    const last = await em.findOne(CampaignVersion, { where: { campaignId: id }, order: { number: 'DESC' } });
    const version = em.create(CampaignVersion, {
      campaignId: id,
      number: (last?.number ?? 0) + 1,
      graph: campaign.draftGraph,
      notes: (notes ?? '').trim().slice(0, 1000),
      authorStaffId: staffId,
    });
    await em.insert(CampaignVersion, version as never);
    campaign.activeVersion = version.number;
    campaign.status = campaign.startsAt && campaign.startsAt > new Date() ? 'scheduled' : 'active';
    campaign.updatedAt = new Date();
    await em.save(campaign);
    this.compiled.set(`${id}:${version.number}`, rule);
    return { campaign, version };
  }

  async setPaused(em: EntityManager, id: number, paused: boolean): Promise<Campaign> {
    const campaign = await this.get(em, id);
    if (paused && !['active', 'scheduled'].includes(campaign.status)) throw new ConflictError(`A ${campaign.status} campaign cannot be paused.`);
    if (!paused && campaign.status !== 'paused') throw new ConflictError(`Only a paused campaign can be resumed; this one is ${campaign.status}.`);
    campaign.status = paused ? 'paused' : campaign.startsAt && campaign.startsAt > new Date() ? 'scheduled' : 'active';
    campaign.updatedAt = new Date();
    return em.save(campaign);
  }

  /** Makes an earlier version the draft again (a new revision; the versions stay as they were). */
  async restoreVersion(em: EntityManager, id: number, number: number): Promise<Campaign> {
    const campaign = await this.get(em, id);
    const version = await this.version(em, id, number);
    campaign.draftGraph = version.graph;
    campaign.draftRevision += 1;
    campaign.updatedAt = new Date();
    return em.save(campaign);
  }

  versions(em: EntityManager, campaignId: number): Promise<CampaignVersion[]> {
    return em.find(CampaignVersion, { where: { campaignId }, order: { number: 'DESC' } });
  }

  async version(em: EntityManager, campaignId: number, number: number): Promise<CampaignVersion> {
    const version = await em.findOne(CampaignVersion, { where: { campaignId, number } });
    if (!version) throw new NotFoundError('CampaignVersion', `${campaignId}/${number}`);
    return version;
  }

  /** Nodes and edges added, removed and changed from one version (or the draft, as 0) to another. */
  async diff(em: EntityManager, campaignId: number, from: number, to: number | null): Promise<GraphDiff> {
    const campaign = await this.get(em, campaignId);
    const graphOf = async (n: number | null) => (n === null || n === 0 ? campaign.draftGraph : (await this.version(em, campaignId, n)).graph);
    return diffGraphs(await graphOf(from), await graphOf(to));
  }

  /** The compiled rule of a published version, built once and kept in memory. */
  async rule(em: EntityManager, campaign: Campaign, number: number): Promise<CompiledRule> {
    const key = `${campaign.id}:${number}`;
    let rule = this.compiled.get(key);
    if (!rule) {
      const version = await this.version(em, campaign.id, number);
      // A published version compiled once; only the reference lists could have changed since.
      const compiled = compileGraph(version.graph, { domains: 'all' });
      if (!compiled.rule) throw new Error(`campaign ${campaign.id} version ${number} no longer compiles`);
      rule = compiled.rule;
      this.compiled.set(key, rule);
    }
    return rule;
  }

  /**
   * What a graph (the draft, a version, or one sent by the editor) would do for a member
   * and a sample event. Nothing is written; errors come back as diagnostics.
   */
  async simulateWith(em: EntityManager, rules: RulesService, input: SimulationInput) {
    const campaign = await this.get(em, input.campaignId);
    const program = await this.programs.resolve(em, campaign.programId);
    if (!(await em.exists(Member, { where: { id: input.memberId } }))) throw new NotFoundError('Member', String(input.memberId));
    const graph = input.graph ?? (input.version ? (await this.version(em, campaign.id, input.version)).graph : campaign.draftGraph);
    const { rule, diagnostics } = compileGraph(graph, await this.compileOptions(em, program.id));
    if (!rule) return { diagnostics, effects: [], trace: [], exposures: [] };
    const e = input.event;
    const event: FlowEvent = {
      type: e.type,
      memberId: String(input.memberId),
      occurredAt: (e.occurredAt ?? new Date()).toISOString(),
      ...(e.name ? { name: e.name } : {}),
      ...(e.data ? { data: e.data as Record<string, unknown> } : {}),
      ...(e.totalMinor != null
        ? {
            purchase: {
              totalMinor: e.totalMinor,
              currency: e.currency ?? program.currency,
              channel: e.channel ?? 'store',
              items: Array.isArray(e.items) ? (e.items as NonNullable<FlowEvent['purchase']>['items']) : [],
              basePoints: pointsForAmount(program, e.totalMinor),
            },
          }
        : {}),
    };
    const base = await rules.baseFacts(em, program, input.memberId, event, false);
    base.segments = await this.segments.codesFor(em, program.id, input.memberId);
    await rules.provide(em, program, input.memberId, base, rule.needs);
    const aggregates = await rules.aggregates(em, program, input.memberId, rule.facts, new Date(), new Map());
    const result = rule.evaluate(event, { ...base, aggregates }, { timezone: program.timezone, pointValueMinor: program.pointValueMinor });
    return { diagnostics, ...result };
  }
}

/** The shape and size of a graph must be readable even in a draft; the rest may still be wrong. */
function readableGraph(input: unknown): FlowGraph {
  const { diagnostics, validated } = validateGraph(input, { domains: 'all' });
  const blocking = diagnostics.find((d) => d.code === 'graph_malformed' || d.code === 'graph_too_large');
  if (blocking) throw new ValidationError([{ path: ['input', 'graph', ...(blocking.path ?? []).map(String)], message: blocking.message.en, code: blocking.code }]);
  return (validated?.graph ?? input) as FlowGraph;
}

function checkWindow(startsAt: Date | null, endsAt: Date | null) {
  if (startsAt && endsAt && endsAt <= startsAt) throw ValidationError.of(['input', 'endsAt'], 'must be after startsAt');
}
