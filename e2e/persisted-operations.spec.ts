import { expect, test, type Page } from '@playwright/test';

// The web app sends each operation as the hash graphql-codegen listed in
// schema/persisted-operations.json, never its text: that is what lets a brand run the server
// with GRAPHQL_PERSISTED_ONLY=true. A document the list lacks would show up here as a
// request carrying `query`, or a PersistedQueryNotFound answer.

interface Seen {
  operations: number;
  withText: string[];
  unknown: string[];
}

function watchGraphql(page: Page): Seen {
  const seen: Seen = { operations: 0, withText: [], unknown: [] };
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
    seen.operations++;
    if (body.query !== undefined || !body.extensions?.persistedQuery?.sha256Hash?.startsWith('sha256:')) seen.withText.push(String(body.query).slice(0, 80));
  });
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql') || !(response.headers()['content-type'] ?? '').includes('json')) return;
    const text = await response.text().catch(() => '');
    if (text.includes('PersistedQueryNotFound')) seen.unknown.push(response.request().postData()?.slice(0, 120) ?? '');
  });
  return seen;
}

test.describe('persisted operations', () => {
  test.use({ locale: 'en-US' });

  test('the console and the portal send every operation by its listed hash', async ({ page }) => {
    const seen = watchGraphql(page);

    await page.goto('/admin/login');
    await page.getByLabel(/^Email/).fill('admin@patron.local');
    await page.getByLabel(/^Password/).fill('e2e-admin-password');
    await page.locator('form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/admin\/?$/);
    for (const path of ['/admin/members', '/admin/campaigns', '/admin/rewards', '/admin/segments', '/admin/community/review', '/admin/settings']) {
      await page.goto(path);
      await expect(page.locator('main')).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    await page.context().clearCookies();

    await page.goto('/signin');
    await page.getByLabel(/^Email/).fill('anna@demo.patron.local');
    await page.getByLabel(/^Password/).fill('patron-demo');
    await page.locator('form button[type="submit"]').click();
    await expect(page).not.toHaveURL(/\/signin/);
    for (const path of ['/', '/rewards', '/history', '/offers', '/challenges', '/club', '/community']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }

    expect(seen.operations).toBeGreaterThan(15);
    expect(seen.withText).toEqual([]);
    expect(seen.unknown).toEqual([]);
  });
});
