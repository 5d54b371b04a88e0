import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember } from './loyalty-harness';

const CREATE = `mutation($input: SurveyInput!) { createSurvey(input: $input) { __typename ... on Survey { id code status } ... on ValidationError { fieldErrors { path message } } ... on ConflictError { message } } }`;
const SUBMIT = `mutation($surveyId: ID!, $answers: JSON!, $memberId: ID) { submitSurveyResponse(surveyId: $surveyId, answers: $answers, memberId: $memberId) {
  __typename ... on SurveySubmitted { score maxScore npsScore campaignPoints } ... on ValidationError { fieldErrors { path message } } ... on ConflictError { message } } }`;
const NPS_QUESTIONS = [
  { id: 'recommend', type: 'nps', text: 'How likely are you to recommend us?' },
  { id: 'why', type: 'text', text: 'Why?', maxLength: 200 },
  { id: 'visits', type: 'single', text: 'How often do you visit?', options: [{ id: 'weekly', label: 'Weekly' }, { id: 'monthly', label: 'Monthly' }], required: false },
];

describe(`surveys, NPS and reviews on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let npsId: string;

  const open = (id: string) => t.gql(`mutation($id: ID!) { setSurveyStatus(id: $id, status: OPEN) { __typename } }`, { id }, { token: admin });
  const submit = (surveyId: string, answers: unknown, member: { id: string } | null, token = pos) => t.gql(SUBMIT, { surveyId, answers, memberId: member?.id ?? null }, { token });

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    const created = await t.gql(CREATE, { input: { code: 'nps-2026', title: 'Would you recommend us?', kind: 'NPS', questions: NPS_QUESTIONS } }, { token: admin });
    npsId = created.body.data.createSurvey.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses malformed surveys with field errors', async () => {
    const create = async (input: Record<string, unknown>) => (await t.gql(CREATE, { input: { code: 'x', title: 'X', kind: 'SURVEY', ...input } }, { token: admin })).body.data.createSurvey;
    expect((await create({ questions: [] })).fieldErrors[0].message).toMatch(/at least one question/);
    expect((await create({ questions: [NPS_QUESTIONS[0], NPS_QUESTIONS[0]] })).fieldErrors[0].message).toMatch(/ids must differ|at most one NPS/);
    expect((await create({ kind: 'NPS', questions: [NPS_QUESTIONS[1]] })).fieldErrors[0].message).toMatch(/needs an NPS question/);
    expect((await create({ kind: 'QUIZ', questions: [NPS_QUESTIONS[2]] })).fieldErrors[0].message).toMatch(/right answer/);
    expect((await create({ kind: 'QUIZ', questions: [{ ...NPS_QUESTIONS[2], correct: 'daily' }] })).fieldErrors[0].message).toMatch(/one of the options/);
    expect((await create({ questions: [{ id: 'q', type: 'scale', text: 'Rate', min: 5, max: 3 }] })).__typename).toBe('ValidationError');
    expect((await create({ questions: [{ id: 'q', type: 'sql', text: 'DROP' }] })).__typename).toBe('ValidationError');
    expect((await create({ code: 'nps-2026', questions: NPS_QUESTIONS })).__typename).toBe('ConflictError');
  });

  it('takes one answer per member, validated, firing trigger.surveyAnswered', async () => {
    const m = await newMember(t, pos);
    // A draft cannot be answered.
    expect((await submit(npsId, { recommend: 9 }, m)).body.data.submitSurveyResponse.__typename).toBe('ConflictError');
    await open(npsId);
    const campaign = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, {
      input: { name: 'Thanks for the feedback', graph: { nodes: [{ id: 't', kind: 'trigger.surveyAnswered', params: { survey: 'nps-2026' }, position: { x: 0, y: 0 } }, { id: 'a', kind: 'action.awardPoints', params: { amount: 50 }, position: { x: 0, y: 0 } }], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }] } },
    }, { token: admin });
    expect((await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: campaign.body.data.createCampaign.id }, { token: admin })).body.data.publishCampaign.__typename).toBe('Campaign');

    const hostile: [unknown, RegExp][] = [
      [{ recommend: 11 }, /from 0 to 10/],
      [{ recommend: '9' }, /whole number/],
      [{ recommend: 9.5 }, /whole number/],
      [{ why: 'no score' }, /is required/],
      [{ recommend: 9, nope: 1 }, /no such question/],
      [{ recommend: 9, visits: 'daily' }, /one of the options/],
      [{ recommend: 9, why: 'x'.repeat(201) }, /at most 200/],
      [['not', 'an', 'object'], /object of answers/],
    ];
    for (const [answers, message] of hostile) {
      const res = await submit(npsId, answers, m);
      expect(res.body.data.submitSurveyResponse.fieldErrors?.[0].message, JSON.stringify(answers)).toMatch(message);
    }
    const ok = await submit(npsId, { recommend: 9, why: '  Good coffee  ', visits: 'weekly' }, m);
    expect(ok.body.data.submitSurveyResponse).toEqual({ __typename: 'SurveySubmitted', score: null, maxScore: null, npsScore: 9, campaignPoints: 50 });
    expect((await submit(npsId, { recommend: 3 }, m)).body.data.submitSurveyResponse.__typename).toBe('ConflictError');
  });

  it('lets two answers sent at once through only once', async () => {
    const m = await newMember(t, pos);
    const results = await Promise.all([submit(npsId, { recommend: 10 }, m), submit(npsId, { recommend: 10 }, m), submit(npsId, { recommend: 10 }, m)]);
    const kinds = results.map((r) => r.body.data.submitSurveyResponse.__typename).sort();
    expect(kinds).toEqual(['ConflictError', 'ConflictError', 'SurveySubmitted']);
    const points = await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM ledger_entries WHERE memberId = ? AND source = 'campaign'`, [m.dbId]);
    expect(Number(points[0].n)).toBe(1);
  });

  it('members answer for themselves from the portal, not for others', async () => {
    const signUp = await t.gql(`mutation { memberSignUp(input: { email: "survey@example.com", password: "survey-password-1", name: "Survey Taker" }) { ... on MemberSession { token member { id } } } }`);
    const { token, member } = signUp.body.data.memberSignUp;
    const other = await newMember(t, pos);
    const listed = await t.gql(`{ openSurveys { code questions } }`, {}, { token });
    expect(listed.body.data.openSurveys.map((s: { code: string }) => s.code)).toEqual(['nps-2026']);
    const forOther = await submit(npsId, { recommend: 8 }, other, token);
    expect(forOther.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await submit(npsId, { recommend: 8 }, null, token)).body.data.submitSurveyResponse.npsScore).toBe(8);
    expect((await t.gql(`{ openSurveys { code } }`, {}, { token })).body.data.openSurveys).toEqual([]);
    expect(member.id).toBeTruthy();
  });

  it('computes NPS, per-question results, the monthly trend, and segments by NPS bucket', async () => {
    // Seven more answers: with 9, 10, 8 above the scores are 9 10 8 | 10 10 9 7 6 5 0.
    for (const score of [10, 10, 9, 7, 6, 5, 0]) {
      const m = await newMember(t, pos);
      await submit(npsId, { recommend: score, visits: score > 8 ? 'weekly' : 'monthly' }, m);
    }
    const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on Survey { responseCount results { responses nps { responses promoters passives detractors score } questions { id answered average options { id count } scores { score count } } }
      npsTrend(from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { month nps { score responses } } } } }`, { id: npsId }, { token: admin });
    const survey = res.body.data.node;
    // Promoters 9, 10, 10, 10, 9 = 5; passives 8, 7 = 2; detractors 6, 5, 0 = 3: NPS = (5 − 3) / 10 = 20.
    expect(survey.results.nps).toEqual({ responses: 10, promoters: 5, passives: 2, detractors: 3, score: 20 });
    const recommend = survey.results.questions.find((q: { id: string }) => q.id === 'recommend');
    expect(recommend.average).toBeCloseTo((9 + 10 + 8 + 10 + 10 + 9 + 7 + 6 + 5 + 0) / 10, 9);
    // 0, 5, 6, 7, 8 once each; 9 twice; 10 three times.
    expect(recommend.scores.filter((s: { count: number }) => s.count > 0)).toEqual([
      { score: 0, count: 1 }, { score: 5, count: 1 }, { score: 6, count: 1 }, { score: 7, count: 1 }, { score: 8, count: 1 }, { score: 9, count: 2 }, { score: 10, count: 3 },
    ]);
    expect(recommend.scores).toHaveLength(11);
    const visits = survey.results.questions.find((q: { id: string }) => q.id === 'visits');
    // weekly: the first answer (9) and 10, 10, 9; monthly: 7, 6, 5, 0.
    expect(visits.options).toEqual([{ id: 'weekly', count: 4 }, { id: 'monthly', count: 4 }]);
    expect(survey.npsTrend).toEqual([{ month: new Date().toISOString().slice(0, 7), nps: { score: 20, responses: 10 } }]);

    const detractors = await t.gql(`query($d: JSON!) { previewSegment(definition: $d) { ... on SegmentPreview { members } } }`, { d: { type: 'survey', survey: 'nps-2026', nps: 'detractor' } }, { token: admin });
    expect(detractors.body.data.previewSegment.members).toBe(3);
    const analytics = await t.gql(`query($from: DateTime!, $to: DateTime!) { analytics(from: $from, to: $to) { ... on ProgramAnalytics { nps { current { score responses } previous { responses score } } } } }`, {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    }, { token: admin });
    expect(analytics.body.data.analytics.nps).toEqual({ current: { score: 20, responses: 10 }, previous: { responses: 0, score: null } });

    // Answered: the questions can no longer change.
    const edit = await t.gql(`mutation($id: ID!) { updateSurvey(id: $id, input: { title: "Renamed" }) { __typename } }`, { id: npsId }, { token: admin });
    expect(edit.body.data.updateSurvey.__typename).toBe('ConflictError');
  });

  it('scores a quiz, hiding the right answers from members', async () => {
    const quiz = await t.gql(CREATE, {
      input: {
        code: 'coffee-quiz',
        title: 'Coffee quiz',
        kind: 'QUIZ',
        questions: [
          { id: 'origin', type: 'single', text: 'Where does arabica come from?', options: [{ id: 'ethiopia', label: 'Ethiopia' }, { id: 'brazil', label: 'Brazil' }], correct: 'ethiopia' },
          { id: 'milk', type: 'multiple', text: 'Which have milk?', options: [{ id: 'latte', label: 'Latte' }, { id: 'espresso', label: 'Espresso' }, { id: 'flat', label: 'Flat white' }], correct: ['latte', 'flat'] },
        ],
      },
    }, { token: admin });
    const id = quiz.body.data.createSurvey.id;
    await open(id);
    const m = await newMember(t, pos);
    const answered = await submit(id, { origin: 'ethiopia', milk: ['flat', 'latte'] }, m);
    expect(answered.body.data.submitSurveyResponse).toMatchObject({ score: 2, maxScore: 2 });
    const half = await submit(id, { origin: 'brazil', milk: ['latte', 'flat'] }, await newMember(t, pos));
    expect(half.body.data.submitSurveyResponse).toMatchObject({ score: 1, maxScore: 2 });
    const asMember = await t.gql(`mutation { memberSignUp(input: { email: "quiz@example.com", password: "quiz-password-1" }) { ... on MemberSession { token } } }`);
    const seen = await t.gql(`{ openSurveys { code questions } }`, {}, { token: asMember.body.data.memberSignUp.token });
    const shown = seen.body.data.openSurveys.find((s: { code: string }) => s.code === 'coffee-quiz');
    expect(shown.questions.every((q: Record<string, unknown>) => q.correct === undefined)).toBe(true);
    const staffView = await t.gql(`query($id: ID!) { node(id: $id) { ... on Survey { questions results { averageScore } } } }`, { id }, { token: admin });
    expect(staffView.body.data.node.questions[0].correct).toBe('ethiopia');
    expect(staffView.body.data.node.results.averageScore).toBe(1.5);
  });

  it('takes one review per member and product, 1 to 5 stars', async () => {
    const REVIEW = `mutation($sku: String!, $rating: Int!, $memberId: ID) { submitProductReview(sku: $sku, rating: $rating, memberId: $memberId, text: "Nice") { __typename ... on ProductReview { rating } ... on ValidationError { fieldErrors { path message } } } }`;
    const a = await newMember(t, pos);
    const b = await newMember(t, pos);
    expect((await t.gql(REVIEW, { sku: 'LATTE', rating: 5, memberId: a.id }, { token: pos })).body.data.submitProductReview.rating).toBe(5);
    expect((await t.gql(REVIEW, { sku: 'LATTE', rating: 2, memberId: a.id }, { token: pos })).body.data.submitProductReview.__typename).toBe('ConflictError');
    expect((await t.gql(REVIEW, { sku: 'LATTE', rating: 6, memberId: b.id }, { token: pos })).body.data.submitProductReview.fieldErrors[0].message).toMatch(/1 to 5/);
    await t.gql(REVIEW, { sku: 'LATTE', rating: 4, memberId: b.id }, { token: pos });
    expect((await t.gql(`{ productRating(sku: "LATTE") { reviews average } }`, {}, { token: admin })).body.data.productRating).toEqual({ reviews: 2, average: 4.5 });
  });
});
