import { z } from 'zod';
import { TRIGGER_EVENTS, type Diagnostic, type FlowEvent } from '@patron/schema/flow';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { ErrorInterface } from '../graphql/errors.graphql';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { idOf } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import type { EventReceipt } from '../rules/events.service';
import { CAMPAIGN_STATUSES, STACKING } from './campaign.entity';
import type { CampaignVersion } from './campaign-version.entity';
import { PublishRefusedError } from './campaigns.service';
import { backtestCampaign, type BacktestResult } from './backtest';
import type { GraphDiff } from './graph-diff';

const CampaignStatusEnum = enumOf('CampaignStatus', CAMPAIGN_STATUSES);
const StackingEnum = enumOf('Stacking', STACKING, 'EXCLUSIVE: when this campaign gives anything, lower-priority ones are skipped.');
const TriggerEventEnum = enumOf('TriggerEvent', TRIGGER_EVENTS);

const readers = { $any: { roles: ['marketer' as const, 'analyst' as const] } };
const editors = { roles: ['marketer' as const] };
const staffId = (ctx: Context) => (ctx.actor.kind === 'staff' ? ctx.actor.staffUserId : null);

export const DiagnosticRef = builder.objectRef<Diagnostic>('FlowDiagnostic').implement({
  description: 'A problem in a flow graph, pointing at a node or edge by id.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'cycle, unreachable_node, trigger_missing, dangling_edge, parameter_invalid, unknown_reference, domain_unavailable, conflicting_actions, graph_too_large…' }),
    severity: t.exposeString('severity'),
    nodeId: t.exposeString('nodeId', { nullable: true }),
    edgeId: t.exposeString('edgeId', { nullable: true }),
    path: t.stringList({ nullable: true, resolve: (d) => d.path?.map(String) ?? null }),
    message: t.string({ args: { locale: t.arg.string({ defaultValue: 'en' }) }, resolve: (d, args) => (args.locale === 'ru' ? d.message.ru : d.message.en) }),
  }),
});

builder.objectType(PublishRefusedError, {
  name: 'PublishRefusedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PublishRefusedError,
  fields: (t) => ({ diagnostics: t.field({ type: [DiagnosticRef], resolve: (e) => e.diagnostics }) }),
});

const GraphDiffRef = builder.objectRef<GraphDiff>('GraphDiff').implement({
  fields: (t) => ({
    nodesAdded: t.exposeStringList('nodesAdded'),
    nodesRemoved: t.exposeStringList('nodesRemoved'),
    nodesChanged: t.exposeStringList('nodesChanged'),
    edgesAdded: t.exposeStringList('edgesAdded'),
    edgesRemoved: t.exposeStringList('edgesRemoved'),
  }),
});

const CampaignVersionRef = builder.objectRef<CampaignVersion>('CampaignVersion').implement({
  description: 'A published graph; never changes once written.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    graph: t.expose('graph', { type: 'JSON' }),
    notes: t.exposeString('notes'),
    authorStaffId: t.exposeInt('authorStaffId', { nullable: true }),
    authorName: t.string({
      nullable: true,
      description: 'Who published it (name, else email); null for the system.',
      resolve: (v, _a, ctx) =>
        v.authorStaffId === null ? null : requestLoader(ctx, 'staffNames', (ids: readonly number[]) => ctx.services.campaigns.authorNames(ctx.em, ids)).load(v.authorStaffId),
    }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
  }),
});

export const CampaignNode = builder.loadableNode('Campaign', {
  description: 'A reward rule drawn as a flow graph, with its draft and its published versions.',
  id: { resolve: (c) => c.id },
  authScopes: readers,
  load: (ids: (string | number)[], ctx: Context) => ctx.services.campaigns.byIds(ctx.em, ids),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    program: t.field({ type: ProgramNode, resolve: (c) => c.programId }),
    status: t.expose('status', { type: CampaignStatusEnum }),
    startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true }),
    priority: t.exposeInt('priority'),
    stacking: t.expose('stacking', { type: StackingEnum }),
    budgetPoints: t.exposeInt('budgetPoints', { nullable: true }),
    audienceSegment: t.exposeString('audienceSegment', { nullable: true, description: 'Only members of this segment (by code) take part.' }),
    spentPoints: t.int({
      description: 'With a budget: the points counted against it. Without: the points the campaign has given (from the ledger).',
      resolve: (c, _a, ctx) => (c.budgetPoints !== null ? c.spentPoints : requestLoader(ctx, 'campaignPointsGiven', (ids: readonly number[]) => ctx.services.campaigns.pointsGiven(ctx.em, ids)).load(c.id)),
    }),
    draftGraph: t.expose('draftGraph', { type: 'JSON' }),
    draftRevision: t.exposeInt('draftRevision', { description: 'Send it back with updateCampaignDraft to detect edits from another tab.' }),
    draftDiagnostics: t.field({ type: [DiagnosticRef], resolve: (c, _args, ctx) => ctx.services.campaigns.diagnostics(ctx.em, c) }),
    activeVersion: t.exposeInt('activeVersion', { nullable: true }),
    versions: t.field({ type: [CampaignVersionRef], resolve: (c, _args, ctx) => ctx.services.campaigns.versions(ctx.em, c.id) }),
    diff: t.field({
      type: GraphDiffRef,
      description: 'What changed between two versions; `to` left out (or 0) means the draft.',
      args: { from: t.arg.int({ required: true }), to: t.arg.int({ required: false }) },
      resolve: (c, args, ctx) => ctx.services.campaigns.diff(ctx.em, c.id, args.from, args.to ?? null),
    }),
  }),
});

const CampaignInput = builder.inputType('CampaignInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    programId: t.globalID({ required: false, for: ProgramNode }),
    priority: t.int({ required: false }),
    stacking: t.field({ type: StackingEnum, required: false }),
    budgetPoints: t.int({ required: false }),
    audienceSegment: t.string({ required: false, description: 'A segment code; null lets every member take part.' }),
    startsAt: t.field({ type: 'DateTime', required: false }),
    endsAt: t.field({ type: 'DateTime', required: false }),
    graph: t.field({ type: 'JSON', required: false, description: '{ nodes: [{ id, kind, params, position }], edges: [{ id, source, sourcePort, target }] }' }),
    expectedRevision: t.int({ required: false }),
  }),
});

const SimulationEventInput = builder.inputType('SimulationEventInput', {
  fields: (t) => ({
    type: t.field({ type: TriggerEventEnum }),
    name: t.string({ required: false }),
    totalMinor: t.int({ required: false }),
    currency: t.string({ required: false }),
    channel: t.string({ required: false }),
    items: t.field({ type: 'JSON', required: false }),
    occurredAt: t.field({ type: 'DateTime', required: false }),
    data: t.field({ type: 'JSON', required: false }),
  }),
});

const SimulationRef = builder
  .objectRef<{ diagnostics: Diagnostic[]; effects: unknown[]; trace: unknown[]; exposures: unknown[] }>('Simulation')
  .implement({
    description: 'What the flow would do for this member and event. Nothing is written.',
    fields: (t) => ({
      diagnostics: t.field({ type: [DiagnosticRef], resolve: (s) => s.diagnostics }),
      effects: t.expose('effects', { type: 'JSON' }),
      trace: t.expose('trace', { type: 'JSON', description: 'The nodes passed, each with the port taken and the values it compared.' }),
      exposures: t.expose('exposures', { type: 'JSON' }),
    }),
  });

const BacktestRef = builder.objectRef<BacktestResult>('Backtest').implement({
  description: 'What a graph would have done over a past range. When sampled, the totals are scaled from the purchases replayed.',
  fields: (t) => ({
    diagnostics: t.field({ type: [DiagnosticRef], resolve: (b) => b.diagnostics }),
    events: t.exposeInt('events', { description: "Members' purchases in the range." }),
    eventsReplayed: t.exposeInt('eventsReplayed'),
    sampled: t.exposeBoolean('sampled'),
    sampleRate: t.exposeFloat('sampleRate'),
    membersReached: t.exposeInt('membersReached', { description: 'Members who got an effect among the purchases replayed.' }),
    pointsIssued: t.exposeInt('pointsIssued'),
    costMinor: t.exposeFloat('costMinor'),
    expectedLiabilityMinor: t.exposeFloat('expectedLiabilityMinor', { description: "The cost expected to be redeemed, after the last year's breakage." }),
  }),
});

const EventRecorded = builder.objectRef<EventReceipt>('EventRecorded').implement({
  fields: (t) => ({
    externalId: t.string({ resolve: (r) => r.event.externalId }),
    pointsAwarded: t.int({ resolve: (r) => r.event.pointsAwarded }),
    replayed: t.exposeBoolean('replayed'),
  }),
});

const RecordEventInput = builder.inputType('RecordEventInput', {
  fields: (t) => ({
    externalId: t.string({ description: 'Your id for the event: sending it again changes nothing.' }),
    memberId: t.globalID({ required: false, for: MemberNode }),
    memberExternalId: t.string({ required: false }),
    programId: t.globalID({ required: false, for: ProgramNode }),
    name: t.string({ description: 'The event name a trigger.event node listens for.' }),
    data: t.field({ type: 'JSON', required: false }),
    occurredAt: t.field({ type: 'DateTime', required: false }),
  }),
});

builder.queryFields((t) => ({
  flowDomains: t.stringList({
    description: 'The domains this server can run (jobs, scheduler, segments, surveys…): node kinds that require another one cannot be published yet.',
    authScopes: readers,
    resolve: (_root, _args, ctx) => ctx.services.campaigns.availableDomains(),
  }),
  campaign: t.field({
    type: CampaignNode,
    nullable: true,
    authScopes: readers,
    args: { id: t.arg.globalID({ required: true, for: CampaignNode }) },
    resolve: (_root, args) => Number(args.id.id),
  }),
  campaigns: t.connection(
    {
      type: CampaignNode,
      authScopes: readers,
      args: { status: t.arg({ type: CampaignStatusEnum, required: false }), programId: t.arg.globalID({ required: false, description: 'Only this program’s campaigns.' }) },
      resolve: (_root, args, ctx) => keysetConnection(args, (page) => ctx.services.campaigns.page(ctx.em, page, args.status, args.programId ? (args.programId.typename === 'Program' ? Number(args.programId.id) : -1) : null)),
    },
    { name: 'CampaignConnection' },
    { name: 'CampaignEdge' },
  ),
}));

function settingsOf(input: Record<string, unknown>) {
  const { programId, ...rest } = input as { programId?: { typename: string; id: string } | null };
  return { ...rest, programId: programId ? idOf(programId, 'Program') : null } as never;
}

builder.mutationFields((t) => ({
  createCampaign: t.field({
    type: CampaignNode,
    authScopes: editors,
    args: { input: t.arg({ type: CampaignInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'CreateCampaignResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.campaigns.create(em, settingsOf(input), staffId(ctx))),
  }),
  updateCampaignDraft: t.field({
    type: CampaignNode,
    description: 'Saves the draft (even with diagnostics, so no work is lost). A stale expectedRevision is a ConflictError.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: CampaignNode }), input: t.arg({ type: CampaignInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ConflictError], directResult: true, union: { name: 'UpdateCampaignDraftResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.campaigns.updateDraft(em, Number(id.id), settingsOf(input))),
  }),
  publishCampaign: t.field({
    type: CampaignNode,
    description: 'Compiles the draft and, only when it has no errors, freezes it as the next version and runs it.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: CampaignNode }), notes: t.arg.string({ required: false }) },
    errors: { types: [PublishRefusedError, NotFoundError, ConflictError], directResult: true, union: { name: 'PublishCampaignResult' } },
    resolve: async (_root, { id, notes }, ctx) => (await ctx.transaction((em) => ctx.services.campaigns.publish(em, Number(id.id), notes ?? null, staffId(ctx)))).campaign,
  }),
  pauseCampaign: t.field({
    type: CampaignNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: CampaignNode }) },
    errors: { types: [NotFoundError, ConflictError], directResult: true, union: { name: 'PauseCampaignResult' } },
    resolve: (_root, { id }, ctx) => ctx.transaction((em) => ctx.services.campaigns.setPaused(em, Number(id.id), true)),
  }),
  resumeCampaign: t.field({
    type: CampaignNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: CampaignNode }) },
    errors: { types: [NotFoundError, ConflictError], directResult: true, union: { name: 'ResumeCampaignResult' } },
    resolve: (_root, { id }, ctx) => ctx.transaction((em) => ctx.services.campaigns.setPaused(em, Number(id.id), false)),
  }),
  restoreCampaignVersion: t.field({
    type: CampaignNode,
    description: 'Makes an earlier version the draft again; published versions stay as they are.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: CampaignNode }), version: t.arg.int({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'RestoreCampaignVersionResult' } },
    resolve: (_root, { id, version }, ctx) => ctx.transaction((em) => ctx.services.campaigns.restoreVersion(em, Number(id.id), version)),
  }),
  simulateCampaign: t.field({
    type: SimulationRef,
    description: 'Runs the draft (or a given graph, or a version) for a member and an event, writing nothing.',
    authScopes: readers,
    args: {
      id: t.arg.globalID({ required: true, for: CampaignNode }),
      memberId: t.arg.globalID({ required: true, for: MemberNode }),
      event: t.arg({ type: SimulationEventInput, required: true }),
      version: t.arg.int({ required: false }),
      graph: t.arg({ type: 'JSON', required: false }),
    },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'SimulateCampaignResult' } },
    resolve: (_root, args, ctx) =>
      ctx.services.campaigns.simulateWith(ctx.em, ctx.services.rules, {
        campaignId: Number(args.id.id),
        memberId: Number(args.memberId.id),
        version: args.version ?? null,
        graph: args.graph,
        event: args.event as unknown as Omit<FlowEvent, 'memberId' | 'occurredAt' | 'purchase'> & { totalMinor?: number | null; currency?: string | null; channel?: string | null; items?: unknown; occurredAt?: Date | null },
      }),
  }),
  backtestCampaign: t.field({
    type: BacktestRef,
    description: "Replays a past range's purchases through the draft (or a given graph), writing nothing.",
    authScopes: readers,
    args: {
      id: t.arg.globalID({ required: true, for: CampaignNode }),
      graph: t.arg({ type: 'JSON', required: false }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      maxEvents: t.arg.int({ required: false, validate: z.number().int().min(10).max(100_000).nullish() }),
    },
    errors: { types: [NotFoundError, ValidationError], directResult: true, union: { name: 'BacktestCampaignResult' } },
    resolve: (_root, args, ctx) =>
      backtestCampaign(ctx.em, ctx.services, { campaignId: Number(args.id.id), graph: args.graph ?? undefined, from: args.from, to: args.to, maxEvents: args.maxEvents ?? undefined }),
  }),
  recordEvent: t.field({
    type: EventRecorded,
    description: 'A custom event about a member (trigger.event), once per externalId.',
    authScopes: { $any: { roles: ['support' as const], apiScope: 'events:write' as const } },
    args: { input: t.arg({ type: RecordEventInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ConflictError], directResult: true, union: { name: 'RecordEventResult' } },
    resolve: (_root, { input }, ctx) =>
      ctx.services.events.record(ctx.dataSource, {
        ...input,
        memberId: input.memberId ? idOf(input.memberId, 'Member') : null,
        programId: input.programId ? idOf(input.programId, 'Program') : null,
        data: (input.data ?? null) as Record<string, unknown> | null,
      }),
  }),
}));

