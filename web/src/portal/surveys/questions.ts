/** A survey question as the server sends it to a member (schema: Survey.questions). */
export type SurveyQuestion =
  | { id: string; type: 'nps'; text: string; required: boolean }
  | { id: string; type: 'scale'; text: string; required: boolean; min: number; max: number }
  | { id: string; type: 'single' | 'multiple'; text: string; required: boolean; options: { id: string; label: string }[] }
  | { id: string; type: 'text'; text: string; required: boolean; maxLength: number };

export type Answer = number | string | string[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the questions JSON defensively: a question of a kind this portal does not know
 * yet is left out rather than breaking the whole survey.
 */
export function parseQuestions(raw: unknown): SurveyQuestion[] {
  if (!Array.isArray(raw)) return [];
  const list: SurveyQuestion[] = [];
  for (const item of raw) {
    if (!isRecord(item) || typeof item.id !== 'string' || typeof item.text !== 'string') continue;
    const base = { id: item.id, text: item.text, required: item.required !== false };
    if (item.type === 'nps') list.push({ ...base, type: 'nps' });
    else if (item.type === 'scale') list.push({ ...base, type: 'scale', min: Number(item.min ?? 1), max: Number(item.max ?? 5) });
    else if ((item.type === 'single' || item.type === 'multiple') && Array.isArray(item.options)) {
      const options = item.options.filter(isRecord).map((o) => ({ id: String(o.id), label: String(o.label) }));
      list.push({ ...base, type: item.type, required: item.type === 'single' ? base.required : item.required === true, options });
    } else if (item.type === 'text') list.push({ ...base, required: item.required === true, type: 'text', maxLength: Number(item.maxLength ?? 2000) });
  }
  return list;
}

/** The answers to send: only those given, as the server expects them. */
export function answersToSend(answers: Record<string, Answer | undefined>): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[id] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

/** Ids of required questions left without an answer. */
export function missingAnswers(questions: readonly SurveyQuestion[], answers: Record<string, Answer | undefined>): string[] {
  const given = answersToSend(answers);
  return questions.filter((q) => q.required && given[q.id] === undefined).map((q) => q.id);
}

export const scaleRange = (q: SurveyQuestion): number[] => {
  const [min, max] = q.type === 'nps' ? [0, 10] : q.type === 'scale' ? [q.min, q.max] : [0, -1];
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
};
