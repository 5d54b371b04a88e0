import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations as findSerious } from './axe';

/** What the console journeys share: the admin the e2e server starts with, the API, signing in, axe. */
export const ADMIN = { email: 'admin@patron.local', password: 'e2e-admin-password' };

/** A GraphQL call through the test's request context; any error in the answer fails the test. */
export async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

export async function adminToken(request: APIRequestContext) {
  return (await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: ADMIN })).login.token as string;
}

/** Signs the admin in through the console's form, in whatever language the page speaks. */
export async function signIn(page: Page) {
  await page.goto('/admin/login');
  await page.getByLabel(/^(Email|Эл\. почта|Почта|E-mail)/i).fill(ADMIN.email);
  await page.getByLabel(/^(Password|Пароль)/i).fill(ADMIN.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin\/?$/);
}

/** axe's serious and critical findings inside `selector` (the console's main area unless told), once the page is still. */
export function seriousViolations(page: Page, selector = 'main') {
  return findSerious(page, selector);
}
