import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { ADMIN, graphql, seriousViolations, signIn } from './support/console';

// Issue #8, the member profile: an admin finds a demo member, adjusts their points with a
// reason, is stopped by the form and by the server when an adjustment is wrong, exports the
// member's data and anonymises a member of their own. Screenshots in en and ru.
const MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };
const DEMO_EMAIL = 'anna@demo.patron.local';
const DEMO_NAME = 'Анна Иванова';
const SHOTS = '/tmp/shots-member-profile';
const VIEWPORT = { width: 1440, height: 900 };
mkdirSync(SHOTS, { recursive: true });

const run = Date.now().toString(36);
const leaving = { externalId: `E2E-LEAVING-${run}`, email: `leaving-${run}@example.com`, name: `Lena Leaving ${run}` };

/** A member no other spec knows, so that anonymising them disturbs nothing. */
async function createLeavingMember(request: APIRequestContext): Promise<string> {
  const token = (await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: ADMIN })).login.token as string;
  const data = await graphql(
    request,
    'mutation($input: CreateMemberInput!) { createMember(input: $input) { __typename ... on MemberCreated { member { id } } ... on Error { message } } }',
    { input: { ...leaving, consentEmail: true } },
    token,
  );
  expect(data.createMember.__typename, JSON.stringify(data)).toBe('MemberCreated');
  return data.createMember.member.id as string;
}

/** A demo member with a tier above theirs, and how far along they are as the profile rounds it. */
async function memberBelowTopTier(request: APIRequestContext): Promise<{ id: string; next: string; percent: number }> {
  const token = (await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: ADMIN })).login.token as string;
  const data = await graphql(request, '{ members(first: 100) { edges { node { id account { tierProgress { value remaining nextTier { name } } } } } } }', {}, token);
  type Row = { id: string; account: { tierProgress: { value: number; remaining: number; nextTier: { name: string } | null } } | null };
  const row = (data.members.edges as { node: Row }[]).map((e) => e.node).find((m) => m.account?.tierProgress.nextTier && m.account.tierProgress.value > 0);
  expect(row, 'the demo seed has a member below the top tier').toBeDefined();
  const { value, remaining, nextTier } = row!.account!.tierProgress;
  return { id: row!.id, next: nextTier!.name, percent: Math.min(99, Math.floor((value / (value + remaining)) * 100)) };
}

/** The figure as a number, whatever the language's digit grouping. */
async function figure(page: Page, name: string): Promise<number> {
  const text = (await page.locator(`[data-figure="${name}"]`).textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

/** Counts the adjustPoints requests the page sends. */
function countAdjustments(page: Page) {
  const sent = { count: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('AdjustMemberPoints')) sent.count += 1;
  });
  return sent;
}

async function openDemoMember(page: Page) {
  await page.goto('/admin/members');
  await page.getByLabel('Search members').fill(DEMO_EMAIL);
  const row = page.locator('tr', { hasText: DEMO_EMAIL });
  await expect(row).toHaveCount(1);
  await row.getByTestId('member-open').click();
  await expect(page).toHaveURL(/\/admin\/members\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_NAME);
  await expect(page.locator('[data-figure="available"]')).toBeVisible();
  await expect(page.getByTestId('ledger-row').first()).toBeVisible();
}

test.describe.serial('member profile', () => {
  test.use({ locale: 'en-US', viewport: VIEWPORT });

  test('an admin opens a demo member from the list and adds 100 points with a reason', async ({ page }) => {
    await signIn(page);
    await openDemoMember(page);
    await expect(page.getByTestId('member-email')).toHaveText(DEMO_EMAIL);
    await expect(page.getByTestId('tier-remaining')).not.toBeEmpty();
    await expect(page.getByTestId('member-moderation-link')).toBeVisible();
    const before = await figure(page, 'available');
    const reason = `Goodwill for a late order ${run}`;
    const form = page.getByTestId('adjust-form');
    await form.locator('#adjust-points').fill('100');
    await form.locator('#adjust-reason').fill(reason);
    await form.getByTestId('adjust-submit').click();
    await expect(form).toContainText('+100 applied.');
    await expect.poll(() => figure(page, 'available')).toBe(before + 100);
    const newest = page.getByTestId('ledger-row').first();
    await expect(newest).toContainText(reason);
    await expect(newest).toContainText('+100');
    await expect(newest).toContainText('Adjusted');
    await expect(form.locator('#adjust-points')).toHaveValue('');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/profile-en.png`, fullPage: true });
  });

  test('an empty reason is refused on the form, and taking more than the balance by the server', async ({ page }) => {
    await signIn(page);
    await openDemoMember(page);
    const sent = countAdjustments(page);
    const before = await figure(page, 'available');
    const form = page.getByTestId('adjust-form');
    await form.locator('#adjust-points').fill('50');
    await form.getByTestId('adjust-submit').click();
    await expect(form.locator('[data-field="adjust-reason"]')).toContainText('Say why you change the balance.');
    await expect(form.locator('#adjust-reason')).toHaveAttribute('aria-invalid', 'true');
    expect(sent.count).toBe(0);

    await form.locator('#adjust-points').fill(String(-(before + 1000)));
    await form.locator('#adjust-reason').fill('Take back more than there is');
    await form.getByTestId('adjust-submit').click();
    await expect(form.getByRole('alert')).toContainText('Not enough points');
    expect(sent.count).toBe(1);
    expect(await figure(page, 'available')).toBe(before);
    await expect(page.getByTestId('ledger-row').first()).not.toContainText('Take back more than there is');
    await page.screenshot({ path: `${SHOTS}/adjust-refused-en.png` });
  });

  test('the export downloads the member’s data as JSON', async ({ page }) => {
    await signIn(page);
    await openDemoMember(page);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('member-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^patron-member-[\w-]+\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    const data = JSON.parse(text) as unknown;
    expect(typeof data).toBe('object');
    expect(text).toContain(DEMO_EMAIL);
  });

  test('the members list exports everyone as CSV, with a progress bar that ends in the row count', async ({ page }) => {
    await signIn(page);
    await page.goto('/admin/members');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-members').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^members-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain(DEMO_EMAIL);
    const rows = csv.trim().split('\n').length - 1;
    await expect(page.getByText(`Done: ${rows} rows saved to your downloads.`)).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  });

  test('anonymising a member asks first, naming them, then shows what is left', async ({ page, request }) => {
    const id = await createLeavingMember(request);
    await signIn(page);
    await page.goto(`/admin/members/${encodeURIComponent(id)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(leaving.name);
    await expect(page.getByTestId('member-email')).toHaveText(leaving.email);
    await expect(page.getByTestId('member-balance')).toContainText('No points yet');
    await expect(page.getByTestId('member-ledger')).toContainText('No history yet');

    await page.getByTestId('member-anonymise').click();
    const dialog = page.getByRole('dialog', { name: `Anonymise ${leaving.name}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${leaving.name} loses their name, email`);
    expect(await seriousViolations(page, 'dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('member-status')).toHaveText('Active');

    await page.getByTestId('member-anonymise').click();
    await dialog.getByTestId('anonymise-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('member-anonymised')).toContainText('has been anonymised');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anonymised member');
    await expect(page.getByTestId('member-status')).toHaveText('Anonymised');
    await expect(page.getByTestId('member-email')).toHaveText('Not given');
    await expect(page.getByTestId('member-consent')).toContainText('Email: not agreed');
    await expect(page.getByTestId('member-anonymise')).toHaveCount(0);
    await expect(page.getByTestId('member-adjust')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('member-anonymised')).toBeVisible();
    await expect(page.getByText(leaving.email)).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/anonymised-en.png`, fullPage: true });
  });

  test('a marketer reads the profile without the actions only admin and support may take', async ({ page }) => {
    await page.goto('/admin/login');
    await page.getByLabel(/^Email/i).fill(MARKETER.email);
    await page.getByLabel(/^Password/i).fill(MARKETER.password);
    await page.locator('form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/admin\/?$/);
    await openDemoMember(page);
    await expect(page.getByTestId('member-balance')).toBeVisible();
    await expect(page.getByTestId('member-segments').getByRole('link').first()).toBeVisible();
    await expect(page.getByTestId('member-adjust')).toHaveCount(0);
    await expect(page.getByTestId('member-privacy')).toHaveCount(0);
    await expect(page.getByTestId('member-moderation-link')).toHaveCount(0);

    await page.goto('/admin/members/TWVtYmVyOjk5OTk5OTk5');
    await expect(page.getByRole('heading', { name: 'There is no such member' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Open members' })).toBeVisible();
  });

  test('the profile in Russian, and a member on the way to the next tier', async ({ browser, request }) => {
    const climber = await memberBelowTopTier(request);
    const context = await browser.newContext({ locale: 'ru-RU', viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page);
    await page.goto('/admin/members');
    await page.locator('#members-search').fill(DEMO_EMAIL);
    await page.locator('tr', { hasText: DEMO_EMAIL }).getByTestId('member-open').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_NAME);
    await expect(page.getByTestId('member-balance')).toContainText('Доступно');
    await expect(page.getByTestId('ledger-row').first()).toContainText('Корректировка');
    await page.getByTestId('adjust-submit').click();
    await expect(page.locator('[data-field="adjust-points"]')).toContainText('Укажите количество баллов.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/profile-ru.png`, fullPage: true });

    await page.goto(`/admin/members/${encodeURIComponent(climber.id)}`);
    const bar = page.getByRole('progressbar', { name: `Путь до уровня ${climber.next}` });
    await expect(bar).toHaveAttribute('aria-valuenow', String(climber.percent));
    await expect(page.getByTestId('tier-remaining')).toContainText(`до уровня ${climber.next}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/tier-progress-ru.png`, fullPage: true });
    await context.close();
  });
});
