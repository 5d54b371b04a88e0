import { expect, test } from '@playwright/test';

const ADMIN = { email: 'admin@patron.local', password: 'e2e-admin-password' };

async function signIn(page: import('@playwright/test').Page) {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.getByLabel(/^(Email|Эл\. почта|Почта|E-mail)/i).fill(ADMIN.email);
  await page.getByLabel(/^(Password|Пароль)/i).fill(ADMIN.password);
  await page.locator('form button[type="submit"]').click();
}

test.describe('staff console', () => {
  test.use({ locale: 'en-US' });

  test('an admin signs in, finds the demo members and creates an API key shown once', async ({ page }) => {
    await page.goto('/admin/login');
    await page.screenshot({ path: 'e2e/screenshots/admin-login-en.png', fullPage: true });
    await signIn(page);
    await expect(page).toHaveURL(/\/admin\/?$/);
    const nav = page.getByRole('navigation');
    for (const section of ['Dashboard', 'Members', 'Campaigns', 'Settings']) await expect(nav.getByText(section, { exact: true })).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/admin-dashboard-en.png', fullPage: true });

    await nav.getByText('Members', { exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/members/);
    await expect(page.getByText('Анна Иванова')).toBeVisible();
    await page.getByLabel('Search members').fill('anna@demo');
    await expect(page.getByText('anna@demo.patron.local')).toBeVisible();
    await expect(page.getByText('member1@demo.patron.local')).toHaveCount(0);
    await page.screenshot({ path: 'e2e/screenshots/admin-members-en.png', fullPage: true });

    await page.goto('/admin/settings/api-keys');
    await page.getByLabel('Key name').fill('E2E storefront');
    await page.getByLabel('Scopes').click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByText(/^pk_[\w-]{43}$/);
    await expect(secret).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/admin-api-key-created-en.png', fullPage: true });
    const key = (await secret.textContent())!.trim();

    // The key works against the API, and the list never shows it again.
    const response = await page.request.post('/graphql', {
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      data: { query: '{ viewer { __typename ... on ApiKey { name } } }' },
    });
    expect((await response.json()).data.viewer).toEqual({ __typename: 'ApiKey', name: 'E2E storefront' });
    await page.reload();
    await expect(page.getByText('E2E storefront')).toBeVisible();
    await expect(page.getByText(key)).toHaveCount(0);
  });

  test('a wrong password is refused with a message', async ({ page }) => {
    await page.goto('/admin/login');
    await page.getByLabel(/^Email/).fill(ADMIN.email);
    await page.getByLabel(/^Password/).fill('not-the-password');
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByText('Wrong email or password.')).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/login/);
  });
});

test.describe('staff console in Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('speaks Russian when the browser asks for it', async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole('navigation').getByText('Участники', { exact: false }).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await page.screenshot({ path: 'e2e/screenshots/admin-dashboard-ru.png', fullPage: true });
  });
});
