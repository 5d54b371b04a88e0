import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { adminToken, graphql, seriousViolations, signIn } from './support/console';

// Issue #8, the Programs section and Settings → Webhooks: an admin changes how long points
// live and sees it after a reload, grows the tier ladder (and is stopped from breaking its
// order), creates a paid club, and subscribes a receiver to events, whose delivery log
// then shows a sign-up that was sent. Screenshots of every tab in en and ru.
const SHOTS = '/tmp/shots-programs';
const VIEWPORT = { width: 1440, height: 900 };
mkdirSync(SHOTS, { recursive: true });

const run = Date.now().toString(36);
const club = { name: `Tea club ${run}`, code: `tea-${run}` };
const hookUrl = `https://example.invalid/patron-${run}`;

async function shoot(page: Page, name: string, locale: string) {
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}-${locale}.png`, fullPage: true });
}

test.describe.serial('programs and webhooks', () => {
  test.use({ locale: 'en-US', viewport: VIEWPORT });
  // Each journey signs in and walks several screens, with axe on each.
  test.describe.configure({ timeout: 180_000 });

  test('the admin changes how long points live, and it stays after a reload', async ({ page }) => {
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).getByText('Programs').click();
    await expect(page).toHaveURL(/\/admin\/programs\/settings/);
    const form = page.getByTestId('program-form');
    await expect(form.locator('#program-code')).toHaveValue('coffee-club');
    await expect(form.locator('#program-expiryDays')).toHaveValue('180');
    await shoot(page, 'settings', 'en');
    await form.locator('#program-expiryDays').fill('4000');
    await form.locator('#program-minPurchase').fill('12.345');
    await form.getByTestId('program-submit').click();
    await expect(form.locator('[data-field="program-expiryDays"]')).toContainText('From 0 to 3650.');
    await expect(form.locator('[data-field="program-minPurchase"]')).toContainText('Enter an amount');
    await form.locator('#program-expiryPolicy').selectOption('END_OF_YEAR');
    await form.locator('#program-expiryDays').fill('365');
    await form.locator('#program-minPurchase').fill('150,50');
    await form.getByTestId('program-submit').click();
    await expect(page.getByText(/Settings of “.+” saved\./)).toBeVisible();
    await page.reload();
    await expect(form.locator('#program-expiryPolicy')).toHaveValue('END_OF_YEAR');
    await expect(form.locator('#program-expiryDays')).toHaveValue('365');
    await expect(form.locator('#program-minPurchase')).toHaveValue('150.5');
  });

  test('a tier below the one under it is refused inline and nothing is saved; a higher one joins the ladder', async ({ page, request }) => {
    await signIn(page);
    await page.goto('/admin/programs/tiers');
    const ladder = page.getByTestId('tier-ladder');
    await expect(ladder.locator('[data-tier]')).toHaveCount(3);
    expect(await ladder.locator('[data-tier]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-tier')))).toEqual(['basic', 'silver', 'gold']);
    await shoot(page, 'tiers', 'en');

    await page.getByTestId('tier-add').click();
    const form = page.getByTestId('tier-form');
    await expect(form.locator('#tier-rank')).toHaveValue('3');
    await form.locator('#tier-name').fill('Platinum');
    await form.locator('#tier-code').fill('platinum');
    await form.locator('#tier-threshold').fill('40000');
    await form.getByTestId('tier-submit').click();
    await expect(form.locator('[data-field="tier-threshold"]')).toContainText('Must be above “Gold”');
    expect(await seriousViolations(page, '.n-modal')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/tier-form-error-en.png` });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toBeHidden();
    const token = await adminToken(request);
    const stored = await graphql(request, '{ program { tiers { code } } }', {}, token);
    expect(stored.program.tiers.map((t: { code: string }) => t.code)).toEqual(['basic', 'silver', 'gold']);

    await page.getByTestId('tier-add').click();
    await form.locator('#tier-name').fill('Platinum');
    await form.locator('#tier-code').fill('platinum');
    await form.locator('#tier-threshold').fill('150000');
    await form.locator('#tier-discount').fill('10');
    await form.locator('#tier-perks').fill('Personal barista');
    await form.getByTestId('tier-submit').click();
    await expect(form).toBeHidden();
    await expect(ladder.locator('[data-tier]')).toHaveCount(4);
    const platinum = ladder.locator('[data-tier="platinum"]');
    await expect(platinum).toContainText('10% discount');
    await expect(platinum).toContainText('Personal barista');
    expect(await ladder.locator('[data-tier]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-tier')))).toEqual(['basic', 'silver', 'gold', 'platinum']);
  });

  test('the admin sets referral terms and creates and pauses a paid club', async ({ page }) => {
    await signIn(page);
    await page.goto('/admin/programs/referrals');
    const terms = page.getByTestId('referral-form');
    await expect(terms.locator('#referral-min-purchase')).toHaveValue('500');
    await terms.locator('#referral-cap').fill('5');
    await terms.getByTestId('referral-submit').click();
    await expect(page.getByText('Referral terms saved.')).toBeVisible();
    await page.reload();
    await expect(terms.locator('#referral-cap')).toHaveValue('5');
    await shoot(page, 'referrals', 'en');

    await page.locator('[data-tab="admin-programs-clubs"]').click();
    await expect(page.locator('tr', { hasText: 'coffee-plus' })).toBeVisible();
    await expect(page.locator('[data-figure="active"] dd')).toHaveText(/^\d+$/);
    await page.getByTestId('club-add').click();
    const form = page.getByTestId('club-form');
    await form.locator('#club-name').fill(club.name);
    await form.locator('#club-code').fill(club.code);
    await form.locator('#club-price').fill('499');
    await form.locator('#club-period-count').fill('2');
    await form.getByTestId('club-submit').click();
    await expect(form.locator('[data-field="club-period-count"]')).toContainText('Months: 1, 3 or 12.');
    await form.locator('#club-period-count').fill('3');
    await form.locator('#club-trial').fill('14');
    await form.getByTestId('club-submit').click();
    await expect(form).toBeHidden();
    const row = page.locator('tr', { hasText: club.code });
    await expect(row).toContainText('/ 3 mo.');
    await expect(row).toContainText('14 d.');
    await row.getByTestId('club-pause').click();
    await expect(row.locator('[data-status="ARCHIVED"]')).toBeVisible();
    await shoot(page, 'clubs', 'en');
  });

  test('the admin subscribes a receiver to sign-ups; the secret shows once and the delivery log opens', async ({ page, request }) => {
    await signIn(page);
    await page.goto('/admin/settings');
    await page.locator('[data-tab="admin-webhooks"]').click();
    await expect(page).toHaveURL(/\/admin\/settings\/webhooks$/);
    await page.locator('[data-testid="webhook-add"], [data-testid="webhook-add-empty"]').first().click();
    const form = page.getByTestId('webhook-form');
    await form.locator('#webhook-url').fill(`http://example.invalid/patron-${run}`);
    await form.getByTestId('webhook-submit').click();
    await expect(form.locator('[data-field="webhook-url"]')).toContainText('Use an https:// URL');
    await expect(form.locator('[data-field="webhook-events"]')).toContainText('Pick at least one event.');
    await form.locator('#webhook-url').fill(hookUrl);
    await form.locator('#webhook-description').fill('E2E receiver');
    await form.locator('[data-event="signup"]').check();
    await form.getByTestId('webhook-submit').click();
    await expect(page.getByTestId('webhook-secret-value')).toHaveText(/^whsec_[0-9a-f]+$/);
    await shoot(page, 'webhooks-secret', 'en');
    await page.getByTestId('webhook-secret-done').click();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    const row = page.locator('tr', { hasText: hookUrl });
    await expect(row).toContainText('Sign-up');
    await expect(row.locator('[data-status="active"]')).toBeVisible();
    await shoot(page, 'webhooks', 'en');

    // A member signs up: the subscription gets a delivery (to a host that does not resolve).
    const signUp = await graphql(request, 'mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) { __typename } }', {
      input: { email: `hook-${run}@example.com`, password: 'hook-password-1', name: 'Hook Tester', locale: 'en' },
    });
    expect(signUp.memberSignUp.__typename).toBe('MemberSession');
    await row.getByTestId('webhook-log').click();
    await expect(page).toHaveURL(/\/admin\/settings\/webhooks\/.+/);
    await expect(page.getByTestId('webhook-log-title')).toHaveText('Delivery log');
    await expect(page.locator('[data-tab="admin-webhooks"]')).toHaveClass(/settings-tabs__tab--active/);
    await expect(async () => {
      await page.reload();
      await expect(page.locator('tr', { hasText: 'Sign-up' }).first()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 45_000 });
    const delivery = page.locator('tr', { hasText: 'Sign-up' }).first();
    await expect(delivery.locator('[data-status]')).toBeVisible();
    await delivery.getByTestId('delivery-replay').click();
    await expect(page.getByText('Sent again as a new delivery')).toBeVisible();
    await expect(page.locator('tr', { hasText: /replay of #\d+/ })).toBeVisible();
    await shoot(page, 'webhook-log', 'en');
  });

  test('every tab in Russian', async ({ browser }: { browser: Browser }) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page);
    await page.goto('/admin/programs/settings');
    await expect(page.getByTestId('program-submit')).toHaveText('Сохранить настройки');
    await shoot(page, 'settings', 'ru');
    await page.locator('[data-tab="admin-programs-tiers"]').click();
    await expect(page.locator('[data-tier="platinum"]')).toContainText('Скидка 10%');
    await shoot(page, 'tiers', 'ru');
    await page.locator('[data-tab="admin-programs-referrals"]').click();
    await expect(page.getByTestId('referral-submit')).toHaveText('Сохранить условия');
    await shoot(page, 'referrals', 'ru');
    await page.locator('[data-tab="admin-programs-clubs"]').click();
    await expect(page.locator('tr', { hasText: club.code })).toContainText('Приостановлен');
    await shoot(page, 'clubs', 'ru');
    await page.goto('/admin/settings/webhooks');
    await expect(page.locator('tr', { hasText: hookUrl })).toContainText('Регистрация');
    await shoot(page, 'webhooks', 'ru');
    await page.locator('tr', { hasText: hookUrl }).getByTestId('webhook-log').click();
    await expect(page.getByTestId('webhook-log-title')).toHaveText('Журнал доставок');
    await shoot(page, 'webhook-log', 'ru');
    await context.close();
  });
});
