import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// Issue #9's journey: a friend joins from a member's referral link, buys, sees pending
// points, redeems a reward, answers a survey and takes their data away; nobody else sees it.
const DEMO_MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };
const ADMIN = { email: 'admin@patron.local', password: 'e2e-admin-password' };
const MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };
const SHOTS = '/tmp/portal2-shots';

async function call(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { query, variables },
  });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}

async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const body = await call(request, query, variables, token);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const staffToken = async (request: APIRequestContext) =>
  (await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: ADMIN })).login.token as string;

/** A marketer opens a one-question NPS poll, as the console would: the journey answers it. */
async function openSurvey(request: APIRequestContext, title: string) {
  const token = (await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: MARKETER })).login.token;
  const questions = [{ id: 'nps', type: 'nps', text: 'How likely are you to recommend us?', required: true }];
  const created = await graphql(
    request,
    'mutation($input: SurveyInput!) { createSurvey(input: $input) { __typename ... on Survey { id } } }',
    { input: { title, code: `e2e-friend-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`, kind: 'NPS', questions } },
    token,
  );
  expect(created.createSurvey.__typename).toBe('Survey');
  const opened = await graphql(request, 'mutation($id: ID!) { setSurveyStatus(id: $id, status: OPEN) { __typename } }', { id: created.createSurvey.id }, token);
  expect(opened.setSurveyStatus.__typename).toBe('Survey');
}

async function memberToken(request: APIRequestContext, who: { email: string; password: string }) {
  const data = await graphql(request, 'mutation($input: SignInInput!) { memberSignIn(input: $input) { __typename ... on MemberSession { token member { id } } } }', { input: who });
  expect(data.memberSignIn.__typename).toBe('MemberSession');
  return data.memberSignIn as { token: string; member: { id: string } };
}


async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/signin');
  await page.getByLabel(/^Email/).fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator('[data-test="available"]')).toBeVisible();
}

function viewport(page: Page, phone: boolean) {
  mkdirSync(SHOTS, { recursive: true });
  return page.setViewportSize(phone ? { width: 390, height: 844 } : { width: 1280, height: 800 });
}

const shooter = (page: Page, phone: boolean) => (name: string) =>
  page.screenshot({ path: `${SHOTS}/${name}-${phone ? '390x844' : '1280x800'}.png`, fullPage: true });

test.describe('member portal: rewards, referrals, privacy', () => {
  test.use({ locale: 'en-US', acceptDownloads: true });

  test('a friend joins from a referral link, earns, redeems, answers and downloads their data; another member sees none of it', async ({ page, browser, request }, testInfo) => {
    test.setTimeout(120_000);
    const phone = testInfo.project.name === 'phone';
    const shot = shooter(page, phone);
    await viewport(page, phone);

    // The demo member's referral section: link, code, friends, terms.
    await signIn(page, DEMO_MEMBER);
    await page.locator('nav [data-section="referrals"]').click();
    await expect(page).toHaveURL(/\/referrals$/);
    const link = (await page.locator('[data-test="referral-link"]').textContent())?.trim() ?? '';
    const code = (await page.locator('[data-test="referral-code"]').textContent())?.trim() ?? '';
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\?ref=/);
    expect(link).toContain(encodeURIComponent(code));
    await expect(page.locator('[data-test="terms"]')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('referrals');

    // A visitor opens the link in their own browser and signs up with the code filled in.
    const visitor = await browser.newContext({ locale: 'en-US', acceptDownloads: true, ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } }) });
    const friend = await visitor.newPage();
    const friendShot = shooter(friend, phone);
    const email = `friend-${testInfo.project.name}-${Date.now()}@example.com`;
    const password = 'friend-password-1';
    await friend.goto(link);
    await expect(friend.getByLabel('Friend’s invitation code')).toHaveValue(code);
    expect(await seriousViolations(friend)).toEqual([]);
    await friendShot('join');
    await friend.getByLabel(/^Name/).fill('Фёдор Друг');
    await friend.getByLabel(/^Email/).fill(email);
    await friend.getByLabel(/^Password/).fill(password);
    await friend.locator('form button[type="submit"]').click();
    await expect(friend.getByText('Hello, Фёдор Друг!')).toBeVisible();

    // The friend shows up, pending, in the demo member's list.
    await page.reload();
    await expect(page.locator('[data-test="friend"]').filter({ hasText: 'Фёдор Д.' }).first()).toContainText('Waiting for the first purchase');
    await shot('referrals-with-friend');

    // A purchase through the API: its points wait out the return period. It stays under the
    // referral's minimum, so that the demo member's points and tier (portal.spec.ts) do not move.
    const admin = await staffToken(request);
    const session = await memberToken(request, { email, password });
    const recorded = await graphql(
      request,
      'mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename } }',
      { input: { externalId: `e2e-friend-${testInfo.project.name}-${Date.now()}`, memberId: session.member.id, totalMinor: 40_000, currency: 'RUB', channel: 'ONLINE' } },
      admin,
    );
    expect(recorded.recordPurchase.__typename).toBe('PurchaseRecorded');
    await friend.reload();
    await expect(friend.locator('[data-test="pending"]')).toContainText(/\d+ points?/);
    await expect(friend.getByText('Become available once the return period is over.')).toBeVisible();

    // Enough available points for the cheapest rewards: a staff correction.
    const adjusted = await graphql(
      request,
      'mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { __typename } }',
      { input: { memberId: session.member.id, points: 600, reason: 'e2e: welcome gift', idempotencyKey: `e2e-adjust-${testInfo.project.name}-${Date.now()}` } },
      admin,
    );
    expect(adjusted.adjustPoints.__typename).toBe('PointsAdjusted');

    // Rewards: the catalog says what they can have and why not; they redeem a coffee.
    await friend.locator('nav [data-section="rewards"]').click();
    await expect(friend.locator('[data-test="reward-balance"]')).toHaveText(/^You have [\d,]+ points\.$/);
    const coffee = friend.locator('[data-test="reward"]').filter({ hasText: 'Кофе в подарок' });
    const tasting = friend.locator('[data-test="reward"]').filter({ hasText: 'Дегустация для Gold' });
    await expect(tasting.locator('[data-test="reasons"]')).toContainText('For Gold members and above');
    expect(await seriousViolations(friend)).toEqual([]);
    await friendShot('rewards');
    await coffee.locator('[data-test="redeem"]').click();
    await expect(friend.getByRole('dialog')).toContainText('300 points will be taken from your balance.');
    expect(await seriousViolations(friend)).toEqual([]);
    await friendShot('redeem-confirm');
    await friend.locator('[data-test="confirm-redeem"]').click();
    const couponCode = ((await friend.locator('[data-test="new-coupon"]').textContent()) ?? '').trim();
    expect(couponCode.length).toBeGreaterThan(3);
    await friendShot('redeem-done');
    await friend.getByRole('button', { name: 'Go to my coupons' }).click();
    await expect(friend).toHaveURL(/view=coupons/);
    await expect(friend.locator('[data-test="coupon-code"]').filter({ hasText: couponCode })).toBeVisible();
    await expect(friend.locator('[data-test="coupon"]').first()).toContainText('Active');
    await expect(friend.locator('[data-test="reward-balance"]')).toHaveCount(0);
    expect(await seriousViolations(friend)).toEqual([]);
    await friendShot('coupons');
    await friend.locator('[data-filter="USED"]').click();
    await expect(friend.getByText('You have not used any coupons yet.')).toBeVisible();

    // The survey a marketer has just opened.
    const surveyTitle = `Friend poll ${testInfo.project.name} ${Date.now()}`;
    await openSurvey(request, surveyTitle);
    await friend.locator('nav [data-section="surveys"]').click();
    const form = friend.locator('[data-test="survey-form"]').filter({ hasText: surveyTitle });
    await form.locator('input[type="radio"][value="9"]').check();
    await form.getByRole('button', { name: 'Send answers' }).click();
    await expect(friend.locator('[data-test="survey-thanks"]')).toContainText('Thank you!');

    // Their data, downloaded from the profile, holds their email.
    await friend.locator('nav [data-section="profile"]').click();
    await expect(friend.getByRole('button', { name: 'Download my data' })).toBeVisible();
    expect(await seriousViolations(friend)).toEqual([]);
    await friendShot('profile-privacy');
    const [download] = await Promise.all([friend.waitForEvent('download'), friend.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toBe('patron-my-data.json');
    const exported = readFileSync((await download.path()) as string, 'utf8');
    expect(exported).toContain(email);
    expect(() => JSON.parse(exported)).not.toThrow();
    await expect(friend.getByRole('status').filter({ hasText: 'patron-my-data.json' })).toBeVisible();

    // Another member sees none of it: not in their coupons, and the API refuses the id.
    await page.goto('/rewards?view=coupons');
    await expect(page.locator('[data-test="coupon"], .empty-state').first()).toBeVisible();
    await expect(page.locator('[data-test="coupon-code"]').filter({ hasText: couponCode })).toHaveCount(0);
    const anna = await memberToken(request, DEMO_MEMBER);
    const peek = await call(request, 'query($id: ID!) { member(id: $id) { id email coupons(first: 10) { edges { node { code } } } } }', { id: session.member.id }, anna.token);
    expect(peek.data?.member ?? null).toBeNull();
    const peekData = await call(request, 'query($id: ID) { memberData(id: $id) }', { id: session.member.id }, anna.token);
    expect(JSON.stringify(peekData.data?.memberData ?? null)).not.toContain(email);
    const steal = await call(
      request,
      'mutation($input: RedeemRewardInput!) { redeemReward(input: $input) { __typename } }',
      { input: { memberId: session.member.id, rewardId: 'UmV3YXJkOjE=', idempotencyKey: `e2e-steal-${Date.now()}` } },
      anna.token,
    );
    expect(steal.data?.redeemReward?.__typename).not.toBe('RewardRedeemed');
    await visitor.close();
  });

  test('an unknown invitation code is explained on its field and can be removed', async ({ page }, testInfo) => {
    const phone = testInfo.project.name === 'phone';
    await viewport(page, phone);
    await page.goto('/join?ref=NOSUCH99');
    await page.getByLabel(/^Email/).fill(`nocode-${testInfo.project.name}-${Date.now()}@example.com`);
    await page.getByLabel(/^Password/).fill('a-long-enough-password');
    await page.locator('form button[type="submit"]').click();
    const codeField = page.getByLabel('Friend’s invitation code');
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#signup-referral-feedback')).toHaveText('We do not know this code. Check it with your friend or remove it.');
    await shooter(page, phone)('join-unknown-code');
    await page.getByRole('button', { name: 'Remove code' }).click();
    await expect(codeField).toHaveValue('');
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="qr"]')).toBeVisible();
  });

  test('a member deletes their account: a wrong password is said on the field, then they are signed out', async ({ page, request }, testInfo) => {
    const phone = testInfo.project.name === 'phone';
    await viewport(page, phone);
    const email = `leaving-${testInfo.project.name}-${Date.now()}@example.com`;
    await page.goto('/signup');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill('leaving-password-1');
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="qr"]')).toBeVisible();
    await page.locator('nav [data-section="profile"]').click();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/^Password/).fill('not-my-password');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await expect(dialog.locator('#delete-password-feedback')).toHaveText('Wrong password.');
    expect(await seriousViolations(page)).toEqual([]);
    await shooter(page, phone)('delete-dialog');
    await dialog.getByLabel(/^Password/).fill('leaving-password-1');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await expect(page).toHaveURL(/\/signin\?deleted=1/);
    await expect(page.locator('[data-test="account-deleted"]')).toHaveText('Your account has been deleted. Thank you for being with us.');
    await shooter(page, phone)('signin-after-delete');
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/signin/);
    const again = await call(request, 'mutation($input: SignInInput!) { memberSignIn(input: $input) { __typename } }', { input: { email, password: 'leaving-password-1' } });
    expect(again.data?.memberSignIn.__typename).not.toBe('MemberSession');
  });
});

test.describe('member portal weight: the new routes', () => {
  test.use({ locale: 'en-US' });

  test('each new route’s first load stays within 150 kB of JavaScript (gzip)', async ({ page, context }) => {
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
    await firstLoad('/join?ref=ABCD1234', '#signup-referral');
    await signIn(page, DEMO_MEMBER);
    await firstLoad('/rewards', '[data-test="reward"]');
    await firstLoad('/rewards?view=coupons', '[data-filter="ISSUED"]');
    await firstLoad('/referrals', '[data-test="referral-code"]');
    await firstLoad('/profile', '[data-test="download-data"]');
    await firstLoad('/', '[data-test="qr"]');
    console.log(`first loads: ${sizes.join(', ')}`);
  });
});

test.describe('member portal in Russian: rewards and friends', () => {
  test.use({ locale: 'ru-RU' });

  test('the new sections speak Russian', async ({ page }, testInfo) => {
    const phone = testInfo.project.name === 'phone';
    await viewport(page, phone);
    await page.goto('/signin');
    await page.getByLabel(/^(Эл\. почта|Почта|E-mail|Email)/i).fill(DEMO_MEMBER.email);
    await page.getByLabel(/^Пароль/).fill(DEMO_MEMBER.password);
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('[data-test="available"]')).toBeVisible();
    await page.locator('nav [data-section="rewards"]').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Награды');
    await expect(page.locator('[data-test="reward"]').first()).toBeVisible();
    await shooter(page, phone)('rewards-ru');
    await page.locator('nav [data-section="referrals"]').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Пригласите друзей');
    await expect(page.locator('nav [data-section="referrals"]')).toHaveText('Друзья');
    await shooter(page, phone)('referrals-ru');
  });
});
