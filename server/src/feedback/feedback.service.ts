import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { sqlDate, sqlMonth } from '../db/sql-date';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import { Member } from '../members/member.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { CampaignOutcome, RulesService } from '../rules/rules.service';
import { ProductReview } from './product-review.entity';
import { checkAnswers, questions, SURVEY_KINDS } from './questions';
import { SurveyResponse } from './survey-response.entity';
import { Survey, type SurveyStatus } from './survey.entity';

const surveyInput = z
  .object({
    programId: z.number().int().positive().nullable().optional(),
    code: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -'),
    title: z.string().trim().min(1, 'is required').max(200),
    kind: z.enum(SURVEY_KINDS),
    questions,
    closesAt: z.date().nullable().optional(),
  })
  .refine((s) => s.kind !== 'nps' || s.questions.some((q) => q.type === 'nps'), { message: 'an NPS poll needs an NPS question', path: ['questions'] })
  .refine((s) => s.kind !== 'quiz' || s.questions.some((q) => (q.type === 'single' || q.type === 'multiple') && q.correct !== undefined), {
    message: 'a quiz needs at least one choice question with its right answer',
    path: ['questions'],
  });
export type SurveyInput = z.input<typeof surveyInput>;

const reviewInput = z.object({
  sku: z.string().trim().min(1).max(64),
  rating: z.number().int().min(1, 'from 1 to 5 stars').max(5, 'from 1 to 5 stars'),
  text: z.string().trim().max(2000).optional(),
});

export interface NpsSummary {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, from −100 to 100; null without responses. */
  score: number | null;
}

export const npsOf = (promoters: number, passives: number, detractors: number): NpsSummary => {
  const responses = promoters + passives + detractors;
  return { responses, promoters, passives, detractors, score: responses ? ((promoters - detractors) / responses) * 100 : null };
};
const NPS_BUCKETS = `SUM(CASE WHEN r.npsScore >= 9 THEN 1 ELSE 0 END) AS promoters, SUM(CASE WHEN r.npsScore BETWEEN 7 AND 8 THEN 1 ELSE 0 END) AS passives, SUM(CASE WHEN r.npsScore <= 6 THEN 1 ELSE 0 END) AS detractors`;

/** Surveys, NPS polls and quizzes; product reviews. Answers fire trigger.surveyAnswered. */
export class FeedbackService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly rules: RulesService,
  ) {}

  async get(em: EntityManager, id: number): Promise<Survey> {
    const survey = Number.isSafeInteger(id) ? await em.findOne(Survey, { where: { id } }) : null;
    if (!survey) throw new NotFoundError('Survey', String(id));
    return survey;
  }

  async list(em: EntityManager, programId?: number | null, status?: SurveyStatus | null): Promise<Survey[]> {
    const program = await this.programs.resolve(em, programId);
    return em.find(Survey, { where: { programId: program.id, ...(status ? { status } : {}) }, order: { id: 'DESC' } });
  }

  async create(em: EntityManager, raw: SurveyInput): Promise<Survey> {
    const input = parseInput(surveyInput, raw, ['input']);
    const program = await this.programs.resolve(em, input.programId);
    const survey = em.create(Survey, { programId: program.id, code: input.code, title: input.title, kind: input.kind, questions: input.questions, closesAt: input.closesAt ?? null });
    try {
      await em.insert(Survey, survey as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A survey with the code "${input.code}" already exists.`);
      throw error;
    }
    return survey;
  }

  /** Edits a survey nobody has answered yet: answers must keep meaning what they meant. */
  async update(em: EntityManager, id: number, raw: Partial<SurveyInput>): Promise<Survey> {
    const survey = await this.get(em, id);
    if (survey.responseCount > 0) throw new ConflictError('Members have answered this survey: its questions can no longer change. Create a new survey.');
    const input = parseInput(surveyInput, { code: survey.code, title: survey.title, kind: survey.kind, questions: survey.questions, closesAt: survey.closesAt, ...raw }, ['input']);
    if (input.code !== survey.code) throw ValidationError.of(['input', 'code'], 'flows refer to the code: it cannot change');
    await em.update(Survey, id, { title: input.title, kind: input.kind, questions: input.questions, closesAt: input.closesAt ?? null, updatedAt: new Date() });
    return this.get(em, id);
  }

  async setStatus(em: EntityManager, id: number, status: SurveyStatus): Promise<Survey> {
    const survey = await this.get(em, id);
    if (status === 'draft') throw ValidationError.of(['status'], 'a survey cannot go back to draft');
    await em.update(Survey, id, { status, updatedAt: new Date() });
    return { ...survey, status } as Survey;
  }

  /** Open surveys the member has not answered yet (the portal's list). */
  async openFor(em: EntityManager, memberId: number, now = new Date()): Promise<Survey[]> {
    const program = await this.programs.resolve(em);
    return em
      .getRepository(Survey)
      .createQueryBuilder('s')
      .where('s.programId = :programId AND s.status = :open AND (s.closesAt IS NULL OR s.closesAt > :now)', { programId: program.id, open: 'open', now })
      .andWhere('NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.surveyId = s.id AND r.memberId = :memberId)', { memberId })
      .orderBy('s.id', 'DESC')
      .getMany();
  }

  /**
   * Records a member's answers, once: a second answer (even at the same instant, from
   * another request) is a conflict. The campaigns listening to trigger.surveyAnswered run
   * in the same transaction.
   */
  async submit(em: EntityManager, surveyId: number, memberId: number, rawAnswers: unknown, now = new Date()): Promise<{ response: SurveyResponse; maxScore: number | null; campaigns: CampaignOutcome[] }> {
    const survey = await this.get(em, surveyId);
    if (survey.status !== 'open' || (survey.closesAt && survey.closesAt <= now)) throw new ConflictError('This survey is not open.');
    const member = await em.findOne(Member, { where: { id: memberId } });
    if (!member) throw new NotFoundError('Member', String(memberId));
    if (member.status !== 'active') throw ValidationError.of(['memberId'], `the member is ${member.status}`);
    const checked = checkAnswers(survey.questions, rawAnswers, survey.kind === 'quiz');
    if (await em.exists(SurveyResponse, { where: { surveyId, memberId } })) throw new ConflictError('The member has already answered this survey.');
    const response = em.create(SurveyResponse, { surveyId, memberId, answers: checked.answers, npsScore: checked.npsScore, score: checked.score, submittedAt: now });
    try {
      await em.insert(SurveyResponse, response as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('The member has already answered this survey.');
      throw error;
    }
    await em.increment(Survey, { id: surveyId }, 'responseCount', 1);
    const program = await this.programs.resolve(em, survey.programId);
    const campaigns = await this.rules.onEvent(
      em,
      program,
      memberId,
      { type: 'surveyAnswered', memberId: String(memberId), occurredAt: now.toISOString(), name: survey.code, data: { survey: survey.code, kind: survey.kind, npsScore: checked.npsScore, score: checked.score } },
      { now },
    );
    return { response, maxScore: checked.maxScore, campaigns };
  }

  /** Responses, NPS, per-question distributions and, for a quiz, the average score. */
  async results(em: EntityManager, surveyId: number) {
    const survey = await this.get(em, surveyId);
    const [nps] = await em.query(`SELECT COUNT(*) AS responses, ${NPS_BUCKETS}, AVG(r.score) AS averageScore FROM survey_responses r WHERE r.surveyId = ?`, [surveyId]);
    const responses: { answers: string }[] = await em.query(`SELECT answers FROM survey_responses WHERE surveyId = ? ORDER BY id DESC LIMIT 5000`, [surveyId]);
    const parsed = responses.map((r) => JSON.parse(r.answers) as Record<string, unknown>);
    const questions = survey.questions.map((q) => {
      const values = parsed.map((a) => a[q.id]).filter((v) => v !== undefined);
      const numeric = values.filter((v): v is number => typeof v === 'number');
      const options = q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => ({ id: o.id, label: o.label, count: values.filter((v) => v === o.id || (Array.isArray(v) && v.includes(o.id))).length })) : [];
      // NPS and scale questions: how many gave each score, from the lowest to the highest.
      const [low, high] = q.type === 'nps' ? [0, 10] : q.type === 'scale' ? [q.min, q.max] : [0, -1];
      const scores = Array.from({ length: high - low + 1 }, (_, i) => ({ score: low + i, count: numeric.filter((v) => v === low + i).length }));
      return { id: q.id, type: q.type, text: q.text, answered: values.length, average: numeric.length ? numeric.reduce((a, b) => a + b, 0) / numeric.length : null, options, scores };
    });
    return {
      responses: Number(nps.responses),
      nps: npsOf(Number(nps.promoters ?? 0), Number(nps.passives ?? 0), Number(nps.detractors ?? 0)),
      averageScore: nps.averageScore === null ? null : Number(nps.averageScore),
      // Distributions read the latest 5,000 responses.
      sampled: Number(nps.responses) > responses.length,
      questions,
    };
  }

  /** NPS by calendar month (UTC) of the answers, for one survey or all of a program's. */
  async npsTrend(em: EntityManager, filter: { surveyId?: number; programId?: number }, from: Date, to: Date): Promise<({ month: string } & NpsSummary)[]> {
    const month = sqlMonth(dialectOf(em.connection), 'r.submittedAt');
    const where = filter.surveyId ? 'r.surveyId = ?' : 'r.surveyId IN (SELECT s.id FROM surveys s WHERE s.programId = ?)';
    const rows: Record<string, string | number>[] = await em.query(
      `SELECT ${month} AS month, ${NPS_BUCKETS} FROM survey_responses r WHERE ${where} AND r.npsScore IS NOT NULL AND r.submittedAt >= ? AND r.submittedAt < ? GROUP BY ${month} ORDER BY ${month}`,
      [filter.surveyId ?? filter.programId, sqlDate(dialectOf(em.connection), from), sqlDate(dialectOf(em.connection), to)],
    );
    return rows.map((r) => ({ month: String(r.month), ...npsOf(Number(r.promoters), Number(r.passives), Number(r.detractors)) }));
  }

  async review(em: EntityManager, memberId: number, raw: z.input<typeof reviewInput>): Promise<ProductReview> {
    const input = parseInput(reviewInput, raw, ['input']);
    const review = em.create(ProductReview, { memberId, sku: input.sku, rating: input.rating, text: input.text ?? '' });
    try {
      await em.insert(ProductReview, review as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('The member has already reviewed this product.');
      throw error;
    }
    return review;
  }

  async productRating(em: EntityManager, sku: string): Promise<{ sku: string; reviews: number; average: number | null }> {
    const [row] = await em.query(`SELECT COUNT(*) AS n, AVG(rating) AS average FROM product_reviews WHERE sku = ?`, [sku]);
    return { sku, reviews: Number(row.n), average: row.average === null ? null : Number(row.average) };
  }
}
