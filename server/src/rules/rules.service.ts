import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { report } from '../activity';
import type { EntityManager } from 'typeorm';
import { factsFor, memberFacts, type Effect, type Evaluation, type FactRequest, type FlowEvent, type MemberFacts, type PathState, type ProvidedFact } from '@patron/schema/flow';
import { enqueueJob } from '../jobs/job-queue';
import { isUniqueViolation } from '../db/unique-violation';
import { Campaign } from '../campaigns/campaign.entity';
import { Exposure } from '../campaigns/exposure.entity';
import type { CampaignsService } from '../campaigns/campaigns.service';
import { LoyaltyAccount } from '../ledger/account.entity';
import type { LedgerService } from '../ledger/ledger.service';
import { Member } from '../members/member.entity';
import { expiryFor } from '../programs/earning';
import { inHoldout } from '../programs/holdout';
import type { Program } from '../programs/program.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { Tier } from '../programs/tier.entity';
import type { TiersService } from '../programs/tiers.service';
import type { SegmentsService } from '../segments/segments.service';
import { capUsageOf, takeCap } from './caps';
import { readListened, RuleIndex, runningAt } from './campaign-index';
import { listenerQuestions, type ListenerProbe } from './listener-probes';
import { ListenedRowsCache, watchForListeners } from './listeners-version';

export type { ListenerProbe } from './listener-probes';
import { RuleTrace } from './rule-trace.entity';
import { findRow } from '../db/find-rows';
import { insertRowsWithoutIds } from '../db/write-rows';
import { windowAggregates } from './window-aggregates';

/** Rows the caller already holds in its transaction. */
export interface KnownRows {
  member?: Member;
  account?: LoyaltyAccount;
  /** The tiers of the event's program, by rank. */
  tiers?: Tier[];
  /**
   * The program's listenersVersion as this transaction read it: with it the campaigns and
   * the listeners' probes may come from memory (listeners-version.ts). A program object held
   * from earlier says nothing of what has changed since, so without it they are read.
   */
  listenersVersion?: number;
}

export interface CampaignOutcome {
  campaignId: number;
  version: number;
  traceId: string;
  evaluation: Evaluation;
  /** Effects applied; the rest were stopped by a cap or the budget. */
  applied: Effect[];
  /** Points the applied effects earned (awards and cashback). */
  points: number;
}

/**
 * Applies one kind of effect for its domain (rewards, badges, notifications…), in the
 * rule's transaction, after caps allowed it: the points it earned, or false when it did
 * not apply (the member has the badge already, the reward is out of stock…).
 */
export type EffectHandler<T extends Effect['type'] = Effect['type']> = (em: EntityManager, run: RunContext, effect: Extract<Effect, { type: T }>) => Promise<number | false>;

/** One campaign's run on one event: what every applied effect is recorded against. */
export interface RunContext {
  campaign: Campaign;
  version: number;
  program: Program;
  memberId: number;
  traceId: string;
  now: Date;
  purchaseId: number | null;
  /** The event the campaign ran on: a handler may record what occasioned its effect (a birthday offer). */
  event: FlowEvent;
  /** The member's account as the caller holds it, locked in this transaction (see onEvent). */
  lockedAccount?: LoyaltyAccount;
}

/**
 * Runs the active campaigns of a program on an event, in the caller's transaction:
 * facts fetched once, rules compiled once per version, effects applied through the
 * domain services with campaign, version, variant and trace on every ledger entry.
 */
/**
 * Told of every event after the campaigns ran, in the same transaction, whether or not
 * the member is in the holdout: challenge progress, referral qualification, webhooks.
 */
export type EventListener = (em: EntityManager, program: Program, memberId: number, event: FlowEvent, outcomes: CampaignOutcome[], options: { purchaseId?: number; now: Date }) => Promise<void>;

/** What a rule that reads no window aggregates, or no cap, is given: shared, and frozen so that nobody writes to it. */
const NO_AGGREGATES: Record<string, number> = Object.freeze({});
const NO_CAP_USAGE: MemberFacts['capUsage'] = Object.freeze({});

/** A member fact a domain knows (the member's clubs), loaded for the rules that read it. */
export type FactProvider<K extends ProvidedFact = ProvidedFact> = (em: EntityManager, program: Program, memberId: number) => Promise<MemberFacts[K]>;

export class RulesService {
  private readonly handlers = new Map<Effect['type'], EffectHandler>();
  private readonly listeners: { listener: EventListener; probe?: ListenerProbe }[] = [];
  private readonly factProviders = new Map<ProvidedFact, FactProvider>();
  private readonly index: RuleIndex;
  private readonly listened = new ListenedRowsCache();

  constructor(
    private readonly campaigns: CampaignsService,
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    private readonly tiers: TiersService,
    private readonly segments: SegmentsService,
  ) {
    this.index = new RuleIndex((em, campaign, version) => campaigns.rule(em, campaign, version));
    // What a campaign spends of its budget changes nothing of which campaigns run.
    watchForListeners(Campaign, (changed) => changed === null || Object.keys(changed).some((column) => column !== 'spentPoints'));
  }

  /** A domain takes over one kind of effect; services.ts wires each domain that has landed. */
  handleEffect<T extends Effect['type']>(type: T, handler: EffectHandler<T>): void {
    this.handlers.set(type, handler as unknown as EffectHandler);
  }

  /** A domain that follows events (services.ts wires it); listeners run in the order they were added. */
  listen(listener: EventListener, probe?: ListenerProbe): void {
    this.listeners.push({ listener, probe });
    for (const { entity, matters } of probe?.reads ?? []) watchForListeners(entity, matters);
  }

  /** A domain adds a fact for the rules to read (services.ts wires it), so this file imports no domain. */
  provideFact<K extends ProvidedFact>(fact: K, provider: FactProvider<K>): void {
    this.factProviders.set(fact, provider);
  }

  /**
   * The provided facts a rule reads and `facts` lacks, added to it. Only rules that read
   * them pay for them: a purchase with no club condition in any campaign reads no clubs.
   */
  /** Fetches the facts of `needs` that `facts` lacks; whether it added any. */
  async provide(em: EntityManager, program: Program, memberId: number, facts: Partial<MemberFacts>, needs: readonly ProvidedFact[]): Promise<boolean> {
    let added = false;
    for (const fact of needs) {
      const provider = this.factProviders.get(fact);
      if (provider && facts[fact] === undefined) {
        facts[fact] = await provider(em, program, memberId);
        added = true;
      }
    }
    return added;
  }

  /**
   * `known`: the member and their account as the caller holds them in this transaction (a
   * purchase has both, the account locked and up to date), so the rules need not read them again.
   */
  async onEvent(em: EntityManager, program: Program, memberId: number, event: FlowEvent, options: { purchaseId?: number; now?: Date; known?: KnownRows } = {}): Promise<CampaignOutcome[]> {
    const now = options.now ?? new Date();
    // The probes are asked, and their answers turned into the listeners to call, only when the rows are read.
    const listened = await this.listened.read(em, program.id, event.type, options.known?.listenersVersion, async () => {
      const questions = listenerQuestions(this.listeners, program, event.type);
      const { version, campaigns, probes } = await readListened(em, program.id, questions);
      return { version, campaigns, wanted: questions.wanted(probes) };
    });
    const campaigns = runningAt(listened.campaigns, now);
    const outcomes = await this.runCampaigns(em, program, memberId, event, campaigns, options.purchaseId ?? null, now, options.known);
    for (const [index, { listener }] of this.listeners.entries()) {
      if (listened.wanted[index]) await listener(em, program, memberId, event, outcomes, { purchaseId: options.purchaseId, now });
    }
    return outcomes;
  }

  private async runCampaigns(em: EntityManager, program: Program, memberId: number, event: FlowEvent, campaigns: readonly Campaign[], purchaseId: number | null, now: Date, known?: KnownRows): Promise<CampaignOutcome[]> {
    const outcomes: CampaignOutcome[] = [];
    const factCache = new Map<string, number>();
    // Campaigns that ask the same aggregates share one record, and those that read the same share one facts object (factsFor).
    const aggregatesByKey = new Map<string, Record<string, number>>();
    let base: (Omit<MemberFacts, 'aggregates' | 'capUsage'> & { holdout: boolean }) | null = null;
    let facts: MemberFacts | null = null;
    let segmentsLoaded = false;
    const options = { timezone: program.timezone, pointValueMinor: program.pointValueMinor };
    // Only the campaigns with a trigger for this event: the others would leave no trace and read nothing.
    for (const { campaign, rule } of await this.index.listening(em, campaigns, event)) {
      base ??= await this.baseFacts(em, program, memberId, event, true, known);
      // The program's holdout gets nothing from any campaign: it is what the campaigns are measured against.
      if (base.holdout) return outcomes;
      if ((campaign.audienceSegment || rule.readsSegments) && !segmentsLoaded) {
        base.segments = await this.segments.codesFor(em, program.id, memberId);
        segmentsLoaded = true;
        facts = null;
      }
      // A campaign with an audience runs only for the members of its segment.
      if (campaign.audienceSegment && !base.segments!.includes(campaign.audienceSegment)) continue;
      // A rule that reads nothing more costs no await: with a thousand campaigns on one event, these would be thousands.
      if (rule.needs.length > 0 && (await this.provide(em, program, memberId, base, rule.needs))) facts = null;
      let aggregates = NO_AGGREGATES;
      if (rule.facts.length > 0) {
        const known = aggregatesByKey.get(rule.factsKey);
        if (known) aggregates = known;
        else aggregatesByKey.set(rule.factsKey, (aggregates = await this.aggregates(em, program, memberId, rule.facts, now, factCache)));
      }
      const capUsage = rule.readsCapUsage ? await capUsageOf(em, campaign.id, memberId) : NO_CAP_USAGE;
      facts = factsFor(facts, base, aggregates, capUsage);
      const started = performance.now();
      const decision = rule.decide(event, facts, options);
      report({ kind: 'ruleEvaluation', seconds: (performance.now() - started) / 1000, applied: decision.fired });
      if (!decision.fired) continue;
      // The trace is kept for every run that fired; it is walked only now, for the record.
      const evaluation: Evaluation = { effects: decision.effects, trace: rule.trace(event, facts, options), exposures: decision.exposures };
      const traceId = randomUUID();
      await insertRowsWithoutIds(em, RuleTrace, [{ id: traceId, campaignId: campaign.id, campaignVersion: campaign.activeVersion!, memberId, eventType: event.type, steps: evaluation.trace, createdAt: now }]);
      // Exposed when the event happened (a purchase sent late still counts from its time).
      const exposedAt = new Date(event.occurredAt);
      for (const exposure of evaluation.exposures) await this.expose(em, campaign, memberId, exposure.experimentKey, exposure.variant, Number.isNaN(exposedAt.getTime()) ? now : exposedAt);
      const lockedAccount = known?.account?.memberId === memberId && known.account.programId === program.id ? known.account : undefined;
      const outcome = await this.applyAll(em, { campaign, version: campaign.activeVersion!, program, memberId, traceId, now, purchaseId, event, lockedAccount }, event, evaluation);
      outcomes.push(outcome);
      if (campaign.stacking === 'exclusive' && outcome.applied.length > 0) break;
    }
    return outcomes;
  }

  /**
   * Continues a campaign after a flow.wait: the version that scheduled the wait runs on
   * from the node the wait led to, with the variants and caps of the path so far.
   */
  async resume(em: EntityManager, payload: Record<string, unknown>, now = new Date()): Promise<CampaignOutcome | null> {
    const { campaignId, version, nodeId, memberId, event, path } = payload as { campaignId: number; version: number; nodeId: string; memberId: number; event: FlowEvent; path: PathState };
    const campaign = await em.findOne(Campaign, { where: { id: campaignId } });
    // A paused or ended campaign does not finish what it started.
    if (!campaign || !['active', 'scheduled'].includes(campaign.status)) return null;
    const program = await this.programs.resolve(em, campaign.programId);
    const rule = await this.campaigns.rule(em, campaign, version);
    const base = await this.baseFacts(em, program, memberId, event, false);
    if (rule.readsSegments) base.segments = await this.segments.codesFor(em, program.id, memberId);
    await this.provide(em, program, memberId, base, rule.needs);
    const aggregates = await this.aggregates(em, program, memberId, rule.facts, now, new Map());
    const capUsage = rule.readsCapUsage ? await capUsageOf(em, campaign.id, memberId) : {};
    const evaluation = rule.resume(nodeId, event, memberFacts(base, aggregates, capUsage), { timezone: program.timezone, pointValueMinor: program.pointValueMinor }, path);
    const traceId = randomUUID();
    await insertRowsWithoutIds(em, RuleTrace, [{ id: traceId, campaignId, campaignVersion: version, memberId, eventType: event.type, steps: evaluation.trace, createdAt: now }]);
    return this.applyAll(em, { campaign, version, program, memberId, traceId, now, purchaseId: null, event }, event, evaluation);
  }

  private async applyAll(em: EntityManager, run: RunContext, event: FlowEvent, evaluation: Evaluation): Promise<CampaignOutcome> {
    const { campaign, version, memberId, traceId, now } = run;
    const applied: Effect[] = [];
    let points = 0;
    for (const effect of evaluation.effects) {
      if (effect.type === 'wait') {
        await enqueueJob(em, {
          name: 'flow.resume',
          runAt: new Date(now.getTime() + effect.minutes * 60_000),
          uniqueKey: `wait:${traceId}:${effect.resumeNodeId}`,
          payload: { campaignId: campaign.id, version, nodeId: effect.resumeNodeId, memberId, event, path: { variants: effect.variants ?? [], caps: effect.caps ?? [] } },
        });
        applied.push(effect);
        continue;
      }
      const result = await this.apply(em, run, effect);
      if (result === false) continue;
      applied.push(effect);
      points += result;
    }
    return { campaignId: campaign.id, version, traceId, evaluation, applied, points };
  }

  /** Runs a member event (signup, tierChanged…) in the default program, if there is one. */
  async onMemberEvent(em: EntityManager, memberId: number, event: Omit<FlowEvent, 'memberId' | 'occurredAt'>, now = new Date()): Promise<CampaignOutcome[]> {
    const program = await this.programs.resolve(em).catch(() => null);
    if (!program) return [];
    return this.onEvent(em, program, memberId, { ...event, memberId: String(memberId), occurredAt: now.toISOString() } as FlowEvent, { now });
  }

  /** What the rule sees about the member, fetched once per event. */
  async baseFacts(em: EntityManager, program: Program, memberId: number, event: FlowEvent, recorded = true, known?: KnownRows): Promise<Omit<MemberFacts, 'aggregates' | 'capUsage'> & { holdout: boolean }> {
    const member = known?.member?.id === memberId ? known.member : await findRow(em, Member, { id: memberId });
    const account = known?.account?.memberId === memberId && known.account.programId === program.id ? known.account : await findRow(em, LoyaltyAccount, { memberId, programId: program.id });
    const tiers = account?.tierId ? (known?.tiers ?? (await this.programs.tiers(em, program.id))) : [];
    const count = account?.purchaseCount ?? 0;
    return {
      tier: tiers.find((t) => t.id === account?.tierId)?.code ?? null,
      segments: [],
      attributes: member?.attributes ?? {},
      // Purchases before this one: a recorded purchase is already counted.
      purchaseCount: event.type === 'purchase' && recorded ? Math.max(0, count - 1) : count,
      joinedAt: member?.createdAt.toISOString(),
      birthday: member?.birthday ?? null,
      // Decided when the account opened; before that, by the same hash.
      holdout: account ? account.holdout : inHoldout(program, memberId),
    };
  }

  /** Window aggregates over indexed columns; the current purchase is inside the window. */
  aggregates(em: EntityManager, program: Program, memberId: number, requests: FactRequest[], now: Date, cache: Map<string, number>): Promise<Record<string, number>> {
    return windowAggregates(em, program, memberId, requests, now, cache);
  }

  private async expose(em: EntityManager, campaign: Campaign, memberId: number, experimentKey: string, variant: string, now: Date) {
    if (await em.exists(Exposure, { where: { campaignId: campaign.id, experimentKey, memberId } })) return;
    try {
      await em.insert(Exposure, { campaignId: campaign.id, campaignVersion: campaign.activeVersion!, experimentKey, variant, memberId, exposedAt: now });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** Applies one effect when its caps and the campaign budget allow it: the points it earned, or false when it was not applied. */
  private async apply(em: EntityManager, run: RunContext, effect: Effect): Promise<number | false> {
    const { campaign, program, memberId, now } = run;
    // Cashback is money: in a cashback program one point is one minor unit; elsewhere it is converted at the point value.
    const points =
      effect.type === 'awardPoints' ? effect.points : effect.type === 'cashback' ? (program.valueKind === 'cashback' ? effect.amountMinor : Math.floor(effect.amountMinor / Math.max(1, program.pointValueMinor))) : 0;
    if ((effect.type === 'awardPoints' || effect.type === 'cashback') && points <= 0) return false;
    // A cap's point budget counts cashback as well as awards.
    for (const cap of effect.caps ?? []) {
      if (!(await takeCap(em, campaign.id, cap, memberId, points, now))) return false;
    }
    if (effect.type === 'awardPoints' || effect.type === 'cashback') {
      if (!(await this.spendBudget(em, campaign, points))) return false;
      // The caller's locked account is earned on as it is (and stays up to date for the caller).
      const account = run.lockedAccount ?? (await this.ledger.openAccount(em, memberId, program.id)).id;
      await this.ledger.earn(
        em,
        account,
        'earn',
        {
          points,
          source: 'campaign',
          purchaseId: run.purchaseId,
          campaignId: campaign.id,
          campaignVersion: run.version,
          variantKey: effect.variants?.at(-1)?.variant ?? null,
          traceId: run.traceId,
          availableAt: now,
          expiresAt: expiryFor(program, now),
          occurredAt: now,
          reason: campaign.name.slice(0, 200),
        },
        now,
      );
      return points;
    }
    if (effect.type === 'setTier') {
      const tiers = await this.programs.tiers(em, program.id);
      const tier = tiers.find((t) => t.code === effect.tier);
      const account = await this.ledger.openAccount(em, memberId, program.id);
      if (!tier || account.tierId === tier.id) return false;
      await this.tiers.move(em, await this.ledger.lock(em, account.id), tier, 'campaign', now);
      return 0;
    }
    if (effect.type === 'addToSegment') {
      return (await this.segments.addFromCampaign(em, program.id, effect.segment, memberId)) ? 0 : false;
    }
    const handler = this.handlers.get(effect.type);
    // Without a handler the effect's domain has not landed; a graph using it cannot be published.
    return handler ? handler(em, run, effect) : false;
  }

  /** The campaign budget, atomically: never more points than budgetPoints, whatever the concurrency. */
  private async spendBudget(em: EntityManager, campaign: Campaign, points: number): Promise<boolean> {
    if (campaign.budgetPoints === null) return true;
    const result = await em
      .createQueryBuilder()
      .update(Campaign)
      .set({ spentPoints: () => `spentPoints + ${Math.trunc(points)}` })
      .where('id = :id AND spentPoints + :points <= budgetPoints', { id: campaign.id, points })
      .execute();
    return result.affected === 1;
  }
}
