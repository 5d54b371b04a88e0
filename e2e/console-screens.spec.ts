import { expect, test, type APIRequestContext } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { adminToken, graphql, seriousViolations, signIn } from './support/console';

// Issue #8: every main screen of the console, in Russian and in English, as the admin sees it
// (the admin sees every section). On each: the page has its heading, the section list speaks
// the chosen language, no message key shows through untranslated, axe finds nothing serious;
// and a screenshot is kept (CONSOLE_SHOTS, default /tmp/console-screens) to look at.
const SHOTS = process.env.CONSOLE_SHOTS ?? '/tmp/console-screens';
mkdirSync(SHOTS, { recursive: true });

/** Ids the detail screens need, read through the API as the admin. */
async function demoIds(request: APIRequestContext) {
  const token = await adminToken(request);
  const data = await graphql(
    request,
    `{
      members(first: 1, search: "anna@demo.patron.local") { edges { node { id } } }
      campaigns(first: 50) { edges { node { id name } } }
      segments { id }
      surveys { id }
    }`,
    {},
    token,
  );
  return {
    member: data.members.edges[0]?.node.id as string,
    campaign: (data.campaigns.edges.find((e: any) => e.node.name === 'Двойные баллы от 1 000 ₽') ?? data.campaigns.edges[0])?.node.id as string,
    segment: data.segments[0]?.id as string | undefined,
    survey: data.surveys[0]?.id as string | undefined,
  };
}

function screens(ids: Awaited<ReturnType<typeof demoIds>>) {
  const list: { name: string; path: string }[] = [
    { name: 'dashboard', path: '/admin' },
    { name: 'members', path: '/admin/members' },
    { name: 'member-profile', path: `/admin/members/${encodeURIComponent(ids.member)}` },
    { name: 'programs-settings', path: '/admin/programs/settings' },
    { name: 'programs-tiers', path: '/admin/programs/tiers' },
    { name: 'programs-referrals', path: '/admin/programs/referrals' },
    { name: 'programs-clubs', path: '/admin/programs/clubs' },
    { name: 'templates', path: '/admin/templates' },
    { name: 'campaigns', path: '/admin/campaigns' },
    { name: 'campaign-editor', path: `/admin/campaigns/${encodeURIComponent(ids.campaign)}` },
    { name: 'rewards', path: '/admin/rewards' },
    { name: 'engagement-challenges', path: '/admin/engagement/challenges' },
    { name: 'engagement-badges', path: '/admin/engagement/badges' },
    { name: 'engagement-offers', path: '/admin/engagement/offers' },
    { name: 'engagement-leaderboard', path: '/admin/engagement/leaderboard' },
    { name: 'segments', path: '/admin/segments' },
    { name: 'segment-new', path: '/admin/segments/new' },
    { name: 'community-review', path: '/admin/community/review' },
    { name: 'community-topics', path: '/admin/community/topics' },
    { name: 'community-categories', path: '/admin/community/categories' },
    { name: 'surveys', path: '/admin/surveys' },
    { name: 'partners', path: '/admin/partners' },
    { name: 'imports', path: '/admin/imports' },
    { name: 'settings-api-keys', path: '/admin/settings/api-keys' },
    { name: 'settings-staff', path: '/admin/settings/staff' },
    { name: 'settings-webhooks', path: '/admin/settings/webhooks' },
  ];
  if (ids.segment) list.push({ name: 'segment', path: `/admin/segments/${encodeURIComponent(ids.segment)}` });
  if (ids.survey) list.push({ name: 'survey', path: `/admin/surveys/${encodeURIComponent(ids.survey)}` });
  return list;
}

/** Text that looks like a message key (`flowEditor.node.errors`) rather than words; addresses left out. */
function untranslatedKeys(text: string): string[] {
  const words = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  return [...words.matchAll(/\b[a-z][a-zA-Z]*(?:\.[a-zA-Z][a-zA-Z0-9]*){2,}\b/g)].map((m) => m[0]).filter((key) => !/\.(local|invalid|example|ru|com|org|net|io)$/.test(key));
}

for (const [locale, language] of [
  ['ru-RU', 'ru'],
  ['en-US', 'en'],
] as const) {
  test.describe(`console screens in ${language}`, () => {
    test.use({ locale, viewport: { width: 1440, height: 900 } });
    // Some thirty screens, each with axe and a full-page screenshot.
    test.describe.configure({ timeout: 600_000 });

    test(`every main screen speaks ${language}, has its heading and passes axe`, async ({ page, request }) => {
      const ids = await demoIds(request);
      await signIn(page);
      const nav = page.getByRole('navigation').first();
      for (const screen of screens(ids)) {
        await test.step(screen.name, async () => {
          await page.goto(screen.path);
          await expect(page.locator('main h1').first(), `${screen.name}: a heading`).toBeVisible();
          await page.waitForLoadState('networkidle');
          const sections = await nav.innerText();
          if (language === 'ru') expect(sections, `${screen.name}: the section list in Russian`).toMatch(/Кампании/);
          else expect(sections, `${screen.name}: the section list in English`).not.toMatch(/[А-Яа-яЁё]/);
          expect(untranslatedKeys(await page.locator('main').innerText()), `${screen.name}: message keys on screen`).toEqual([]);
          expect(await seriousViolations(page), `${screen.name}: axe`).toEqual([]);
          if (screen.name === 'campaign-editor') {
            // The editor fills the window; its panels scroll, the page does not.
            const overflow = await page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight);
            expect(overflow, 'the page scrolls below the editor').toBeLessThanOrEqual(1);
          }
          await page.screenshot({ path: `${SHOTS}/${screen.name}-${language}.png`, fullPage: true });
        });
      }
    });
  });
}
