import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { adminToken, graphql, seriousViolations, signIn } from './support/console';

// Issue #8, the Engagement section: an admin creates a challenge and sees its goal in words,
// is stopped on the fields by a goal of 0 and an end before the start (nothing saved), creates
// an offer and pauses it, creates a badge with an uploaded icon and grants it to the demo
// member, and reads the leaderboard. Every tab is checked by axe and photographed in en and ru.
const ANNA = 'anna@demo.patron.local';
const SHOTS = '/tmp/shots-engagement';
const VIEWPORT = { width: 1440, height: 900 };
mkdirSync(SHOTS, { recursive: true });

const run = Date.now().toString(36);
const EVIL_SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>');
const STAR_SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#f2c14e"/></svg>');

async function shoot(page: Page, name: string, locale: string) {
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}-${locale}.png`, fullPage: true });
}

test.describe.serial('engagement section', () => {
  test.use({ locale: 'en-US', viewport: VIEWPORT });
  test.describe.configure({ timeout: 180_000 });

  test('the admin creates a challenge, sees its goal in words, and a hostile one is stopped on its fields', async ({ page, request }) => {
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).getByText('Engagement').click();
    await expect(page).toHaveURL(/\/admin\/engagement\/challenges/);
    const table = page.getByTestId('challenges-table');
    await expect(table).toContainText('five-in-30');
    await expect(table).toContainText('5 purchases');
    await shoot(page, 'challenges', 'en');

    const code = `e2e-three-${run}`;
    await page.getByTestId('challenge-create').click();
    const form = page.getByTestId('challenge-form');
    await form.locator('#challenge-name').fill(`Three visits ${run}`);
    await form.locator('#challenge-code').fill(code);
    await form.locator('#challenge-goal').fill('3');
    await form.locator('#challenge-status').selectOption('ACTIVE');
    await expect(form.getByTestId('challenge-preview')).toContainText('3 purchases in 30 days');
    await page.screenshot({ path: `${SHOTS}/challenge-form-en.png` });
    await form.getByTestId('challenge-submit').click();
    await expect(form).toBeHidden();
    const row = table.locator('tr', { hasText: code });
    await expect(row).toContainText('3 purchases');
    await expect(row).toContainText('in 30 days');
    await expect(row).toContainText('Active');

    // Hostile: a goal of 0 and an end before the start. The browser stops it on the fields.
    const bad = `e2e-bad-${run}`;
    await page.getByTestId('challenge-create').click();
    await form.locator('#challenge-name').fill('Broken');
    await form.locator('#challenge-code').fill(bad);
    await form.locator('#challenge-goal').fill('0');
    await form.locator('#challenge-period').selectOption('FIXED');
    await form.locator('#challenge-starts').fill('2026-05-01');
    await form.locator('#challenge-ends').fill('2026-04-01');
    await form.getByTestId('challenge-submit').click();
    await expect(form.locator('[data-field="challenge-goal"]')).toContainText('Must be at least 1.');
    await expect(form.locator('[data-field="challenge-ends"]')).toContainText('Must be after the start.');
    await expect(form.locator('#challenge-goal')).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: `${SHOTS}/challenge-form-errors-en.png` });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(table.locator('tr', { hasText: bad })).toHaveCount(0);
    const token = await adminToken(request);
    const codes = (await graphql(request, '{ challenges { code goal } }', {}, token)).challenges as { code: string; goal: number }[];
    expect(codes.map((c) => c.code)).toContain(code);
    expect(codes.map((c) => c.code)).not.toContain(bad);
    expect(codes.find((c) => c.code === 'five-in-30')?.goal).toBe(5);
  });

  test('the admin creates an offer, activates it and pauses it', async ({ page, request }) => {
    await signIn(page);
    await page.goto('/admin/engagement/offers');
    const table = page.getByTestId('offers-table');
    await expect(table).toContainText('birthday');
    await shoot(page, 'offers', 'en');

    const code = `e2e-gift-${run}`;
    await page.getByTestId('offer-create').click();
    const form = page.getByTestId('offer-form');
    await form.locator('#offer-title').fill(`Spring gift ${run}`);
    await form.locator('#offer-code').fill(code);
    await form.locator('#offer-value').fill('150');
    await form.locator('#offer-until').fill('2026-01-01');
    await form.locator('#offer-from').fill('2026-02-01');
    await form.getByTestId('offer-submit').click();
    await expect(form.locator('[data-field="offer-until"]')).toContainText('Must be after the start.');
    await page.screenshot({ path: `${SHOTS}/offer-form-errors-en.png` });
    await form.locator('#offer-until').fill('');
    await form.locator('#offer-from').fill('');
    await form.getByTestId('offer-submit').click();
    await expect(form).toBeHidden();
    const row = table.locator('tr', { hasText: code });
    await expect(row).toContainText('Draft');
    await expect(row).toContainText('150');
    await row.getByTestId('offer-activate').click();
    await expect(row).toContainText('Active');
    await row.getByTestId('offer-pause').click();
    await expect(row).toContainText('Paused');
    await expect(row.getByTestId('offer-resume')).toBeVisible();
    const token = await adminToken(request);
    const offers = (await graphql(request, '{ offers(first: 100) { edges { node { code status } } } }', {}, token)).offers.edges.map((e: any) => e.node);
    expect(offers.find((o: { code: string }) => o.code === code)?.status).toBe('ARCHIVED');
  });

  test('the admin creates a badge with an uploaded icon and grants it to the demo member', async ({ page, request }) => {
    await signIn(page);
    await page.goto('/admin/engagement/badges');
    await expect(page.getByTestId('badges-table')).toContainText('coffee-lover');
    await shoot(page, 'badges', 'en');

    const code = `e2e-star-${run}`;
    const name = `Star guest ${run}`;
    await page.getByTestId('badge-create').click();
    const form = page.getByTestId('badge-form');
    await form.locator('#badge-name').fill(name);
    await form.locator('#badge-code').fill(code);
    await form.locator('#badge-description').fill('Granted by hand to our best guests.');
    // The browser accepts any small SVG; the server looks inside and refuses a script, on the field.
    await form.getByTestId('badge-file').setInputFiles({ name: 'evil.svg', mimeType: 'image/svg+xml', buffer: EVIL_SVG });
    await form.getByTestId('badge-submit').click();
    await expect(form.locator('[data-field="badge-image"]')).toContainText('may not contain scripts');
    await form.getByTestId('badge-file').setInputFiles({ name: 'star.svg', mimeType: 'image/svg+xml', buffer: STAR_SVG });
    await expect(form).toContainText('Uploaded image');
    await form.getByTestId('badge-submit').click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('badges-table').locator('tr', { hasText: code })).toContainText(name);

    const grant = page.getByTestId('badge-grant');
    await grant.locator('#grant-search').fill('anna@demo');
    await grant.getByTestId('grant-results').getByRole('button').first().click();
    await expect(grant.getByTestId('grant-member')).toContainText(ANNA);
    await grant.locator('#grant-badge').selectOption({ label: name });
    await grant.getByTestId('grant-submit').click();
    await expect(grant.getByTestId('grant-held')).toContainText(name);
    await expect(grant.getByTestId('grant-held')).toContainText('by staff');
    await shoot(page, 'badges-granted', 'en');

    const token = await adminToken(request);
    const anna = (await graphql(request, 'query($s: String) { members(first: 1, search: $s) { edges { node { badges { badge { code } source } } } } }', { s: ANNA }, token)).members.edges[0].node;
    expect(anna.badges).toContainEqual({ badge: { code }, source: 'STAFF' });
  });

  test('the leaderboard renders with its options', async ({ page }) => {
    await signIn(page);
    await page.goto('/admin/engagement/leaderboard');
    await page.locator('#leaderboard-period').selectOption('ALL');
    const board = page.getByTestId('leaderboard-table');
    await expect(board).toBeVisible();
    await expect(board.locator('tbody tr').first()).toContainText('1');
    await expect(page.getByTestId('leaderboard-range')).toContainText('All time');
    await shoot(page, 'leaderboard', 'en');
    await page.locator('#leaderboard-metric').selectOption('CHALLENGE');
    await expect(page.locator('#leaderboard-challenge')).toBeVisible();
    await expect(page.getByTestId('leaderboard-table')).toBeVisible();
  });

  test('with a second program, the picker scopes every tab to it and what is created lands there', async ({ page, request }) => {
    const token = await adminToken(request);
    const second = (
      await graphql(request, 'mutation($input: ProgramInput!) { createProgram(input: $input) { ... on Program { id } } }', { input: { code: `second-${run}`, name: `Second ${run}` } }, token)
    ).createProgram as { id: string };
    const badgeCode = `second-badge-${run}`;
    await signIn(page);
    await page.goto('/admin/engagement/badges');
    await expect(page.getByTestId('badges-table')).toContainText('coffee-lover');

    await page.getByTestId('program-picker').selectOption(second.id);
    await expect(page).toHaveURL(new RegExp(`program=${encodeURIComponent(second.id)}`));
    await expect(page.getByTestId('badge-create-empty')).toBeVisible();
    await expect(page.getByText('coffee-lover')).toHaveCount(0);
    await page.getByTestId('badge-create-empty').click();
    const form = page.getByTestId('badge-form');
    await form.locator('#badge-name').fill(`Second badge ${run}`);
    await form.locator('#badge-code').fill(badgeCode);
    await form.getByTestId('badge-submit').click();
    await expect(page.getByTestId('badges-table')).toContainText(badgeCode);

    // The tabs keep the program: the challenges of the default one are not listed here.
    await page.getByRole('link', { name: 'Challenges', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/engagement/challenges\\?program=${encodeURIComponent(second.id)}`));
    await expect(page.getByTestId('challenge-create-empty')).toBeVisible();
    await expect(page.getByText('five-in-30')).toHaveCount(0);

    // The server agrees: the badge belongs to the second program, not to the default one.
    const inSecond = await graphql(request, 'query($p: ID) { badges(programId: $p) { code } }', { p: second.id }, token);
    expect(inSecond.badges.map((b: { code: string }) => b.code)).toEqual([badgeCode]);
    const inDefault = await graphql(request, '{ badges { code } }', {}, token);
    expect(inDefault.badges.map((b: { code: string }) => b.code)).not.toContain(badgeCode);
  });

  test('in Russian: every tab, the goal in Russian words, and a refused empty form', async ({ browser }: { browser: Browser }) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('navigation', { name: 'Разделы' }).getByText('Вовлечение').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вовлечение');
    const table = page.getByTestId('challenges-table');
    await expect(table.locator('tr', { hasText: 'five-in-30' })).toContainText('5 покупок');
    await expect(table.locator('tr', { hasText: 'five-in-30' })).toContainText('за 30 дней');
    await shoot(page, 'challenges', 'ru');
    await page.getByTestId('challenge-create').click();
    await page.getByTestId('challenge-submit').click();
    await expect(page.locator('[data-field="challenge-name"]')).toContainText('Заполните это поле.');
    await page.screenshot({ path: `${SHOTS}/challenge-form-errors-ru.png` });
    await page.getByRole('button', { name: 'Отмена' }).click();

    await page.getByRole('link', { name: 'Значки' }).click();
    await expect(page.getByTestId('badges-table')).toContainText('Кофеман');
    await shoot(page, 'badges', 'ru');
    await page.getByRole('link', { name: 'Предложения' }).click();
    await expect(page.getByTestId('offers-table')).toContainText('Активно');
    await shoot(page, 'offers', 'ru');
    await page.getByRole('link', { name: 'Рейтинг' }).click();
    await page.locator('#leaderboard-period').selectOption('ALL');
    await expect(page.getByTestId('leaderboard-range')).toContainText('За всё время');
    await shoot(page, 'leaderboard', 'ru');
    await context.close();
  });
});
