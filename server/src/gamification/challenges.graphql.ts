import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { loadByIds } from '../db/load-by-ids';
import { idOf, programScopedInput } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import { BadgeNode, gamificationEditors } from './badges.graphql';
import type { ChallengeProgress } from './challenge-progress.entity';
import { Challenge, CHALLENGE_METRICS, CHALLENGE_PERIODS, CHALLENGE_STATUSES } from './challenge.entity';
import { LEADERBOARD_METRICS, LEADERBOARD_PERIODS, type Leaderboard, type LeaderboardEntry } from './leaderboard.service';

const MetricEnum = enumOf('ChallengeMetric', CHALLENGE_METRICS, 'What counts: purchases, spend (minor units), all points earned, campaign (bonus) points only, a custom event, survey answers, passed quizzes, community posts, or MANUAL (only action.challengeProgress).');
const PeriodEnum = enumOf('ChallengePeriod', CHALLENGE_PERIODS, "WEEK and MONTH: calendar periods in the program's time zone; ROLLING: rollingDays from the member's first progress; FIXED: startsAt to endsAt.");
const StatusEnum = enumOf('ChallengeStatus', CHALLENGE_STATUSES, 'Only ACTIVE challenges move and are shown to members.');
const LeaderboardMetricEnum = enumOf('LeaderboardMetric', LEADERBOARD_METRICS, 'CHALLENGE ranks the running period of the challenge named by `challenge`.');
const LeaderboardPeriodEnum = enumOf('LeaderboardPeriod', LEADERBOARD_PERIODS, "Calendar WEEK or MONTH in the program's time zone, or ALL time.");

const memberOf = (ctx: Context) => (ctx.actor.kind === 'member' ? ctx.actor.memberId : null);

export const ChallengeNode = builder.loadableNode('Challenge', {
  description: 'A goal members reach within a period. Completing it grants its badge and fires trigger.challengeCompleted.',
  id: { resolve: (c) => c.id },
  // Staff see every challenge; members and API keys the active ones.
  authScopes: (c, ctx) => ctx.actor.kind === 'staff' || (c.status === 'active' && (ctx.actor.kind === 'member' || (ctx.actor.kind === 'apiKey' && ctx.actor.scopes.includes('members:read')))),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Challenge, ids),
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    goal: t.exposeInt('goal'),
    metric: t.field({ type: MetricEnum, resolve: (c) => c.metric }),
    eventName: t.exposeString('eventName', { nullable: true, description: 'CUSTOM_EVENT: the event that counts.' }),
    surveyCode: t.exposeString('surveyCode', { nullable: true, description: 'SURVEY_ANSWERED / QUIZ_PASSED: only this survey (null: any).' }),
    minScore: t.exposeInt('minScore', { nullable: true, description: 'QUIZ_PASSED: the lowest passing score.' }),
    period: t.field({ type: PeriodEnum, resolve: (c) => c.period }),
    rollingDays: t.exposeInt('rollingDays', { nullable: true }),
    startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true }),
    badge: t.field({ type: BadgeNode, nullable: true, resolve: (c) => c.badgeId }),
    status: t.field({ type: StatusEnum, resolve: (c) => c.status }),
  }),
});

const ChallengeProgressRef = builder.objectRef<ChallengeProgress>('ChallengeProgress');
ChallengeProgressRef.implement({
  description: "A member's progress in one period of a challenge.",
  fields: (t) => ({
    challenge: t.field({ type: ChallengeNode, nullable: true, resolve: (p) => p.challengeId }),
    periodKey: t.exposeString('periodKey'),
    periodStart: t.expose('periodStart', { type: 'DateTime' }),
    periodEnd: t.expose('periodEnd', { type: 'DateTime' }),
    progress: t.exposeInt('progress'),
    goal: t.exposeInt('goal'),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.objectField(ChallengeNode, 'myProgress', (t) =>
  t.field({
    type: ChallengeProgressRef,
    nullable: true,
    description: "The signed-in member's running period of this challenge (null for staff and keys, or before any progress).",
    resolve: (c, _a, ctx) => {
      const memberId = memberOf(ctx);
      if (memberId === null) return null;
      return requestLoader(ctx, 'myChallengeProgress', (ids: readonly number[]) => ctx.services.gamification.progress.currentFor(ctx.em, memberId, ids)).load(c.id);
    },
  }),
);

const ChallengeInput = builder.inputType('ChallengeInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode }),
    code: t.string({ required: false, description: 'Lower-case letters, digits, _ and -; fixed once created.' }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    goal: t.int({ required: false, description: 'From 1 to 1,000,000,000, in the unit of the metric.' }),
    metric: t.field({ type: MetricEnum, required: false }),
    eventName: t.string({ required: false }),
    surveyCode: t.string({ required: false }),
    minScore: t.int({ required: false }),
    period: t.field({ type: PeriodEnum, required: false }),
    rollingDays: t.int({ required: false }),
    startsAt: t.field({ type: 'DateTime', required: false }),
    endsAt: t.field({ type: 'DateTime', required: false }),
    badgeId: t.globalID({ required: false, for: BadgeNode }),
    status: t.field({ type: StatusEnum, required: false }),
  }),
});

function challengeInput(input: Record<string, unknown>): never {
  const { badgeId, ...rest } = input as { badgeId?: { typename: string; id: string } | null };
  return programScopedInput({ ...rest, badgeId: badgeId ? idOf(badgeId, 'Badge') : undefined });
}

const LeaderboardEntryRef = builder.objectRef<LeaderboardEntry>('LeaderboardEntry').implement({
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Equal scores share a rank.' }),
    displayName: t.exposeString('displayName', { description: 'First name and initial ("Анна И."): never the full name.' }),
    score: t.exposeInt('score'),
    tierCode: t.exposeString('tierCode', { nullable: true }),
    tierName: t.exposeString('tierName', { nullable: true }),
    badgeCount: t.exposeInt('badgeCount'),
    isMe: t.exposeBoolean('isMe', { description: 'True on the signed-in member’s own line.' }),
  }),
});
const LeaderboardRef = builder.objectRef<Leaderboard>('Leaderboard').implement({
  fields: (t) => ({
    periodStart: t.expose('periodStart', { type: 'DateTime', nullable: true }),
    periodEnd: t.expose('periodEnd', { type: 'DateTime', nullable: true }),
    entries: t.field({ type: [LeaderboardEntryRef], resolve: (l) => l.entries }),
    me: t.field({ type: LeaderboardEntryRef, nullable: true, description: "The signed-in member's line, even outside the first N.", resolve: (l) => l.me }),
  }),
});

builder.objectField(MemberNode, 'challengeProgress', (t) =>
  t.field({
    type: [ChallengeProgressRef],
    description: "The member's latest challenge periods (up to 50), newest first.",
    // Batched: a page of members costs one query.
    resolve: (member, _args, ctx) => requestLoader(ctx, 'challengeProgressByMember', (ids: readonly number[]) => ctx.services.gamification.progress.forMembers(ctx.em, ids, 50)).load(member.id),
  }),
);

builder.queryFields((t) => ({
  challenges: t.field({
    type: [ChallengeNode],
    description: 'Challenges of a program (the default one when none is named). Members see the active ones, each with myProgress.',
    authScopes: { $any: { staff: true, member: true, apiScope: 'members:read' } },
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), status: t.arg({ type: StatusEnum, required: false }) },
    resolve: (_root, args, ctx) => ctx.services.gamification.challenges.list(ctx.em, args.programId ? Number(args.programId.id) : null, ctx.actor.kind === 'staff' ? args.status : 'active'),
  }),
  leaderboard: t.field({
    type: LeaderboardRef,
    description: 'Members ranked by points earned, purchases or a challenge, in the current week, month or all time.',
    authScopes: { $any: { staff: true, member: true, apiScope: 'members:read' } },
    args: {
      programId: t.arg.globalID({ required: false, for: ProgramNode }),
      metric: t.arg({ type: LeaderboardMetricEnum, required: true }),
      challenge: t.arg.string({ required: false, description: 'The challenge code, with metric CHALLENGE.', validate: z.string().max(64) }),
      period: t.arg({ type: LeaderboardPeriodEnum, defaultValue: 'month' }),
      first: t.arg.int({ defaultValue: 10, validate: z.number().int().min(1).max(100) }),
    },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'LeaderboardResult' } },
    resolve: (_root, args, ctx) =>
      ctx.services.gamification.leaderboard.leaderboard(ctx.em, {
        programId: args.programId ? Number(args.programId.id) : null,
        metric: args.metric,
        challenge: args.challenge,
        period: args.period ?? 'month',
        first: args.first ?? 10,
        memberId: memberOf(ctx),
      }),
  }),
}));

builder.mutationFields((t) => ({
  createChallenge: t.field({
    type: ChallengeNode,
    authScopes: gamificationEditors,
    args: { input: t.arg({ type: ChallengeInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateChallengeResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.gamification.challenges.create(em, challengeInput(input))),
  }),
  updateChallenge: t.field({
    type: ChallengeNode,
    description: 'Edits a challenge; running periods keep the goal they began with.',
    authScopes: gamificationEditors,
    // The id's type is checked after authorization (idOf), so that a caller without the right is told so first.
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: ChallengeInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateChallengeResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.gamification.challenges.update(em, idOf(id, 'Challenge'), challengeInput(input))),
  }),
}));
