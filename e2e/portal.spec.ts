import { expect, test } from '@playwright/test';

const DEMO_MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };

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

    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
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
  });
});

test.describe('member portal in Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('the sign-in page speaks Russian', async ({ page }, testInfo) => {
    await page.goto('/signin');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await page.screenshot({ path: `e2e/screenshots/portal-signin-${testInfo.project.name}-ru.png`, fullPage: true });
    await page.getByLabel(/^(Эл\. почта|Почта|E-mail|Email)/i).fill(DEMO_MEMBER.email);
    await page.getByLabel(/^Пароль/).fill(DEMO_MEMBER.password);
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByText(/Анна Иванова/).first()).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/portal-home-${testInfo.project.name}-ru.png`, fullPage: true });
  });
});
