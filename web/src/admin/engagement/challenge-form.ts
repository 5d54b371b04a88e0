import type { ChallengeInput, ChallengeMetric, ChallengePeriod, ChallengeRowFragment, ChallengeStatus } from '../../graphql/generated/graphql';
import { CODE, DOTTED_CODE, collector, day, dayOf, minor, roubles, text, whole, type Issues } from './form-parse';

export const CHALLENGE_METRICS: ChallengeMetric[] = ['PURCHASE_COUNT', 'SPEND_MINOR', 'POINTS_EARNED', 'BONUS_POINTS', 'CUSTOM_EVENT', 'SURVEY_ANSWERED', 'QUIZ_PASSED', 'COMMUNITY_POST', 'MANUAL'];
export const CHALLENGE_PERIODS: ChallengePeriod[] = ['ROLLING', 'WEEK', 'MONTH', 'FIXED'];
export const CHALLENGE_STATUSES: ChallengeStatus[] = ['DRAFT', 'ACTIVE', 'ARCHIVED'];
/** The server's ceiling for a goal, in the metric's unit (kopecks for spend). */
export const MAX_GOAL = 1_000_000_000;

/** The form as typed; the goal of a spend challenge is in roubles. */
export interface ChallengeFormValues {
  code: string;
  name: string;
  description: string;
  metric: ChallengeMetric;
  goal: string;
  eventName: string;
  surveyCode: string;
  minScore: string;
  period: ChallengePeriod;
  rollingDays: string;
  startsAt: string;
  endsAt: string;
  badgeId: string;
  status: ChallengeStatus;
}

/** The fields the form shows, by the names the server's ValidationError uses. */
export const CHALLENGE_FIELDS = ['code', 'name', 'description', 'metric', 'goal', 'eventName', 'surveyCode', 'minScore', 'period', 'rollingDays', 'startsAt', 'endsAt', 'badgeId', 'status'] as const;

export function emptyChallenge(): ChallengeFormValues {
  return { code: '', name: '', description: '', metric: 'PURCHASE_COUNT', goal: '', eventName: '', surveyCode: '', minScore: '', period: 'ROLLING', rollingDays: '30', startsAt: '', endsAt: '', badgeId: '', status: 'DRAFT' };
}

export function fromChallenge(challenge: ChallengeRowFragment): ChallengeFormValues {
  return {
    code: challenge.code,
    name: challenge.name,
    description: challenge.description,
    metric: challenge.metric,
    goal: challenge.metric === 'SPEND_MINOR' ? roubles(challenge.goal) : text(challenge.goal),
    eventName: challenge.eventName ?? '',
    surveyCode: challenge.surveyCode ?? '',
    minScore: text(challenge.minScore),
    period: challenge.period,
    rollingDays: text(challenge.rollingDays),
    startsAt: dayOf(challenge.startsAt),
    endsAt: dayOf(challenge.endsAt),
    badgeId: challenge.badge?.id ?? '',
    status: challenge.status,
  };
}

/** The input the API takes, or what the browser can already tell is wrong, by field. */
export function toChallengeInput(values: ChallengeFormValues): { input: ChallengeInput; issues: Issues } {
  const { issues, take, check, range, length } = collector();
  const metric = values.metric;
  const period = values.period;
  const code = values.code.trim();
  const name = values.name.trim();
  const description = values.description.trim();
  const eventName = values.eventName.trim();
  const surveyCode = values.surveyCode.trim();
  const goal = take('goal', metric === 'SPEND_MINOR' ? minor(values.goal) : whole(values.goal));
  const input: ChallengeInput = {
    code,
    name,
    description,
    metric,
    goal,
    eventName: metric === 'CUSTOM_EVENT' ? eventName || null : null,
    surveyCode: metric === 'SURVEY_ANSWERED' || metric === 'QUIZ_PASSED' ? surveyCode || null : null,
    minScore: metric === 'QUIZ_PASSED' ? take('minScore', whole(values.minScore)) : null,
    period,
    rollingDays: period === 'ROLLING' ? take('rollingDays', whole(values.rollingDays)) : null,
    startsAt: take('startsAt', day(values.startsAt, false)),
    endsAt: take('endsAt', day(values.endsAt, true)),
    badgeId: values.badgeId || null,
    status: values.status,
  };
  check('code', !code, { key: 'required' });
  check('code', !CODE.test(code), { key: 'code' });
  check('name', !name, { key: 'required' });
  length('name', name, 200);
  length('description', description, 2000);
  if (metric === 'SPEND_MINOR') {
    if (goal === null) check('goal', true, { key: 'required' });
    check('goal', goal !== null && goal < 1, { key: 'atLeast', values: { min: 0.01 } });
    check('goal', goal !== null && goal > MAX_GOAL, { key: 'atMost', values: { max: MAX_GOAL / 100 } });
  } else range('goal', goal, 1, MAX_GOAL, true);
  if (metric === 'CUSTOM_EVENT') {
    check('eventName', !eventName, { key: 'required' });
    check('eventName', !DOTTED_CODE.test(eventName), { key: 'code' });
  }
  if (input.surveyCode) check('surveyCode', !DOTTED_CODE.test(input.surveyCode), { key: 'code' });
  if (metric === 'QUIZ_PASSED') range('minScore', input.minScore ?? null, 0, 1000, true);
  if (period === 'ROLLING') range('rollingDays', input.rollingDays ?? null, 1, 366, true);
  if (period === 'FIXED') {
    check('startsAt', !input.startsAt, { key: 'required' });
    check('endsAt', !input.endsAt, { key: 'required' });
  }
  if (input.startsAt && input.endsAt) check('endsAt', input.startsAt >= input.endsAt, { key: 'dateOrder' });
  return { input, issues };
}
