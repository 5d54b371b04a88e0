import { z } from 'zod';
import { ValidationError } from '../errors';

export const SURVEY_KINDS = ['survey', 'nps', 'quiz'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

const id = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, _ and -');
const text = z.string().trim().min(1, 'is required').max(500);
const option = z.object({ id, label: z.string().trim().min(1).max(200) });

/** One question of a survey: NPS 0–10, a scale, single or multiple choice (with the right answers for a quiz), free text. */
export const question = z.discriminatedUnion('type', [
  z.object({ id, type: z.literal('nps'), text, required: z.boolean().default(true) }),
  z
    .object({ id, type: z.literal('scale'), text, required: z.boolean().default(true), min: z.number().int().min(0).max(10).default(1), max: z.number().int().min(1).max(10).default(5) })
    .refine((q) => q.min < q.max, { message: 'min must be below max', path: ['max'] }),
  z.object({ id, type: z.literal('single'), text, required: z.boolean().default(true), options: z.array(option).min(2).max(20), correct: id.optional() }),
  z.object({ id, type: z.literal('multiple'), text, required: z.boolean().default(false), options: z.array(option).min(2).max(20), correct: z.array(id).max(20).optional() }),
  z.object({ id, type: z.literal('text'), text, required: z.boolean().default(false), maxLength: z.number().int().min(1).max(2000).default(2000) }),
]);
export type Question = z.output<typeof question>;

export const questions = z
  .array(question)
  .min(1, 'at least one question')
  .max(50)
  .superRefine((list, ctx) => {
    const ids = list.map((q) => q.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'question ids must differ' });
    if (list.filter((q) => q.type === 'nps').length > 1) ctx.addIssue({ code: 'custom', message: 'at most one NPS question' });
    list.forEach((q, index) => {
      if ((q.type === 'single' || q.type === 'multiple') && q.correct !== undefined) {
        const known = new Set(q.options.map((o) => o.id));
        const correct = Array.isArray(q.correct) ? q.correct : [q.correct];
        if (correct.some((c) => !known.has(c))) ctx.addIssue({ code: 'custom', path: [index, 'correct'], message: 'the right answer must be one of the options' });
      }
    });
  });

export type Answers = Record<string, number | string | string[]>;

/** NPS buckets: promoters 9–10, passives 7–8, detractors 0–6. */
export const npsCategory = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/**
 * Checks a member's answers against the questions: every required one answered, each
 * answer of the right type and range, no unknown question. Returns the answers kept,
 * the NPS answer and, for a quiz, the score.
 */
export function checkAnswers(list: Question[], raw: unknown, quiz: boolean): { answers: Answers; npsScore: number | null; score: number | null; maxScore: number | null } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw ValidationError.of(['answers'], 'an object of answers by question id');
  const given = raw as Record<string, unknown>;
  const byId = new Map(list.map((q) => [q.id, q]));
  for (const key of Object.keys(given)) if (!byId.has(key)) throw ValidationError.of(['answers', key], 'no such question');
  const answers: Answers = {};
  let npsScore: number | null = null;
  let score = 0;
  let maxScore = 0;
  for (const q of list) {
    const value = given[q.id];
    const path = ['answers', q.id];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (q.required) throw ValidationError.of(path, 'is required');
      if (quiz && (q.type === 'single' || q.type === 'multiple') && q.correct !== undefined) maxScore += 1;
      continue;
    }
    switch (q.type) {
      case 'nps':
      case 'scale': {
        const [min, max] = q.type === 'nps' ? [0, 10] : [q.min, q.max];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw ValidationError.of(path, `a whole number from ${min} to ${max}`);
        answers[q.id] = value;
        if (q.type === 'nps') npsScore = value;
        break;
      }
      case 'single': {
        if (typeof value !== 'string' || !q.options.some((o) => o.id === value)) throw ValidationError.of(path, 'one of the options');
        answers[q.id] = value;
        break;
      }
      case 'multiple': {
        if (!Array.isArray(value) || value.length > q.options.length || value.some((v) => typeof v !== 'string' || !q.options.some((o) => o.id === v))) throw ValidationError.of(path, 'some of the options');
        answers[q.id] = [...new Set(value as string[])].sort();
        break;
      }
      case 'text': {
        if (typeof value !== 'string' || value.length > q.maxLength) throw ValidationError.of(path, `text of at most ${q.maxLength} characters`);
        answers[q.id] = value.trim();
        break;
      }
    }
    if (quiz && (q.type === 'single' || q.type === 'multiple') && q.correct !== undefined) {
      maxScore += 1;
      const right = Array.isArray(q.correct) ? [...q.correct].sort().join() : q.correct;
      const got = Array.isArray(answers[q.id]) ? (answers[q.id] as string[]).join() : answers[q.id];
      if (right === got) score += 1;
    }
  }
  return { answers, npsScore, score: quiz ? score : null, maxScore: quiz ? maxScore : null };
}
