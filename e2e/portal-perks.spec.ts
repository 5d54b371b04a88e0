import { expect, test, type APIRequestContext } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Issue #9, the rest of the portal: a member opens an offer and activates it, follows a
// challenge and sees the badge they earned, joins the paid club, and resets a forgotten
// password with the link from the email (start-server.mjs runs a local SMTP server that
// writes each mail to MAIL_DIR).
const ADMIN = { email: 'admin@patron.local', password: 'e2e-admin-password' };
const MAIL_DIR = join(tmpdir(), 'patron-e2e-mail');
const SHOTS = '/tmp/portal3-shots';

async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}


/** The newest mail to `email` whose text matches, waited for (the job queue sends it within a second or two). */
async function mailTo(email: string, pattern: RegExp): Promise<RegExpExecArray> {
  let found: RegExpExecArray | null = null;
  await expect
    .poll(
      () => {
        const mails = readdirSync(MAIL_DIR)
          .sort()
          .map((f) => JSON.parse(readFileSync(join(MAIL_DIR, f), 'utf8')) as { to: string; text: string });
        const mine = mails.filter((m) => m.to.includes(email));
        found = mine.length ? pattern.exec(mine.at(-1)!.text) : null;
        return Boolean(found);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

test.describe('member portal: offers, challenges, club, password reset', () => {
  test.use({ locale: 'en-US' });

  test('a member activates an offer, follows a challenge and a badge, joins the club, and resets a forgotten password', async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    const phone = testInfo.project.name === 'phone';
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize(phone ? { width: 390, height: 844 } : { width: 1280, height: 800 });
    const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}-${phone ? '390x844' : '1280x800'}.png`, fullPage: true });
    const run = `${testInfo.project.name}-${Date.now().toString(36)}`;

    // A new member with one purchase (the first-purchase flow gives a badge, the challenge moves),
    // and an offer for everyone that needs activating.
    const email = `perks-${run}@example.com`;
    const signUp = await graphql(request, 'mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) { __typename ... on MemberSession { member { id } } } }', { input: { email, password: 'perks-password-1', name: 'Perk Tester', locale: 'en' } });
    const memberId = signUp.memberSignUp.member.id as string;
    const admin = (await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: ADMIN })).login.token as string;
    const bought = await graphql(request, 'mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename } }', { input: { externalId: `e2e-perks-${run}`, memberId, totalMinor: 45_000, currency: 'RUB', channel: 'STORE' } }, admin);
    expect(bought.recordPurchase.__typename).toBe('PurchaseRecorded');
    const title = `Double points weekend ${run}`;
    const offer = await graphql(request, 'mutation($input: OfferInput!) { createOffer(input: $input) { __typename ... on Offer { id } } }', { input: { code: `e2e-${run}`, title, description: 'Activate it, then shop.', kind: 'POINTS_MULTIPLIER', value: 200, audience: 'EVERYONE', requiresActivation: true, validUntil: new Date(Date.now() + 5 * 86_400_000).toISOString() } }, admin);
    expect(offer.createOffer.__typename).toBe('Offer');
    await graphql(request, 'mutation($id: ID!) { setOfferStatus(id: $id, status: ACTIVE) { __typename } }', { id: offer.createOffer.id }, admin);

    // The wallet links to the perks; the tab bar keeps its six tabs.
    await page.goto('/signin');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill('perks-password-1');
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-perk="offers"]')).toBeVisible();
    await expect(page.locator('nav [data-section]')).toHaveCount(6);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('wallet-perks');

    // Offers: when it ends, activate, and it moves to Active.
    await page.locator('[data-perk="offers"]').click();
    await expect(page).toHaveURL(/\/offers$/);
    const card = page.locator('[data-test="offer"]').filter({ hasText: title });
    await expect(card.locator('[data-test="offer-when"]')).toHaveText(/left$/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('offers');
    await card.locator('[data-test="activate"]').click();
    await expect(card.locator('[data-test="offer-notice"]')).toContainText('is active');
    await expect(page.locator('[data-group="activated"]').locator('[data-test="offer"]').filter({ hasText: title })).toContainText('Activated on');
    await expect(page.locator('nav [aria-current="page"]')).toHaveAttribute('data-section', 'home');

    // Challenges: progress from the purchase, period end, reward badge; the badge earned.
    await page.locator('[data-test="back-to-wallet"]').click();
    await page.locator('[data-perk="challenges"]').click();
    const five = page.locator('[data-test="challenge"]').filter({ hasText: '5 покупок за 30 дней' });
    await expect(five.locator('[role="progressbar"]')).toHaveAttribute('aria-valuenow', '1');
    await expect(five.locator('[data-test="challenge-progress"]')).toContainText('1 of 5');
    await expect(five.locator('[data-test="challenge-end"]')).toHaveText(/^Ends /);
    await expect(five.locator('[data-test="challenge-badge"]')).toContainText('Кофеман');
    await expect(page.locator('[data-test="badge"]').filter({ hasText: 'Первая покупка' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('challenges');

    // Club: the plan with its price and perks; joining waits for a payment, which the till records.
    await page.goto('/club');
    const plan = page.locator('[data-test="club-plan"][data-code="coffee-plus"]');
    await expect(plan.locator('[data-test="club-price"]')).toHaveText(/299.*a month/);
    await expect(plan).toContainText('2× баллов за покупки');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('club');
    await plan.locator('[data-test="club-join"]').click();
    await expect(page.locator('[data-test="membership-status"]')).toHaveText('Waiting for payment');
    const paid = await graphql(request, 'mutation($input: RecordClubPaymentInput!) { recordClubPayment(input: $input) { __typename } }', { input: { memberId, planCode: 'coffee-plus', externalId: `e2e-club-${run}`, amountMinor: 29_900, currency: 'RUB', paidAt: new Date().toISOString() } }, admin);
    expect(paid.recordClubPayment.__typename).toBe('ClubPaymentRecorded');
    await page.reload();
    await expect(page.locator('[data-test="membership-status"]')).toHaveText('Active');
    await expect(page.locator('[data-test="membership-detail"]')).toHaveText(/^Renews on /);
    await shot('club-member');

    // Forgot password: sign out, ask for a link, open it from the mail, choose a new password.
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await expect(page).toHaveURL(/\/signin/);
    await page.locator('[data-test="forgot-password"]').click();
    await expect(page).toHaveURL(/\/forgot$/);
    await page.getByLabel(/^Email/).fill(email);
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="reset-sent"]')).toContainText(`If an account uses ${email}`);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('forgot');
    const link = (await mailTo(email, /http:\/\/\S+\/reset\?token=\S+/))[0];
    await page.goto(link.replace(/^http:\/\/[^/]+/, ''));
    await expect(page).toHaveURL(/\/reset$/);
    await page.getByLabel(/^New password/).fill('brand-new-password-2');
    await page.getByLabel(/^Repeat the new password/).fill('brand-new-password-2');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('reset');
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="available"]')).toBeVisible();
    // The link works once.
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await page.goto(link.replace(/^http:\/\/[^/]+/, ''));
    await page.getByLabel(/^New password/).fill('third-password-3');
    await page.getByLabel(/^Repeat the new password/).fill('third-password-3');
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="reset-invalid"]')).toContainText('not valid any more');
  });
});

test.describe('member portal weight: the perks and reset routes', () => {
  test.use({ locale: 'en-US' });

  test('each new route’s first load stays within 150 kB of JavaScript (gzip)', async ({ page, context }, testInfo) => {
    test.skip(testInfo.project.name === 'phone', 'the weight is the same on every screen');
    const sizes: string[] = [];
    async function firstLoad(path: string, ready: string) {
      const target = await context.newPage();
      const scripts = new Map<string, number>();
      target.on('response', async (response) => {
        if (response.url().endsWith('.js')) scripts.set(new URL(response.url()).pathname, gzipSync(await response.body()).length);
      });
      await target.goto(path);
      await expect(target.locator(ready).first()).toBeVisible();
      await target.waitForLoadState('networkidle');
      const total = [...scripts.values()].reduce((a, b) => a + b, 0);
      sizes.push(`${path}: ${(total / 1024).toFixed(1)} kB`);
      expect(total, [...scripts.keys()].join(' ')).toBeLessThanOrEqual(150 * 1024);
      expect([...scripts.keys()].join(' ')).not.toMatch(/console\.(en|ru)|AdminLayout|charts/);
      await target.close();
    }
    await firstLoad('/forgot', '#forgot-email');
    await firstLoad('/reset?token=pwr_x', '#reset-password');
    await page.goto('/signin');
    await page.getByLabel(/^Email/).fill('anna@demo.patron.local');
    await page.getByLabel(/^Password/).fill('patron-demo');
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="available"]')).toBeVisible();
    await firstLoad('/offers', 'h1');
    await firstLoad('/challenges', '[data-test="challenge"]');
    await firstLoad('/club', '[data-test="club-plan"]');
    await firstLoad('/', '[data-perk="club"]');
    console.log(`first loads: ${sizes.join(', ')}`);
  });
});
