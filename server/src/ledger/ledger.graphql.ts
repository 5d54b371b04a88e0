import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { ConflictError, InsufficientPointsError, NotFoundError, ValidationError } from '../errors';
import { findRowsIn } from '../db/find-rows';
import { loadByIds } from '../db/load-by-ids';
import { fromSqlDate } from '../db/sql-date';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { forbidden } from '../graphql/request-errors';
import { canSeeMember, MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode, TierNode } from '../programs/programs.graphql';
import { partnerWriteScope } from '../partners/partner-guard';
import { LoyaltyAccount } from './account.entity';
import { ENTRY_KINDS, ENTRY_SOURCES, LedgerEntry } from './ledger-entry.entity';
import { PointLot } from './point-lot.entity';
import { Redemption } from './redemption.entity';

const EntryKindEnum = enumOf('LedgerEntryKind', ENTRY_KINDS);
const EntrySourceEnum = enumOf('LedgerEntrySource', ENTRY_SOURCES);

/** The actor as the services record it on ledger rows. */
export function actorOf(ctx: Context): { kind: string; id: number | null } {
  const { actor } = ctx;
  if (actor.kind === 'staff') return { kind: 'staff', id: actor.staffUserId };
  if (actor.kind === 'member') return { kind: 'member', id: actor.memberId };
  if (actor.kind === 'apiKey') return { kind: 'apiKey', id: actor.apiKeyId };
  return { kind: 'anonymous', id: null };
}

/** Decodes a global id argument of the expected type, or refuses the request. */
export function idOf(value: { typename: string; id: string } | string | number, typename: string): number {
  if (typeof value === 'object') {
    if (value.typename !== typename) throw new ValidationError([{ path: ['input'], message: `expected a ${typename} id`, code: 'invalid_value' }]);
    return Number(value.id);
  }
  return Number(value);
}

/** An input object for a service: the program's global id made a number, fields left out or null dropped. */
export function programScopedInput(input: Record<string, unknown>): never {
  const { programId, ...rest } = input as { programId?: { typename: string; id: string } | null };
  return Object.fromEntries(Object.entries({ ...rest, programId: programId ? idOf(programId, 'Program') : undefined }).filter(([, v]) => v !== undefined && v !== null)) as never;
}

/**
 * The expiry of the lot each entry earned (an entry earns at most one), in one query for
 * many entries. Filtered by account too, so that the (accountId, …) index serves it.
 */
async function lotExpiries(em: EntityManager, entries: readonly Pick<LedgerEntry, 'id' | 'accountId'>[]): Promise<(Date | null)[]> {
  const lots = await em.find(PointLot, {
    select: { entryId: true, expiresAt: true },
    where: { accountId: In([...new Set(entries.map((e) => e.accountId))]), entryId: In(entries.map((e) => e.id)) },
  });
  const byEntry = new Map(lots.map((lot) => [lot.entryId, lot.expiresAt]));
  return entries.map((entry) => byEntry.get(entry.id) ?? null);
}

export const LedgerEntryNode = builder.loadableNode('LedgerEntry', {
  description: 'One line of the append-only points ledger: what changed, why, and the balances after it.',
  id: { resolve: (entry) => entry.id },
  authScopes: (entry, ctx) => canSeeMember(entry.memberId, ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, LedgerEntry, ids),
  fields: (t) => ({
    kind: t.expose('kind', { type: EntryKindEnum }),
    source: t.expose('source', { type: EntrySourceEnum }),
    points: t.int({
      description: 'The change in points this entry made to available + pending, as a member would read it.',
      resolve: (e) => e.availableChange + e.pendingChange - (e.kind === 'earn' || e.kind === 'adjust' ? e.debtChange : 0),
    }),
    availableChange: t.exposeInt('availableChange'),
    pendingChange: t.exposeInt('pendingChange'),
    debtChange: t.exposeInt('debtChange'),
    availableAfter: t.exposeInt('availableAfter'),
    pendingAfter: t.exposeInt('pendingAfter'),
    debtAfter: t.exposeInt('debtAfter'),
    program: t.field({ type: ProgramNode, resolve: (e) => e.programId }),
    purchaseId: t.exposeInt('purchaseId', { nullable: true }),
    campaignId: t.exposeInt('campaignId', { nullable: true }),
    campaignVersion: t.exposeInt('campaignVersion', { nullable: true }),
    variantKey: t.exposeString('variantKey', { nullable: true }),
    traceId: t.exposeString('traceId', { nullable: true, description: 'The rule trace that explains why a campaign gave these points.' }),
    reason: t.exposeString('reason', { nullable: true }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the points this entry added expire; null when they never do or the entry added none.',
      // Batched: a page of entries costs one query for their lots.
      resolve: (entry, _args, ctx) => requestLoader(ctx, 'lotExpiryByEntry', (entries: readonly LedgerEntry[]) => lotExpiries(ctx.em, entries), (e) => e.id).load(entry),
    }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ExpiringPoints = builder.objectRef<{ points: number; expiresAt: Date }>('ExpiringPoints').implement({
  fields: (t) => ({
    points: t.exposeInt('points'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

const TierProgress = builder.objectRef<{ value: number; remaining: number; nextId: number | null }>('TierProgress').implement({
  description: "Where the member stands against the next tier's rule.",
  fields: (t) => ({
    nextTier: t.field({ type: TierNode, nullable: true, resolve: (p) => p.nextId }),
    value: t.exposeInt('value', { description: "The member's figure for the next tier's rule." }),
    remaining: t.exposeInt('remaining', { description: 'How much more is needed; 0 at the top.' }),
  }),
});

export const LoyaltyAccountNode = builder.loadableNode('LoyaltyAccount', {
  description: "A member's standing in one program: balances, tier and counters.",
  id: { resolve: (account) => account.id },
  authScopes: (account, ctx) => canSeeMember(account.memberId, ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, LoyaltyAccount, ids),
  fields: (t) => ({
    member: t.field({ type: MemberNode, resolve: (a) => a.memberId }),
    program: t.field({ type: ProgramNode, resolve: (a) => a.programId }),
    available: t.exposeInt('available', { description: 'Points that can be spent now.' }),
    pending: t.exposeInt('pending', { description: 'Points waiting for the return period.' }),
    debt: t.exposeInt('debt', { description: 'Points owed after a refund of points already spent.' }),
    lifetimePoints: t.exposeInt('lifetimePoints'),
    lifetimeSpendMinor: t.exposeFloat('lifetimeSpendMinor', { description: 'Spend net of refunds, in minor units (may exceed 32 bits).' }),
    purchaseCount: t.exposeInt('purchaseCount'),
    lastPurchaseAt: t.expose('lastPurchaseAt', { type: 'DateTime', nullable: true }),
    tier: t.field({ type: TierNode, nullable: true, resolve: (a) => a.tierId }),
    tierSince: t.expose('tierSince', { type: 'DateTime', nullable: true }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
    tierProgress: t.field({
      type: TierProgress,
      resolve: async (account, _args, ctx) => {
        const program = await ctx.services.programs.resolve(ctx.em, account.programId);
        const tiers = await ctx.services.programs.tiers(ctx.em, account.programId);
        const progress = await ctx.services.tiers.progress(ctx.em, account, program, tiers, new Date());
        return { value: progress.value, remaining: progress.remaining, nextId: progress.next?.id ?? null };
      },
    }),
    expiringPoints: t.field({
      type: [ExpiringPoints],
      description: 'Points that expire within the given number of days, soonest first.',
      args: { withinDays: t.arg.int({ defaultValue: 30, validate: z.number().int().min(1).max(3650) }) },
      resolve: async (account, args, ctx) => {
        const until = new Date(Date.now() + (args.withinDays ?? 30) * 86_400_000);
        const rows: { points: string | number; expiresAt: string | Date }[] = await ctx.em
          .getRepository(PointLot)
          .createQueryBuilder('l')
          .select('SUM(l.remaining)', 'points')
          .addSelect('l.expiresAt', 'expiresAt')
          .where('l.accountId = :id AND l.state = :state AND l.remaining > 0 AND l.neverExpires = 0 AND l.expiresAt <= :until', { id: account.id, state: 'available', until })
          .groupBy('l.expiresAt')
          .orderBy('l.expiresAt', 'ASC')
          .getRawMany();
        return rows.map((r) => ({ points: Number(r.points), expiresAt: fromSqlDate(r.expiresAt) }));
      },
    }),
  }),
});

/** Accounts of members in the default program, one query for any number of members. */
export function defaultAccountLoader(ctx: Context) {
  return requestLoader(ctx, 'defaultAccountByMember', async (memberIds: readonly number[]) => {
    const program = await ctx.services.programs.resolve(ctx.em).catch(() => null);
    if (!program) return memberIds.map(() => null);
    const rows = await findRowsIn(ctx.em, LoyaltyAccount, 'memberId', [...new Set(memberIds)], { programId: program.id });
    const byMember = new Map(rows.map((row) => [row.memberId, row]));
    return memberIds.map((id) => byMember.get(id) ?? null);
  });
}

/** The latest `limit` entries of many members in one query (ROW_NUMBER per member). */
async function latestEntries(em: EntityManager, memberIds: readonly number[], limit: number, beforeId: number | null): Promise<LedgerEntry[][]> {
  const unique = [...new Set(memberIds)];
  const params: unknown[] = [...unique];
  const before = beforeId ? ' AND e.id < ?' : '';
  if (beforeId) params.push(beforeId);
  params.push(limit);
  const rows: { id: number }[] = await em.query(
    `SELECT id FROM (SELECT e.id AS id, ROW_NUMBER() OVER (PARTITION BY e.memberId ORDER BY e.id DESC) AS rn
       FROM ledger_entries e WHERE e.memberId IN (${unique.map(() => '?').join(', ')})${before}) ranked WHERE rn <= ?`,
    params,
  );
  const entries = rows.length ? await em.find(LedgerEntry, { where: { id: In(rows.map((r) => Number(r.id))) }, order: { id: 'DESC' } }) : [];
  return memberIds.map((id) => entries.filter((e) => e.memberId === id));
}

builder.objectFields(MemberNode, (t) => ({
  account: t.field({
    type: LoyaltyAccountNode,
    nullable: true,
    description: "The member's account in a program (the default one when none is named); null before the first purchase.",
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }) },
    resolve: async (member, args, ctx) => {
      if (!args.programId) return defaultAccountLoader(ctx).load(member.id);
      return ctx.em.findOne(LoyaltyAccount, { where: { memberId: member.id, programId: Number(args.programId.id) } });
    },
  }),
  ledger: t.connection(
    {
      type: LedgerEntryNode,
      description: "The member's ledger entries, newest first.",
      resolve: async (member, args, ctx) => {
        const limit = Math.min(Math.max(args.first ?? 20, 0), 100);
        if (args.last != null || args.before != null) throw new ValidationError([{ path: ['last'], message: 'page the ledger forwards with first/after', code: 'custom' }]);
        const after = args.after ? Number(args.after) : null;
        if (after !== null && !Number.isSafeInteger(after)) throw new ValidationError([{ path: ['after'], message: 'is not a cursor this list gave out', code: 'custom' }]);
        const loader = requestLoader(
          ctx,
          `ledger:${limit + 1}:${after ?? ''}`,
          (ids: readonly number[]) => latestEntries(ctx.em, ids, limit + 1, after),
        );
        const rows = await loader.load(member.id);
        const page = rows.slice(0, limit);
        return {
          edges: page.map((entry) => ({ cursor: String(entry.id), node: entry })),
          pageInfo: {
            hasNextPage: rows.length > limit,
            hasPreviousPage: after !== null,
            startCursor: page[0] ? String(page[0].id) : null,
            endCursor: page.length ? String(page[page.length - 1].id) : null,
          },
        };
      },
    },
    { name: 'LedgerEntryConnection' },
    { name: 'LedgerEntryEdge' },
  ),
}));

const QuoteInput = builder.inputType('QuoteCheckoutInput', {
  fields: (t) => ({
    memberId: t.globalID({ for: MemberNode }),
    programId: t.globalID({ required: false, for: ProgramNode }),
    totalMinor: t.int({ description: 'The basket total in minor units.' }),
    currency: t.string(),
  }),
});

const CheckoutQuoteRef = builder
  .objectRef<{ discountPercent: number; discountMinor: number; payableMinor: number; availablePoints: number; maxPoints: number; maxPointsValueMinor: number; pointValueMinor: number; programId: number }>('CheckoutQuote')
  .implement({
    description: 'What the till should offer: the tier discount and the points the member may spend on this basket.',
    fields: (t) => ({
      program: t.field({ type: ProgramNode, resolve: (q) => q.programId }),
      discountPercent: t.exposeInt('discountPercent'),
      discountMinor: t.exposeInt('discountMinor'),
      payableMinor: t.exposeInt('payableMinor', { description: 'After the tier discount, before points.' }),
      availablePoints: t.exposeInt('availablePoints'),
      maxPoints: t.exposeInt('maxPoints', { description: 'The most points this order may take.' }),
      maxPointsValueMinor: t.exposeInt('maxPointsValueMinor'),
      pointValueMinor: t.exposeInt('pointValueMinor'),
    }),
  });

const RedeemInput = builder.inputType('RedeemPointsInput', {
  fields: (t) => ({
    externalId: t.string({ description: 'Your id for this redemption: sending it again changes nothing.' }),
    memberId: t.globalID({ for: MemberNode }),
    programId: t.globalID({ required: false, for: ProgramNode }),
    points: t.int(),
    purchaseExternalId: t.string({ required: false }),
    orderTotalMinor: t.int({ required: false, description: "When given, the program's largest share of an order is enforced." }),
  }),
});

const PointsRedeemed = builder.objectRef<{ redemption: Redemption; account: LoyaltyAccount; replayed: boolean }>('PointsRedeemed').implement({
  fields: (t) => ({
    externalId: t.string({ resolve: (r) => r.redemption.externalId }),
    points: t.int({ resolve: (r) => r.redemption.points }),
    valueMinor: t.int({ description: 'What the points paid, in minor units.', resolve: (r) => r.redemption.valueMinor }),
    entry: t.field({ type: LedgerEntryNode, resolve: (r) => r.redemption.entryId }),
    account: t.field({ type: LoyaltyAccountNode, resolve: (r) => r.account }),
    replayed: t.exposeBoolean('replayed', { description: 'True when this repeated an earlier call and changed nothing.' }),
  }),
});

const AdjustInput = builder.inputType('AdjustPointsInput', {
  fields: (t) => ({
    memberId: t.globalID({ for: MemberNode }),
    programId: t.globalID({ required: false, for: ProgramNode }),
    points: t.int({ description: 'Positive to add, negative to take away.' }),
    reason: t.string(),
    idempotencyKey: t.string({ required: false }),
  }),
});

const PointsAdjusted = builder.objectRef<{ entry: LedgerEntry; account: LoyaltyAccount; replayed: boolean }>('PointsAdjusted').implement({
  fields: (t) => ({
    entry: t.field({ type: LedgerEntryNode, resolve: (r) => r.entry }),
    account: t.field({ type: LoyaltyAccountNode, resolve: (r) => r.account }),
    replayed: t.exposeBoolean('replayed'),
  }),
});

builder.mutationFields((t) => ({
  quoteCheckout: t.field({
    type: CheckoutQuoteRef,
    description: 'The tier discount and the points a member may spend on a basket. Changes nothing.',
    authScopes: { $any: { roles: ['support'], apiScope: 'points:redeem', member: true } },
    args: { input: t.arg({ type: QuoteInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'QuoteCheckoutResult' } },
    resolve: async (_root, { input }, ctx) => {
      const memberId = idOf(input.memberId, 'Member');
      if (ctx.actor.kind === 'member' && ctx.actor.memberId !== memberId) throw forbidden();
      const q = await ctx.services.checkout.quote(ctx.em, { ...input, memberId, programId: input.programId ? idOf(input.programId, 'Program') : null });
      return { ...q, programId: q.program.id };
    },
  }),
  redeemPoints: t.field({
    type: PointsRedeemed,
    description: 'Spends points at the till, once per externalId.',
    authScopes: { $any: { roles: ['support'], apiScope: 'points:redeem', partnerScope: 'points:redeem' } },
    args: { input: t.arg({ type: RedeemInput, required: true }) },
    errors: { types: [InsufficientPointsError, ValidationError, NotFoundError, ConflictError], directResult: true, union: { name: 'RedeemPointsResult' } },
    resolve: async (_root, { input }, ctx) => {
      const data = { ...input, memberId: idOf(input.memberId, 'Member'), programId: input.programId ? idOf(input.programId, 'Program') : null };
      // A partner's key spends points only in the partner's program, at the partner.
      const partner = await partnerWriteScope(ctx, data);
      return ctx.services.checkout.redeem(ctx.dataSource, partner ? { ...data, programId: partner.programId } : data, { ...actorOf(ctx), partnerId: partner?.id ?? null });
    },
  }),
  adjustPoints: t.field({
    type: PointsAdjusted,
    description: 'A staff correction with a reason. Never takes a balance below zero.',
    authScopes: { $any: { roles: ['support'], apiScope: 'points:adjust' } },
    args: { input: t.arg({ type: AdjustInput, required: true }) },
    errors: { types: [InsufficientPointsError, ValidationError, NotFoundError, ConflictError], directResult: true, union: { name: 'AdjustPointsResult' } },
    resolve: (_root, { input }, ctx) =>
      ctx.services.checkout.adjust(ctx.dataSource, { ...input, memberId: idOf(input.memberId, 'Member'), programId: input.programId ? idOf(input.programId, 'Program') : null }, actorOf(ctx)),
  }),
}));

