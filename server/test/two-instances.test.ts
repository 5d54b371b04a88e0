import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from './spawn-server';
import { dialect, freshDatabase, type FreshDatabase } from './harness';

const ADMIN_PASSWORD = 'two-instances-admin';

const startServer = (env: Record<string, string>) => spawnServer({ ADMIN_EMAIL: 'admin@two.local', ADMIN_PASSWORD, JOBS_POLL_MS: '50', SIGNIN_RATE_LIMIT: '4', ...env });

/**
 * Two server processes on one MariaDB and one Redis, as behind the compose file's proxy:
 * a version published on one runs on the other at once, a job runs once though both
 * workers poll, a forum post written on one reaches a subscriber on the other, and
 * sign-in limits count across both.
 */
describe.skipIf(dialect !== 'mysql' || !process.env.REDIS_URL)('two instances', () => {
  const children: ChildProcess[] = [];
  let database: FreshDatabase | undefined;
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('share campaigns, jobs, live forum posts and rate limits', async () => {
    database = await freshDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `patron-two:${randomBytes(4).toString('hex')}:` };
    // The first migrates; the second starts on the migrated database.
    const a = await startServer(env);
    const b = await startServer(env);
    children.push(a.child, b.child);
    const gql = async (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    };
    const admin = (await gql(a.url, `mutation($p: String!) { login(input: { email: "admin@two.local", password: $p }) { ... on StaffSession { token } } }`, { p: ADMIN_PASSWORD })).data!.login.token;
    await gql(a.url, `mutation { createProgram(input: { code: "bonus", name: "Bonus", isDefault: true }) { __typename } }`, {}, admin);
    const key = (await gql(a.url, `mutation { createApiKey(input: { name: "POS", scopes: [MEMBERS_READ, MEMBERS_WRITE, PURCHASES_WRITE] }) { ... on CreatedApiKey { secret } } }`, {}, admin)).data!.createApiKey.secret;
    await gql(a.url, `mutation { createMember(input: { externalId: "TWO-1" }) { __typename } }`, {}, key);
    const graph = (amount: number, wait = false) => ({
      nodes: [
        { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
        ...(wait ? [{ id: 'w', kind: 'flow.wait', params: { minutes: 1 }, position: { x: 0, y: 0 } }] : []),
        { id: 'a', kind: 'action.awardPoints', params: { amount }, position: { x: 0, y: 0 } },
      ],
      edges: wait ? [{ id: 'e1', source: 't', sourcePort: 'out', target: 'w' }, { id: 'e2', source: 'w', sourcePort: 'out', target: 'a' }] : [{ id: 'e1', source: 't', sourcePort: 'out', target: 'a' }],
    });
    const created = await gql(a.url, `mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Bonus', graph: graph(10) } }, admin);
    const campaignId = created.data!.createCampaign.id;
    const publish = () => gql(a.url, `mutation($id: ID!) { publishCampaign(id: $id) { ... on Campaign { activeVersion } } }`, { id: campaignId }, admin);
    let n = 0;
    const buyOn = async (url: string) =>
      (await gql(url.replace(/\/$/, ''), `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { ... on PurchaseRecorded { campaignPoints } } }`, { input: { externalId: `TWO-P${++n}`, memberExternalId: 'TWO-1', totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } }, key)).data!.recordPurchase.campaignPoints;

    // Published on A, version 1 runs on B; version 2, published on A, replaces it on B at once.
    expect((await publish()).data!.publishCampaign.activeVersion).toBe(1);
    expect(await buyOn(b.url)).toBe(10);
    await gql(a.url, `mutation($id: ID!, $input: CampaignInput!) { updateCampaignDraft(id: $id, input: $input) { __typename } }`, { id: campaignId, input: { graph: graph(25) } }, admin);
    expect((await publish()).data!.publishCampaign.activeVersion).toBe(2);
    expect(await buyOn(b.url)).toBe(25);
    expect(await buyOn(a.url)).toBe(25);

    // A wait scheduled through B runs once, though both instances' workers are polling.
    await gql(a.url, `mutation($id: ID!, $input: CampaignInput!) { updateCampaignDraft(id: $id, input: $input) { __typename } }`, { id: campaignId, input: { graph: graph(7, true) } }, admin);
    await publish();
    await buyOn(b.url);
    const { createConnection } = await import('mysql2/promise');
    const url = new URL(database.url);
    const sql = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), database: url.pathname.slice(1) });
    try {
      await sql.query(`UPDATE jobs SET runAt = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 SECOND) WHERE name = 'flow.resume'`);
      let done = 0;
      for (let i = 0; i < 600 && done === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        [[{ done }]] = (await sql.query(`SELECT COUNT(*) AS done FROM jobs WHERE name = 'flow.resume' AND status = 'done'`)) as unknown as [[{ done: number }]];
      }
      await new Promise((r) => setTimeout(r, 500));
      const [[{ awards }]] = (await sql.query(`SELECT COUNT(*) AS awards FROM ledger_entries WHERE source = 'campaign' AND availableChange = 7`)) as unknown as [[{ awards: number }]];
      expect(Number(done)).toBe(1);
      expect(Number(awards)).toBe(1);
    } finally {
      await sql.end();
    }

    // A member subscribed to a topic on B sees a reply written through A appear (yoga's Redis event target).
    const category = (await gql(a.url, `mutation { createCommunityCategory(input: { slug: "general", name: "General" }) { ... on CommunityCategory { id } } }`, {}, admin)).data!.createCommunityCategory.id;
    const signUp = async (email: string) => (await gql(a.url, `mutation($e: String!) { memberSignUp(input: { email: $e, password: "member-password-1", name: "Two Instances" }) { ... on MemberSession { token } } }`, { e: email })).data!.memberSignUp.token as string;
    const [writer, watcher] = [await signUp('writer@two.local'), await signUp('watcher@two.local')];
    const topic = (await gql(a.url, `mutation($c: ID!) { createCommunityTopic(input: { categoryId: $c, title: "Across instances", body: "First" }) { ... on CommunityTopic { id } } }`, { c: category }, writer)).data!.createCommunityTopic.id;
    const stream = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${watcher}` },
      body: JSON.stringify({ query: `subscription($t: ID!) { communityPostAdded(topicId: $t) { postNumber html } }`, variables: { t: topic } }),
    });
    const reader = stream.body!.getReader();
    let received = '';
    const arrived = (async () => {
      while (!received.includes('"postNumber":2')) {
        const { value, done } = await reader.read();
        if (done) return;
        received += new TextDecoder().decode(value);
      }
    })();
    await new Promise((r) => setTimeout(r, 300)); // the subscription is registered on B
    await gql(a.url, `mutation($t: ID!) { replyToCommunityTopic(input: { topicId: $t, body: "Written on A" }) { __typename } }`, { t: topic }, writer);
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 10_000))]);
    await reader.cancel();
    expect(received).toContain('"html":"<p>Written on A</p>"');

    // Four failed sign-ins are allowed in all, wherever they land; the fifth is refused on either.
    const attempt = (url: string) => gql(url, `mutation { login(input: { email: "admin@two.local", password: "wrong-password" }) { __typename } }`);
    const answers = [];
    for (const url of [a.url, b.url, a.url, b.url, a.url, b.url]) answers.push((await attempt(url)).data!.login.__typename);
    expect(answers.slice(0, 4)).toEqual(['InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError']);
    expect(answers.slice(4)).toEqual(['RateLimitedError', 'RateLimitedError']);
  }, 120_000);
});
