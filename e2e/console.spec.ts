import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';

// The marketer's console screens against the seeded demo: dashboard, segments, surveys, A/B verdict.
const MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };

async function signIn(page: Page) {
  await page.goto('/admin/login');
  await page.getByLabel(/^(Email|Эл\. почта|Почта|E-mail)/i).fill(MARKETER.email);
  await page.getByLabel(/^(Password|Пароль)/i).fill(MARKETER.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin\/?$/);
}

const MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };

async function graphql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { query, variables },
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** The demo member answers a survey through the API, as the portal would. */
async function answerAsMember(request: APIRequestContext, surveyId: string, answers: Record<string, unknown>) {
  const signIn = await graphql(request, 'mutation($input: SignInInput!) { memberSignIn(input: $input) { __typename ... on MemberSession { token } } }', { input: MEMBER });
  const token = signIn.memberSignIn.token as string;
  const result = await graphql(request, 'mutation($id: ID!, $answers: JSON!) { submitSurveyResponse(surveyId: $id, answers: $answers) { __typename } }', { id: surveyId, answers }, token);
  expect(result.submitSurveyResponse.__typename).toBe('SurveySubmitted');
}


for (const lang of ['en', 'ru'] as const) {
  test.describe(`console in ${lang}`, () => {
    test.use({ locale: lang === 'en' ? 'en-US' : 'ru-RU', viewport: { width: 1440, height: 1000 } });

    test('the dashboard shows the demo figures with their change and charts', async ({ page }) => {
      await signIn(page);
      const members = page.locator('[data-kpi="membersTotal"] [data-testid="kpi-value"]');
      await expect(members).toHaveText(/^\d[\d\s,]*$/);
      expect(Number((await members.textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(200);
      await expect(page.locator('[data-kpi="membersNew"] [data-testid="kpi-change"]')).toHaveText(/[▲▼—]|0 %/);
      await expect(page.getByTestId('members-average-check')).toHaveText(/₽$/);
      await expect(page.locator('.echart svg').first()).toBeVisible();
      const range = await page.getByTestId('dashboard-range').textContent();
      await page.locator('[data-period="90"]').click();
      await expect(page.getByTestId('dashboard-range')).not.toHaveText(range!);
      await expect(page.locator('.echart svg').nth(1)).toBeVisible();
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/console-dashboard-${lang}.png`, fullPage: true });
    });

    test('segments: the list, and a segment built in the builder with a live count', async ({ page }) => {
      await signIn(page);
      await page.goto('/admin/segments');
      // The seed names its standard segments in Russian; codes are the same in every language.
      await expect(page.locator('code', { hasText: /^loyal$/ })).toBeVisible();
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/console-segments-${lang}.png`, fullPage: true });

      await page.getByTestId('segment-create').click();
      await expect(page).toHaveURL(/\/admin\/segments\/new$/);
      const count = page.getByTestId('live-count-value');
      await expect(count).toHaveText(/^\d[\d\s,]*$/);
      const value = page.locator('[data-path="rules.0"] [data-field="value"] input');
      await value.fill('3650');
      await value.blur();
      await expect(count).toHaveText(/^\d[\d\s,]*$/);
      const everyone = Number((await count.textContent())!.replace(/\D/g, ''));
      await value.fill('7');
      await value.blur();
      await expect.poll(async () => Number((await count.textContent())!.replace(/\D/g, ''))).toBeLessThan(everyone);
      await page.getByTestId('add-condition').last().click();
      await expect(page.locator('[data-path="rules.1"]')).toBeVisible();
      await page.locator('#segment-name').fill(`E2E recent buyers ${lang}`);
      await page.locator('#segment-code').fill(`e2e-recent-${lang}`);
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/console-segment-builder-${lang}.png`, fullPage: true });
      await page.getByTestId('segment-save').click();
      await expect(page).toHaveURL(/\/admin\/segments\/(?!new)[^/]+$/);
      await expect(page.getByRole('heading', { name: `E2E recent buyers ${lang}` })).toBeVisible();

      // A standard segment opens with its definition in the builder and its size over time.
      await page.goto('/admin/segments');
      await page.locator('tr', { has: page.locator('code', { hasText: /^loyal$/ }) }).getByRole('link').click();
      await expect(page.locator('[data-path="root"] [data-field="metric"]')).toContainText(lang === 'en' ? 'Number of purchases' : 'Число покупок');
      await expect(page.locator('[data-path="root"] [data-field="days"] input')).toHaveValue('90');
      await expect(page.getByTestId('live-count-value')).toHaveText(/^\d[\d\s,]*$/);
      await expect(page.locator('.echart svg, .chart-card__empty').first()).toBeVisible();
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/console-segment-loyal-${lang}.png`, fullPage: true });
      // One condition grows into a group when a second is added.
      await page.getByTestId('add-condition').click();
      await expect(page.locator('[data-path="rules.1"]')).toBeVisible();
      await expect(page.locator('[data-path="rules.0"] [data-field="days"] input')).toHaveValue('90');
    });

    test('surveys: an NPS poll written, checked, opened, answered and its results read', async ({ page, request }) => {
      await signIn(page);
      await page.goto('/admin/surveys');
      await expect(page.getByTestId('survey-create').first()).toBeVisible();
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.getByTestId('survey-create').first().click();
      await expect(page).toHaveURL(/\/admin\/surveys\/new/);
      // Saving with nothing filled in shows the messages under the fields.
      await page.getByTestId('survey-save').click();
      await expect(page.locator('[data-field="survey-title"] .form-field__feedback')).toBeVisible();
      await page.locator('#survey-title').fill(`E2E NPS ${lang}`);
      await page.locator('#survey-code').fill(`e2e-nps-${lang}`);
      await expect(page.locator('[data-question="q1"] textarea')).not.toHaveValue('');
      // A choice question: its options are required, and its answers are drawn as bars.
      await page.locator('[data-add="single"]').click();
      await page.locator('[data-question="q3"] textarea').fill(lang === 'en' ? 'What do you order most?' : 'Что вы чаще заказываете?');
      await page.locator('[data-question="q3"] [data-option="o1"] input').fill(lang === 'en' ? 'Coffee' : 'Кофе');
      await page.getByTestId('survey-save').click();
      await expect(page.locator('[data-question="q3"] [role="alert"]')).toBeVisible();
      await page.locator('[data-question="q3"] [data-option="o2"] input').fill(lang === 'en' ? 'Pastry' : 'Выпечку');
      await expect(page.locator('[data-question="q3"] [role="alert"]')).toHaveCount(0);
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/console-survey-create-${lang}.png`, fullPage: true });
      await page.getByTestId('survey-save').click();
      await expect(page).toHaveURL(/\/admin\/surveys\/(?!new)[^/]+$/);
      await expect(page.getByTestId('survey-status')).toHaveText(lang === 'en' ? 'Draft' : 'Черновик');
      // A draft can still be edited: the questions come back as they were saved.
      await page.getByTestId('survey-edit').click();
      await expect(page.locator('[data-question="q3"] [data-option="o2"] input')).toHaveValue(lang === 'en' ? 'Pastry' : 'Выпечку');
      await page.locator('#survey-title').fill(`E2E NPS ${lang} (v2)`);
      await page.getByTestId('survey-save').click();
      await expect(page.getByRole('heading', { name: `E2E NPS ${lang} (v2)` })).toBeVisible();
      await page.getByTestId('survey-open').click();
      await expect(page.getByTestId('survey-status')).toHaveText(lang === 'en' ? 'Open' : 'Открыт');
      const surveyId = decodeURIComponent(page.url().split('/').pop()!);
      await answerAsMember(request, surveyId, { q1: 9, q2: 'Great coffee', q3: 'o1' });
      await page.reload();
      await expect(page.getByTestId('nps-score')).toHaveText('+100');
      await expect(page.locator('[data-group="promoters"]')).toContainText('1');
      await expect(page.locator('[data-question="q1"] .survey-results__average strong')).toHaveText('9');
      await expect(page.locator('[data-question="q3"] .echart svg')).toBeVisible();
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/console-survey-results-${lang}.png`, fullPage: true });
    });

    test('the flow editor: the A/B split shows its exposures and verdict, pickers and unavailable kinds', async ({ page }) => {
      await signIn(page);
      await page.goto('/admin/campaigns');
      await page.getByRole('link', { name: 'Двойные баллы от 1 000 ₽' }).click();
      const split = page.locator('.vue-flow__node[data-id="split"]');
      await expect(split.getByTestId('node-verdict')).not.toBeEmpty();
      await expect(split.locator('[data-variant="double"]')).toContainText(/\d/);
      await expect(split.locator('[data-variant="flat"]')).toBeVisible();
      // Kinds whose domain the server does not run yet are marked, not hidden.
      await expect(page.locator('.palette__item[data-kind="action.discount"]')).toHaveAttribute('data-unavailable', 'true');
      await expect(page.locator('.palette__item[data-kind="trigger.communityPost"]')).not.toHaveAttribute('data-unavailable', 'true');
      await expect(page.locator('.palette__item[data-kind="condition.segment"]')).not.toHaveAttribute('data-unavailable', 'true');
      expect(await seriousViolations(page, '.flow-editor')).toEqual([]);
      await page.screenshot({ path: `e2e/screenshots/console-split-verdict-${lang}.png` });
    });
  });
}
