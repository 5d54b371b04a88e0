import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { mkdirSync } from 'node:fs';

// Issues #7 and #8, the staff side: an admin creates a forum category, members post and
// flag through the API, the admin hides the flagged post from the review queue, silences
// its author from the members screen, and moderates the topic. Screenshots in en and ru.
const ADMIN = { email: 'admin@patron.local', password: 'e2e-admin-password' };
const DEMO_MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };
const SHOTS = '/tmp/console-community-shots';
const VIEWPORT = { width: 1440, height: 900 };
mkdirSync(SHOTS, { recursive: true });

const run = Date.now().toString(36);
const category = { name: `E2E Lounge ${run}`, slug: `e2e-lounge-${run}` };
const spammer = { email: `spammer-${run}@example.com`, password: 'spammer-password-1', name: 'Spam Watches' };
const flagger = { email: `flagger-${run}@example.com`, password: 'flagger-password-1', name: 'Olga Flagger' };
const TOPIC_TITLE = `Where to buy watches (${run})`;

async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function memberToken(request: APIRequestContext, who: { email: string; password: string; name?: string }, signUp = false) {
  if (signUp) {
    const data = await graphql(request, 'mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) { __typename ... on MemberSession { token } } }', { input: { ...who, locale: 'en' } });
    expect(data.memberSignUp.__typename).toBe('MemberSession');
    return data.memberSignUp.token as string;
  }
  const data = await graphql(request, 'mutation($input: SignInInput!) { memberSignIn(input: $input) { __typename ... on MemberSession { token } } }', { input: who });
  expect(data.memberSignIn.__typename).toBe('MemberSession');
  return data.memberSignIn.token as string;
}

/** A member opens a topic in the category and posts spam twice; two members flag both spam posts. */
async function postAndFlag(request: APIRequestContext) {
  const admin = (await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: ADMIN })).login.token as string;
  const categories = (await graphql(request, '{ communityCategories { id slug } }', {}, admin)).communityCategories as { id: string; slug: string }[];
  const categoryId = categories.find((c) => c.slug === category.slug)!.id;
  const author = await memberToken(request, spammer, true);
  const created = await graphql(
    request,
    'mutation($input: CreateCommunityTopicInput!) { createCommunityTopic(input: $input) { __typename ... on CommunityTopic { id } ... on Error { message } } }',
    { input: { categoryId, title: TOPIC_TITLE, body: 'Hello everyone, I am new here.' } },
    author,
  );
  expect(created.createCommunityTopic.__typename, JSON.stringify(created)).toBe('CommunityTopic');
  const topicId = created.createCommunityTopic.id as string;
  const reporters = [await memberToken(request, DEMO_MEMBER), await memberToken(request, flagger, true)];
  for (const body of ['Buy cheap watches at watches.example — 90% off today only!', 'Replica watches, write to me for prices.']) {
    const reply = await graphql(request, 'mutation($input: ReplyToCommunityTopicInput!) { replyToCommunityTopic(input: $input) { __typename ... on CommunityPost { id } ... on Error { message } } }', { input: { topicId, body } }, author);
    expect(reply.replyToCommunityTopic.__typename, JSON.stringify(reply)).toBe('CommunityPost');
    const postId = reply.replyToCommunityTopic.id as string;
    const flags: [string, string | null][] = [
      ['SPAM', null],
      ['OTHER', 'Advertises a shop in every topic'],
    ];
    for (const [index, token] of reporters.entries()) {
      const [reason, note] = flags[index];
      const flagged = await graphql(request, 'mutation($postId: ID!, $reason: CommunityFlagReason!, $note: String) { flagCommunityPost(postId: $postId, reason: $reason, note: $note) { __typename ... on Error { message } } }', { postId, reason, note }, token);
      expect(flagged.flagCommunityPost.__typename, JSON.stringify(flagged)).toBe('CommunityPost');
    }
  }
  return topicId;
}

async function signIn(page: Page) {
  await page.goto('/admin/login');
  await page.getByLabel(/^(Email|Эл\. почта|Почта|E-mail)/i).fill(ADMIN.email);
  await page.getByLabel(/^(Password|Пароль)/i).fill(ADMIN.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin\/?$/);
}


async function shoot(page: Page, name: string, locale: string) {
  expect(await seriousViolations(page, 'main')).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}-${locale}.png`, fullPage: true });
}

test.describe.serial('community moderation', () => {
  test.use({ locale: 'en-US', viewport: VIEWPORT });
  let topicId = '';

  test('an admin creates a category after fixing what the form points out', async ({ page }) => {
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).getByText('Community').click();
    await expect(page).toHaveURL(/\/admin\/community\/review$/);
    await page.locator('[data-tab="admin-community-categories"]').click();
    await expect(page.locator('[data-testid="category-create"], [data-testid="category-create-empty"]').first()).toBeVisible();
    await page.locator('[data-testid="category-create"], [data-testid="category-create-empty"]').first().click();
    const form = page.getByTestId('category-form');
    await form.locator('#category-name').fill(category.name);
    await expect(form.locator('#category-slug')).toHaveValue(category.slug);
    await form.locator('#category-slug').fill('Not A Slug');
    await form.locator('#category-color').fill('purple');
    await form.locator('#category-policy').selectOption('TIER');
    await form.getByTestId('category-submit').click();
    await expect(form.locator('[data-field="category-slug"]')).toContainText('lower-case letters');
    await expect(form.locator('[data-field="category-color"]')).toContainText('#RRGGBB');
    await expect(form.locator('[data-field="category-tier"]')).toContainText('lowest tier');
    expect(await seriousViolations(page, '.n-modal')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/category-form-errors-en.png` });
    await form.locator('#category-slug').fill(category.slug);
    await form.locator('#category-color').fill('#1F8A70');
    await form.locator('#category-policy').selectOption('EVERYONE');
    await form.getByTestId('category-submit').click();
    await expect(form).toBeHidden();
    await expect(page.locator('tr', { hasText: category.name })).toContainText('Everyone');
  });

  test('the admin hides a flagged post from the review queue', async ({ page, request }) => {
    topicId = await postAndFlag(request);
    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await expect(nav.locator('[data-count="community"]')).toHaveText(/^\d+$/);
    const before = Number(await nav.locator('[data-count="community"]').textContent());
    expect(before).toBeGreaterThanOrEqual(2);
    await page.goto('/admin/community/review');
    // A retry starts a new run; the posts an earlier try left in the queue are told apart by their topic.
    const item = page.locator('[data-review-post]', { hasText: 'Buy cheap watches' }).filter({ hasText: TOPIC_TITLE });
    await expect(item).toContainText(TOPIC_TITLE);
    await expect(item.getByTestId('review-flag')).toHaveCount(2);
    await expect(item).toContainText('Advertises a shop in every topic');
    await shoot(page, 'review', 'en');
    await item.getByTestId('review-agree').click();
    await expect(page.getByText('Flags upheld: the post is hidden.')).toBeVisible();
    await expect(item).toHaveCount(0);
    await expect(nav.locator('[data-count="community"]')).toHaveText(String(before - 1));
  });

  test('the admin silences the author from the members screen, with a required reason', async ({ page }) => {
    await signIn(page);
    await page.goto('/admin/members');
    await page.getByLabel('Search members').fill(spammer.email);
    const row = page.locator('tr', { hasText: spammer.email });
    await row.getByTestId('member-community').click();
    await expect(page.getByTestId('member-moderation-title')).toContainText(spammer.name);
    await expect(page.locator('[data-figure="posts"]')).toHaveText('3');
    await expect(page.locator('.post-card', { hasText: 'Buy cheap watches' })).toBeVisible();
    const form = page.getByTestId('penalty-form');
    await form.locator('#penalty-days').fill('0');
    await form.getByTestId('penalty-submit').click();
    await expect(form.locator('[data-field="penalty-days"]')).toContainText('from 1 to 3650');
    await expect(form.locator('[data-field="penalty-reason"]')).toContainText('Say why');
    await form.locator('#penalty-days').fill('7');
    await form.locator('#penalty-reason').fill('Advertising a shop in the forum');
    await form.getByTestId('penalty-submit').click();
    await expect(page.getByText('Silenced for 7 days.')).toBeVisible();
    const penalty = page.getByTestId('penalty').first();
    await expect(penalty).toHaveAttribute('data-state', 'active');
    await expect(penalty).toContainText('Advertising a shop in the forum');
    await expect(page.locator('[data-figure="active"]')).toContainText('Silenced');
    await shoot(page, 'member', 'en');
  });

  test('the admin replies as staff and pins the topic; the list shows it', async ({ page }) => {
    await signIn(page);
    await page.goto(`/admin/community/topics/${encodeURIComponent(topicId)}`);
    await expect(page.getByTestId('topic-title')).toHaveText(TOPIC_TITLE);
    await expect(page.locator('.post-card[data-hidden="true"]')).toHaveCount(1);
    await page.locator('#staff-reply-body').fill('We removed the advertising. Please keep the forum about our coffee.');
    await page.getByTestId('staff-reply-submit').click();
    await expect(page.getByText('Reply posted.')).toBeVisible();
    const reply = page.locator('.post-card', { hasText: 'We removed the advertising' });
    await expect(reply).toContainText('Staff');
    await page.getByTestId('topic-pinned').click();
    await expect(page.getByTestId('topic-pinned')).toHaveText('Unpin');
    await shoot(page, 'topic', 'en');

    await page.locator('[data-tab="admin-community-topics"]').click();
    const row = page.locator('tr', { hasText: TOPIC_TITLE });
    await expect(row.locator('[data-state="pinned"]')).toBeVisible();
    await shoot(page, 'topics', 'en');
    await page.locator('[data-tab="admin-community-categories"]').click();
    await expect(page.locator('tr', { hasText: category.name })).toBeVisible();
    await shoot(page, 'categories', 'en');
  });

  test('every screen in Russian', async ({ browser }: { browser: Browser }) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page);
    await page.goto('/admin/community/review');
    await expect(page.locator('[data-review-post]', { hasText: 'Replica watches' }).filter({ hasText: TOPIC_TITLE })).toContainText('Согласиться и скрыть');
    await shoot(page, 'review', 'ru');
    await page.goto('/admin/community/topics');
    await expect(page.locator('tr', { hasText: TOPIC_TITLE })).toContainText('Закреплена');
    await shoot(page, 'topics', 'ru');
    await page.locator('[data-testid="topic-link"]', { hasText: TOPIC_TITLE }).click();
    await expect(page.getByTestId('topic-pinned')).toHaveText('Открепить');
    await shoot(page, 'topic', 'ru');
    await page.goto('/admin/community/categories');
    await expect(page.locator('tr', { hasText: category.name })).toContainText('Все');
    await shoot(page, 'categories', 'ru');
    await page.getByTestId('category-create').click();
    await page.getByTestId('category-form').getByTestId('category-submit').click();
    await expect(page.getByTestId('category-form').locator('[data-field="category-name"]')).toContainText('Обязательное поле.');
    await page.screenshot({ path: `${SHOTS}/category-form-errors-ru.png` });
    await page.keyboard.press('Escape');
    await page.goto('/admin/members');
    await page.getByLabel(/Поиск/).fill(spammer.email);
    await page.locator('tr', { hasText: spammer.email }).getByTestId('member-community').click();
    await expect(page.getByTestId('penalty').first()).toContainText('Действует');
    await shoot(page, 'member', 'ru');
    await context.close();
  });
});
