import { z } from 'zod';
import type { Context } from '../graphql/context';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { requestLoader } from '../graphql/loaders';
import { programScopedInput } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import { loadByIds } from '../db/load-by-ids';
import { Segment, SEGMENT_KINDS } from './segment.entity';
import type { SegmentSize } from './segment-size.entity';

const SegmentKindEnum = enumOf('SegmentKind', SEGMENT_KINDS, 'DYNAMIC: members chosen by a definition, refreshed daily and on demand. STATIC: an uploaded list.');
const readers = { $any: { roles: ['marketer' as const, 'analyst' as const, 'support' as const] } };
const editors = { roles: ['marketer' as const] };

const SegmentSizeRef = builder.objectRef<SegmentSize>('SegmentSize').implement({
  fields: (t) => ({
    measuredAt: t.expose('measuredAt', { type: 'DateTime' }),
    members: t.exposeInt('members'),
  }),
});

export const SegmentNode = builder.loadableNode('Segment', {
  description: 'A group of members that flows (condition.segment, action.addToSegment) and campaign audiences refer to by code.',
  id: { resolve: (s) => s.id },
  authScopes: readers,
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Segment, ids),
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    kind: t.field({ type: SegmentKindEnum, resolve: (s) => s.kind }),
    definition: t.expose('definition', { type: 'JSON', nullable: true, description: 'The rule tree (see @patron/schema/segments).' }),
    memberCount: t.exposeInt('memberCount'),
    refreshedAt: t.expose('refreshedAt', { type: 'DateTime', nullable: true }),
    program: t.field({ type: ProgramNode, resolve: (s) => s.programId }),
    sizeHistory: t.field({
      type: [SegmentSizeRef],
      args: { days: t.arg.int({ defaultValue: 90, validate: z.number().int().min(1).max(3650) }) },
      complexity: { field: 5, multiplier: 1 },
      resolve: (s, args, ctx) => ctx.services.segments.sizeHistory(ctx.em, s.id, args.days),
    }),
  }),
});

const SegmentPreviewRef = builder.objectRef<{ members: number }>('SegmentPreview').implement({
  fields: (t) => ({ members: t.exposeInt('members') }),
});

const SegmentInput = builder.inputType('SegmentInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode }),
    code: t.string({ required: false, description: 'Lower-case letters, digits, _ and -; fixed once created.' }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    kind: t.field({ type: SegmentKindEnum, required: false }),
    definition: t.field({ type: 'JSON', required: false }),
  }),
});

const memberIds = (ids: readonly { id: string }[]) => ids.map((g) => Number(g.id));

builder.objectField(MemberNode, 'segments', (t) =>
  t.stringList({
    description: 'Codes of the segments the member is in (default program).',
    authScopes: { staff: true },
    // Batched: a list of members costs one query, not one per member.
    resolve: (member, _args, ctx) =>
      requestLoader(ctx, 'segmentCodesByMember', async (ids: readonly number[]) => ctx.services.segments.codesForMembers(ctx.em, (await ctx.services.programs.resolve(ctx.em)).id, ids)).load(member.id),
  }),
);

builder.queryFields((t) => ({
  segments: t.field({
    type: [SegmentNode],
    authScopes: readers,
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }) },
    resolve: (_root, args, ctx) => ctx.services.segments.list(ctx.em, args.programId ? Number(args.programId.id) : null),
  }),
  previewSegment: t.field({
    type: SegmentPreviewRef,
    description: 'How many active members a definition selects now, saving nothing: the live count of the segment builder.',
    authScopes: readers,
    args: { definition: t.arg({ type: 'JSON', required: true }), programId: t.arg.globalID({ required: false, for: ProgramNode }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'PreviewSegmentResult' } },
    resolve: async (_root, args, ctx) => ({ members: await ctx.services.segments.preview(ctx.em, args.programId ? Number(args.programId.id) : null, args.definition) }),
  }),
}));

builder.mutationFields((t) => ({
  createSegment: t.field({
    type: SegmentNode,
    authScopes: editors,
    args: { input: t.arg({ type: SegmentInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateSegmentResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.segments.create(em, programScopedInput(input))),
  }),
  updateSegment: t.field({
    type: SegmentNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: SegmentNode }), input: t.arg({ type: SegmentInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateSegmentResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.segments.update(em, Number(id.id), programScopedInput(input))),
  }),
  refreshSegment: t.field({
    type: SegmentNode,
    description: 'Materializes the membership now (it is also refreshed daily).',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: SegmentNode }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'RefreshSegmentResult' } },
    resolve: (_root, { id }, ctx) => ctx.transaction((em) => ctx.services.segments.refresh(em, Number(id.id))),
  }),
  addSegmentMembers: t.field({
    type: SegmentNode,
    description: 'Puts members in the segment (at most 10,000 at once); they stay across refreshes.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: SegmentNode }), memberIds: t.arg.globalIDList({ required: true, for: MemberNode }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'AddSegmentMembersResult' } },
    resolve: (_root, args, ctx) =>
      ctx.transaction(async (em) => {
        await ctx.services.segments.addMembers(em, Number(args.id.id), memberIds(args.memberIds), ctx.actor.kind === 'staff' ? 'upload' : 'staff');
        return ctx.services.segments.get(em, Number(args.id.id));
      }),
  }),
  removeSegmentMembers: t.field({
    type: SegmentNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: SegmentNode }), memberIds: t.arg.globalIDList({ required: true, for: MemberNode }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'RemoveSegmentMembersResult' } },
    resolve: (_root, args, ctx) =>
      ctx.transaction(async (em) => {
        await ctx.services.segments.removeMembers(em, Number(args.id.id), memberIds(args.memberIds));
        return ctx.services.segments.get(em, Number(args.id.id));
      }),
  }),
  addPredefinedSegments: t.field({
    type: [SegmentNode],
    description: 'Creates the standard segments the program lacks: new, loyal, big-orders, active, at-risk, churned.',
    authScopes: editors,
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), locale: t.arg.string({ defaultValue: 'ru', validate: z.enum(['ru', 'en']) }) },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.segments.addPredefined(em, args.programId ? Number(args.programId.id) : null, args.locale as 'ru' | 'en')),
  }),
}));
