import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { forbidden } from '../graphql/request-errors';
import { loadByIds } from '../db/load-by-ids';
import { programScopedInput } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import type { NpsSummary } from './feedback.service';
import type { ProductReview } from './product-review.entity';
import { SURVEY_KINDS } from './questions';
import type { SurveyResponse } from './survey-response.entity';
import { Survey, SURVEY_STATUSES } from './survey.entity';

const SurveyKindEnum = enumOf('SurveyKind', SURVEY_KINDS);
const SurveyStatusEnum = enumOf('SurveyStatus', SURVEY_STATUSES);
const readers = { $any: { roles: ['marketer' as const, 'analyst' as const, 'support' as const] } };
const editors = { roles: ['marketer' as const] };

/** Members answer for themselves; an API key with members:write answers for the member it names. */
function answeringMember(ctx: Context, memberId: { id: string } | null | undefined): number {
  const { actor } = ctx;
  if (actor.kind === 'member') {
    if (memberId && Number(memberId.id) !== actor.memberId) throw forbidden();
    return actor.memberId;
  }
  if (actor.kind === 'apiKey' && actor.scopes.includes('members:write') && memberId) return Number(memberId.id);
  throw forbidden();
}

export const NpsRef = builder.objectRef<NpsSummary>('NpsSummary').implement({
  description: 'Promoters answer 9–10, passives 7–8, detractors 0–6; score = % promoters − % detractors (−100…100).',
  fields: (t) => ({
    responses: t.exposeInt('responses'),
    promoters: t.exposeInt('promoters'),
    passives: t.exposeInt('passives'),
    detractors: t.exposeInt('detractors'),
    score: t.exposeFloat('score', { nullable: true }),
  }),
});
export const NpsMonthRef = builder.objectRef<{ month: string } & NpsSummary>('NpsMonth').implement({
  fields: (t) => ({ month: t.exposeString('month'), nps: t.field({ type: NpsRef, resolve: (m) => m }) }),
});
const OptionCountRef = builder.objectRef<{ id: string; label: string; count: number }>('SurveyOptionCount').implement({
  fields: (t) => ({ id: t.exposeString('id'), label: t.exposeString('label'), count: t.exposeInt('count') }),
});
const ScoreCountRef = builder.objectRef<{ score: number; count: number }>('SurveyScoreCount').implement({
  fields: (t) => ({ score: t.exposeInt('score'), count: t.exposeInt('count') }),
});
type QuestionResult = { id: string; type: string; text: string; answered: number; average: number | null; options: { id: string; label: string; count: number }[]; scores: { score: number; count: number }[] };
const QuestionResultRef = builder.objectRef<QuestionResult>('SurveyQuestionResult').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    type: t.exposeString('type'),
    text: t.exposeString('text'),
    answered: t.exposeInt('answered'),
    average: t.exposeFloat('average', { nullable: true, description: 'For NPS and scale questions.' }),
    options: t.field({ type: [OptionCountRef], resolve: (q) => q.options }),
    scores: t.field({ type: [ScoreCountRef], description: 'NPS and scale questions: answers per score, lowest first.', resolve: (q) => q.scores }),
  }),
});
const ResultsRef = builder.objectRef<{ responses: number; nps: NpsSummary; averageScore: number | null; sampled: boolean; questions: QuestionResult[] }>('SurveyResults').implement({
  fields: (t) => ({
    responses: t.exposeInt('responses'),
    nps: t.field({ type: NpsRef, resolve: (r) => r.nps }),
    averageScore: t.exposeFloat('averageScore', { nullable: true, description: 'Right answers per response, for a quiz.' }),
    sampled: t.exposeBoolean('sampled', { description: 'True when the distributions read only the latest 5,000 responses.' }),
    questions: t.field({ type: [QuestionResultRef], resolve: (r) => r.questions }),
  }),
});

export const SurveyNode = builder.loadableNode('Survey', {
  description: 'A survey, an NPS poll or a quiz. Members answer once; answers fire trigger.surveyAnswered.',
  id: { resolve: (s) => s.id },
  // Staff see every survey; members and API keys the open ones.
  authScopes: (s, ctx) => ctx.actor.kind === 'staff' || (s.status === 'open' && (ctx.actor.kind === 'member' || (ctx.actor.kind === 'apiKey' && ctx.actor.scopes.includes('members:read')))),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Survey, ids),
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    kind: t.field({ type: SurveyKindEnum, resolve: (s) => s.kind }),
    status: t.field({ type: SurveyStatusEnum, resolve: (s) => s.status }),
    questions: t.field({
      type: 'JSON',
      description: '[{ id, type: nps|scale|single|multiple|text, text, required, options?, min?, max? }]; the right answers of a quiz only to staff.',
      resolve: (s, _a, ctx) => (ctx.actor.kind === 'staff' ? s.questions : s.questions.map((q) => ({ ...q, correct: undefined }))),
    }),
    closesAt: t.expose('closesAt', { type: 'DateTime', nullable: true }),
    responseCount: t.exposeInt('responseCount'),
    results: t.field({ type: ResultsRef, authScopes: readers, resolve: (s, _a, ctx) => ctx.services.feedback.results(ctx.em, s.id) }),
    npsTrend: t.field({
      type: [NpsMonthRef],
      authScopes: readers,
      args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
      resolve: (s, args, ctx) => ctx.services.feedback.npsTrend(ctx.em, { surveyId: s.id }, args.from, args.to),
    }),
  }),
});

const SurveyInput = builder.inputType('SurveyInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode }),
    code: t.string({ required: false }),
    title: t.string({ required: false }),
    kind: t.field({ type: SurveyKindEnum, required: false }),
    questions: t.field({ type: 'JSON', required: false }),
    closesAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const SubmittedRef = builder.objectRef<{ response: SurveyResponse; maxScore: number | null; campaigns: { points: number }[] }>('SurveySubmitted').implement({
  fields: (t) => ({
    score: t.int({ nullable: true, resolve: (s) => s.response.score }),
    maxScore: t.exposeInt('maxScore', { nullable: true }),
    npsScore: t.int({ nullable: true, resolve: (s) => s.response.npsScore }),
    submittedAt: t.field({ type: 'DateTime', resolve: (s) => s.response.submittedAt }),
    campaignPoints: t.int({ description: 'Points the campaigns listening to this survey gave.', resolve: (s) => s.campaigns.reduce((sum, c) => sum + c.points, 0) }),
  }),
});
const ReviewRef = builder.objectRef<ProductReview>('ProductReview').implement({
  fields: (t) => ({ sku: t.exposeString('sku'), rating: t.exposeInt('rating'), text: t.exposeString('text'), createdAt: t.expose('createdAt', { type: 'DateTime' }) }),
});
const RatingRef = builder.objectRef<{ sku: string; reviews: number; average: number | null }>('ProductRating').implement({
  fields: (t) => ({ sku: t.exposeString('sku'), reviews: t.exposeInt('reviews'), average: t.exposeFloat('average', { nullable: true }) }),
});

builder.queryFields((t) => ({
  surveys: t.field({
    type: [SurveyNode],
    authScopes: readers,
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), status: t.arg({ type: SurveyStatusEnum, required: false }) },
    resolve: (_root, args, ctx) => ctx.services.feedback.list(ctx.em, args.programId ? Number(args.programId.id) : null, args.status),
  }),
  openSurveys: t.field({
    type: [SurveyNode],
    description: 'Surveys open to the signed-in member that they have not answered.',
    authScopes: { member: true },
    resolve: (_root, _args, ctx) => ctx.services.feedback.openFor(ctx.em, (ctx.actor as { memberId: number }).memberId),
  }),
  productRating: t.field({
    type: RatingRef,
    authScopes: { $any: { staff: true, member: true, apiScope: 'members:read' } },
    args: { sku: t.arg.string({ required: true, validate: z.string().min(1).max(64) }) },
    resolve: (_root, args, ctx) => ctx.services.feedback.productRating(ctx.em, args.sku),
  }),
}));

builder.mutationFields((t) => ({
  createSurvey: t.field({
    type: SurveyNode,
    authScopes: editors,
    args: { input: t.arg({ type: SurveyInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateSurveyResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.feedback.create(em, programScopedInput(input))),
  }),
  updateSurvey: t.field({
    type: SurveyNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: SurveyNode }), input: t.arg({ type: SurveyInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdateSurveyResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.feedback.update(em, Number(id.id), programScopedInput(input))),
  }),
  setSurveyStatus: t.field({
    type: SurveyNode,
    description: 'OPEN lets members answer; CLOSED stops it.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true, for: SurveyNode }), status: t.arg({ type: SurveyStatusEnum, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'SetSurveyStatusResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.feedback.setStatus(em, Number(args.id.id), args.status)),
  }),
  submitSurveyResponse: t.field({
    type: SubmittedRef,
    description: 'A member answers (once). Members answer for themselves; an API key with members:write names the member.',
    authScopes: { $any: { member: true, apiScope: 'members:write' } },
    args: { surveyId: t.arg.globalID({ required: true, for: SurveyNode }), answers: t.arg({ type: 'JSON', required: true }), memberId: t.arg.globalID({ required: false, for: MemberNode }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'SubmitSurveyResponseResult' } },
    resolve: (_root, args, ctx) => {
      const memberId = answeringMember(ctx, args.memberId);
      return ctx.transaction((em) => ctx.services.feedback.submit(em, Number(args.surveyId.id), memberId, args.answers));
    },
  }),
  submitProductReview: t.field({
    type: ReviewRef,
    authScopes: { $any: { member: true, apiScope: 'members:write' } },
    args: { sku: t.arg.string({ required: true }), rating: t.arg.int({ required: true }), text: t.arg.string({ required: false }), memberId: t.arg.globalID({ required: false, for: MemberNode }) },
    errors: { types: [ValidationError, ConflictError], directResult: true, union: { name: 'SubmitProductReviewResult' } },
    resolve: (_root, args, ctx) => {
      const memberId = answeringMember(ctx, args.memberId);
      return ctx.transaction((em) => ctx.services.feedback.review(em, memberId, { sku: args.sku, rating: args.rating, text: args.text ?? undefined }));
    },
  }),
}));
