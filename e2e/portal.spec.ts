import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const DEMO_MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };
const MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };
// Screens to look at by eye; outside the repository.
const SHOTS = '/tmp/portal-shots';

async function graphql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { query, variables },
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** A marketer opens an NPS poll through the API (the seed has none), as the console would. */
async function openNpsSurvey(request: APIRequestContext, title: string, code: string): Promise<string> {
  const login = await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { __typename ... on StaffSession { token } } }', { input: MARKETER });
  const token = login.login.token as string;
  const questions = [
    { id: 'nps', type: 'nps', text: 'How likely are you to recommend us to a friend?', required: true },
    { id: 'why', type: 'text', text: 'What should we improve?', required: false },
  ];
  const created = await graphql(
    request,
    'mutation($input: SurveyInput!) { createSurvey(input: $input) { __typename ... on Survey { id } ... on ValidationError { fieldErrors { path message } } } }',
    { input: { title, code, kind: 'NPS', questions } },
    token,
  );
  expect(created.createSurvey.__typename, JSON.stringify(created)).toBe('Survey');
  const id = created.createSurvey.id as string;
  const opened = await graphql(request, 'mutation($id: ID!) { setSurveyStatus(id: $id, status: OPEN) { __typename } }', { id }, token);
  expect(opened.setSurveyStatus.__typename).toBe('Survey');
  return id;
}


async function signIn(page: Page) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel(/^(Email|Эл\. почта)/).fill(DEMO_MEMBER.email);
  await page.getByLabel(/^(Password|Пароль)/).fill(DEMO_MEMBER.password);
  await page.locator('form button[type="submit"]').click();
}

/** Goes to a section through the tab bar (phone) or the top navigation (desktop): the same links. */
async function openSection(page: Page, key: string) {
  await page.locator(`nav [data-section="${key}"]`).click();
}

test.describe('member portal', () => {
  test.use({ locale: 'en-US' });

  test('the demo member signs in, sees their name, and signs out', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
    await page.screenshot({ path: `e2e/screenshots/portal-signin-${testInfo.project.name}-en.png`, fullPage: true });
    await page.getByLabel(/^Email/).fill(DEMO_MEMBER.email);
    await page.getByLabel(/^Password/).fill(DEMO_MEMBER.password);
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByText('Hello, Анна Иванова!')).toBeVisible();
    await expect(page.getByText(`Signed in as ${DEMO_MEMBER.email}`)).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/portal-home-${testInfo.project.name}-en.png`, fullPage: true });

    // The session is an httpOnly cookie: scripts on the page cannot read it.
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'patron_session')?.httpOnly).toBe(true);
    expect(await page.evaluate(() => document.cookie)).not.toContain('patron_session');

    // A member is not staff: the console sends them to the staff sign-in.
    await page.goto('/admin/members');
    await expect(page).toHaveURL(/\/admin\/login/);

    // Sign out lives on the profile page (and in the header on wide screens).
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('a visitor signs up; a bad password is explained next to the field', async ({ page }) => {
    const email = `new-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
    await page.goto('/signup');
    await page.getByLabel(/^Name/).fill('Test Visitor');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill('short');
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByText(/at least 8 characters/i).first()).toBeVisible();
    await page.getByLabel(/^Password/).fill('a-long-enough-password');
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByText('Hello, Test Visitor!')).toBeVisible();
    // A new member has bought nothing yet: the wallet says so and still shows the card.
    await expect(page.getByText('Your points and rewards will appear here after your first purchase.')).toBeVisible();
    await expect(page.locator('[data-test="qr"]')).toBeVisible();
  });

  test('the demo member’s journey: wallet, history, a survey, the profile', async ({ page, request }, testInfo) => {
    const phone = testInfo.project.name === 'phone';
    await page.setViewportSize(phone ? { width: 390, height: 844 } : { width: 1280, height: 800 });
    mkdirSync(SHOTS, { recursive: true });
    const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}-${phone ? '390x844' : '1280x800'}.png`, fullPage: true });
    const title = `Quick question ${testInfo.project.name} ${Date.now()}`;
    await openNpsSurvey(request, title, `e2e-${testInfo.project.name}-${Date.now().toString(36)}`);

    await signIn(page);
    // Wallet: balance and its worth, points expiring soon, tier progress, the card for the till.
    await expect(page.locator('[data-test="available"]')).toHaveText(/\d[\d,]* points?/);
    await expect(page.locator('[data-test="worth"]')).toContainText('RUB');
    await expect(page.locator('[data-test="expiring"]')).toContainText('Don’t forget to spend them.');
    await expect(page.locator('[data-test="expiring"] li').first()).toHaveText(/points? on \w{3} \d+/);
    // The seed's purchases are dated from today: on some days the demo member has already
    // reached the top tier, which has no progress bar.
    await expect(page.getByRole('progressbar').or(page.getByText('You are at the top tier. Thank you!'))).toBeVisible();
    if (await page.getByRole('progressbar').count()) {
      await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^\d+$/);
      // Any tier above: the console's e2e adds one (Platinum) to the demo program.
      await expect(page.locator('[data-test="tier-next"]')).toContainText(/to reach \p{Lu}\p{L}+/u);
    }
    await expect(page.locator('[data-test="qr"]')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('wallet');
    // What the member sees without scrolling: the tab bar sits at the bottom on a phone.
    await page.screenshot({ path: `${SHOTS}/wallet-viewport-${phone ? '390x844' : '1280x800'}.png` });

    // History: entries in plain words, newest first, and earlier ones on request.
    await openSection(page, 'history');
    await expect(page).toHaveURL(/\/history$/);
    await expect(page.locator('nav [data-section="history"]')).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('[data-test="ledger-row"]').first()).toBeVisible();
    await expect(page.locator('.ledger__title').filter({ hasText: /^Purchase$/ }).first()).toBeVisible();
    const firstPage = await page.locator('[data-test="ledger-row"]').count();
    expect(firstPage).toBe(20);
    await page.getByRole('button', { name: 'Show earlier' }).click();
    await expect(page.locator('[data-test="ledger-row"]')).toHaveCount(40);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('history');

    // Surveys: the open poll, answered with the keyboard alone.
    await openSection(page, 'surveys');
    const form = page.locator('[data-test="survey-form"]').filter({ hasText: title });
    await expect(form).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await form.locator('input[type="radio"][value="0"]').focus();
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
    await expect(form.locator('input[type="radio"][value="9"]')).toBeChecked();
    await shot('surveys');
    await form.getByLabel('What should we improve?').fill('More oat milk, please');
    await form.getByRole('button', { name: 'Send answers' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-test="survey-thanks"]')).toContainText('Thank you!');
    await shot('surveys-thanks');

    // Profile: contact data and consents, saved and still there after a reload.
    await openSection(page, 'profile');
    const newPhone = phone ? '+79990001122' : '+79990003344';
    await page.getByLabel('Phone').fill(newPhone);
    const sms = page.getByLabel('Offers and news by SMS');
    const smsBefore = await sms.isChecked();
    await sms.setChecked(!smsBefore);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('profile');
    await page.reload();
    await expect(page.getByLabel('Phone')).toHaveValue(newPhone);
    await expect(page.getByLabel('Offers and news by SMS')).toBeChecked({ checked: !smsBefore });
    // The member's data rights sit under the profile (portal-engagement.spec.ts uses them).
    await expect(page.getByRole('button', { name: 'Download my data' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete my account' })).toBeVisible();
  });
});

test.describe('member portal weight', () => {
  test.use({ locale: 'en-US' });

  // Measured here on 2026-11-23: sign-in 143 kB, wallet with its QR code 149 kB.
  test('a member’s first load stays within 150 kB of JavaScript (gzip) and carries no console code', async ({ page, context }) => {
    /** gzip bytes of every script a page loads, by path. */
    function watch(target: Page) {
      const scripts = new Map<string, number>();
      target.on('response', async (response) => {
        if (!response.url().endsWith('.js')) return;
        scripts.set(new URL(response.url()).pathname, gzipSync(await response.body()).length);
      });
      return { scripts, total: () => [...scripts.values()].reduce((a, b) => a + b, 0), paths: () => [...scripts.keys()].join(' ') };
    }

    // A first visit: the sign-in page.
    const signInLoad = watch(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(signInLoad.total(), signInLoad.paths()).toBeLessThanOrEqual(150 * 1024);
    await page.getByLabel(/^Email/).fill(DEMO_MEMBER.email);
    await page.getByLabel(/^Password/).fill(DEMO_MEMBER.password);
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="qr"]')).toBeVisible();

    // A signed-in member opening the wallet, QR code included.
    const wallet = await context.newPage();
    const walletLoad = watch(wallet);
    await wallet.goto('/');
    await expect(wallet.locator('[data-test="qr"]')).toBeVisible();
    await wallet.waitForLoadState('networkidle');
    expect(walletLoad.total(), walletLoad.paths()).toBeLessThanOrEqual(150 * 1024);
    for (const load of [signInLoad, walletLoad]) expect(load.paths()).not.toMatch(/console\.(en|ru)|AdminLayout|charts|CampaignEditor|DataTable/);

    // The console still gets its messages, on its first page.
    await wallet.goto('/admin/login');
    await expect(wallet.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  });
});

test.describe('member portal in Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('the sign-in page and the wallet speak Russian', async ({ page }, testInfo) => {
    await page.goto('/signin');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await page.screenshot({ path: `e2e/screenshots/portal-signin-${testInfo.project.name}-ru.png`, fullPage: true });
    await page.getByLabel(/^(Эл\. почта|Почта|E-mail|Email)/i).fill(DEMO_MEMBER.email);
    await page.getByLabel(/^Пароль/).fill(DEMO_MEMBER.password);
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByText(/Анна Иванова/).first()).toBeVisible();
    await expect(page.locator('[data-test="available"]')).toHaveText(/балл/);
    await expect(page.locator('[data-test="worth"]')).toContainText('₽');
    await expect(page.locator('nav [data-section="history"]')).toHaveText('История');
    const phone = testInfo.project.name === 'phone';
    await page.setViewportSize(phone ? { width: 390, height: 844 } : { width: 1280, height: 800 });
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/wallet-ru-${phone ? '390x844' : '1280x800'}.png`, fullPage: true });
    await page.screenshot({ path: `e2e/screenshots/portal-home-${testInfo.project.name}-ru.png`, fullPage: true });
  });
});
