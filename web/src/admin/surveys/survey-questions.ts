/**
 * A survey's questions as the server stores them (server/src/feedback/questions.ts) and
 * the same checks, run as the marketer types so that each message sits under its input.
 * The server checks again on save.
 */
export const QUESTION_TYPES = ['nps', 'scale', 'single', 'multiple', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export type SurveyKindValue = 'SURVEY' | 'NPS' | 'QUIZ';

export interface Option {
  id: string;
  label: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  text: string;
  required: boolean;
  min?: number;
  max?: number;
  options?: Option[];
  /** Quiz only: the right option (single) or options (multiple). */
  correct?: string | string[];
}

const ID = /^[a-z0-9_-]{1,32}$/;
export const SURVEY_CODE = /^[a-z0-9_-]{1,64}$/;

function nextId(prefix: string, taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function newOption(options: readonly Option[]): Option {
  return { id: nextId('o', options.map((o) => o.id)), label: '' };
}

/** A question of a type, with what that type needs (two empty options, a 1–5 scale). */
export function newQuestion(type: QuestionType, existing: readonly Question[], text = ''): Question {
  const id = nextId('q', existing.map((q) => q.id));
  switch (type) {
    case 'scale':
      return { id, type, text, required: true, min: 1, max: 5 };
    case 'single':
    case 'multiple': {
      const first = newOption([]);
      return { id, type, text, required: type === 'single', options: [first, newOption([first])] };
    }
    case 'text':
      return { id, type, text, required: false };
    default:
      return { id, type, text, required: true };
  }
}

/** Changes a question's type, keeping its id, text and options where the new type has them. */
export function retype(question: Question, type: QuestionType): Question {
  const fresh = newQuestion(type, []);
  return { ...fresh, id: question.id, text: question.text, ...(question.options && fresh.options ? { options: question.options } : {}) };
}

/** Issue keys: "title", "code", "questions" (the list), "questions.2.text", "questions.2.options"… */
export type SurveyIssues = Record<string, string>;
export type IssueCode = 'required' | 'codeFormat' | 'noQuestions' | 'twoOptions' | 'optionLabel' | 'scaleRange' | 'oneNps' | 'npsNeeded' | 'quizNeedsAnswer' | 'correctUnknown' | 'duplicateId' | 'tooLong';

/** The server's rules for a survey, as message codes by field; empty when it can be saved. */
export function checkSurvey(survey: { title: string; code: string; kind: SurveyKindValue; questions: readonly Question[] }): Record<string, IssueCode> {
  const issues: Record<string, IssueCode> = {};
  if (!survey.title.trim()) issues.title = 'required';
  else if (survey.title.trim().length > 200) issues.title = 'tooLong';
  if (!SURVEY_CODE.test(survey.code.trim())) issues.code = survey.code.trim() ? 'codeFormat' : 'required';
  const list = survey.questions;
  if (!list.length) issues.questions = 'noQuestions';
  const ids = new Set<string>();
  list.forEach((q, i) => {
    const at = (field: string) => `questions.${i}.${field}`;
    if (!ID.test(q.id) || ids.has(q.id)) issues[at('id')] = 'duplicateId';
    ids.add(q.id);
    if (!q.text.trim()) issues[at('text')] = 'required';
    else if (q.text.trim().length > 500) issues[at('text')] = 'tooLong';
    if (q.type === 'scale' && !((q.min ?? 1) < (q.max ?? 5))) issues[at('max')] = 'scaleRange';
    if (q.type === 'single' || q.type === 'multiple') {
      const options = q.options ?? [];
      if (options.length < 2) issues[at('options')] = 'twoOptions';
      else if (options.some((o) => !o.label.trim())) issues[at('options')] = 'optionLabel';
      const correct = q.correct === undefined ? [] : Array.isArray(q.correct) ? q.correct : [q.correct];
      if (correct.some((c) => !options.some((o) => o.id === c))) issues[at('correct')] = 'correctUnknown';
    }
  });
  if (!issues.questions) {
    if (list.filter((q) => q.type === 'nps').length > 1) issues.questions = 'oneNps';
    else if (survey.kind === 'NPS' && !list.some((q) => q.type === 'nps')) issues.questions = 'npsNeeded';
    else if (survey.kind === 'QUIZ' && !list.some((q) => (q.type === 'single' || q.type === 'multiple') && q.correct !== undefined && (!Array.isArray(q.correct) || q.correct.length > 0))) issues.questions = 'quizNeedsAnswer';
  }
  return issues;
}

/** What is sent: trimmed texts, right answers only in a quiz, nothing a type does not use. */
export function toInput(kind: SurveyKindValue, questions: readonly Question[]): Record<string, unknown>[] {
  return questions.map((q) => {
    const base = { id: q.id, type: q.type, text: q.text.trim(), required: q.required };
    if (q.type === 'scale') return { ...base, min: q.min ?? 1, max: q.max ?? 5 };
    if (q.type === 'single' || q.type === 'multiple') {
      const options = (q.options ?? []).map((o) => ({ id: o.id, label: o.label.trim() }));
      const correct = kind === 'QUIZ' && q.correct !== undefined && (!Array.isArray(q.correct) || q.correct.length) ? { correct: q.correct } : {};
      return { ...base, options, ...correct };
    }
    return base;
  });
}

/** Where a new survey of each kind starts: an NPS poll asks the NPS question and why. */
export function starterQuestions(kind: SurveyKindValue, nps: string, why: string): Question[] {
  if (kind === 'NPS') {
    const first = newQuestion('nps', [], nps);
    return [first, newQuestion('text', [first], why)];
  }
  if (kind === 'QUIZ') return [newQuestion('single', [])];
  return [newQuestion('scale', [])];
}
