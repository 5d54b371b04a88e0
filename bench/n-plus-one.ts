import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { withQueryStats } from '../server/src/db/query-stats';
import { inTransaction } from '../server/src/db/transaction';
import { AS_DEPLOYED } from './as-deployed';
import { benchDatabase } from './bench-database';

/** One list read at two sizes: the SQL statements of each, which must be equal (no N+1). */
export interface ListStatements {
  read: string;
  small: { rows: number; statements: number };
  large: { rows: number; statements: number };
}

const MEMBERS = `query($n: Int!) { members(first: $n) { edges { node {
  id name segments
  account { available pending lifetimePoints tier { code name discountPercent } program { code } }
  ledger(first: 5) { edges { node { kind points availableAfter } } pageInfo { hasNextPage } }
} } } }`;
const TOPICS = `query($n: Int!) { communityTopics(first: $n) { edges { node {
  title excerpt replyCount author { displayName tierName badges { badge { name } } } category { name }
} } } }`;
const POSTS = `query($id: ID!, $n: Int!) { node(id: $id) { ... on CommunityTopic { title posts(first: $n) { edges { node {
  html reactions { count mine } author { displayName username tierName isStaff badges { badge { name } } }
} } } } } }`;

/**
 * N+1: the statements of the console's members list (tier, balance, the last ledger entries,
 * segments) at 10 and 100 members, of the forum's topic list at 2 and 10 topics, and of a topic
 * page at 5 and 40 posts (authors, reactions, badges), each read through GraphQL as staff on
 * MariaDB with the demo data (and a long thread of eight writers added to it).
 */
export async function nPlusOneBench(options: { databaseUrl: string }): Promise<ListStatements[]> {
  const benchDb = await benchDatabase(options.databaseUrl, 'patron_nplus', 'the N+1 benchmark');
  const password = 'bench-admin-password';
  const app = await createApp(loadConfig({ ...AS_DEPLOYED, DATABASE_URL: benchDb.url, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'silent', ADMIN_PASSWORD: password, WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0' }));
  try {
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const stats = { statements: 0 };
      const response = await withQueryStats(stats, () =>
        app.yoga.fetch('http://patron.bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) }),
      );
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (body.errors?.length) throw new Error(`n-plus-one: ${JSON.stringify(body.errors).slice(0, 300)}`);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { data: body.data as Record<string, any>, statements: stats.statements };
    };
    const login = await gql(`mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { ... on StaffSession { token } } }`, { email: 'admin@patron.local', password });
    const token = login.data.login.token as string;

    // A long thread: 40 replies by eight members, and enough topics for a list of ten.
    const { services, dataSource } = app;
    const topicId = await inTransaction(dataSource, async (em) => {
      const [category] = await em.query(`SELECT id FROM community_categories WHERE slug = 'general'`);
      const memberIds = ((await em.query('SELECT id FROM members ORDER BY id LIMIT 8')) as { id: number }[]).map((m) => Number(m.id));
      const writer = (i: number) => ({ kind: 'member' as const, memberId: memberIds[i % memberIds.length] });
      for (let i = 0; i < 10; i++) await services.community.topics.createTopic(em, writer(i), { categoryId: Number(category.id), title: `Тема для счёта запросов ${i}`, body: 'Начало' });
      const { topic } = await services.community.topics.createTopic(em, writer(0), { categoryId: Number(category.id), title: 'Длинная тема для счёта запросов', body: 'Начало' });
      for (let i = 0; i < 40; i++) await services.community.topics.reply(em, writer(i + 1), { topicId: topic.id, body: `Ответ ${i}` });
      return topic.id;
    });
    const topicGid = Buffer.from(`CommunityTopic:${topicId}`).toString('base64');

    const measure = async (read: string, at: (n: number) => Promise<{ rows: number; statements: number }>, small: number, large: number): Promise<ListStatements> => {
      await at(small); // warm: the first call reads what later calls keep (programs, the listeners version)
      return { read, small: await at(small), large: await at(large) };
    };
    const rowsOf = (connection: { edges: unknown[] }) => connection.edges.length;
    return [
      await measure('members list: tier, balance, 5 ledger entries, segments', async (n) => {
        const r = await gql(MEMBERS, { n }, token);
        return { rows: rowsOf(r.data.members), statements: r.statements };
      }, 10, 100),
      await measure('forum topics: author with tier and badges, category', async (n) => {
        const r = await gql(TOPICS, { n }, token);
        return { rows: rowsOf(r.data.communityTopics), statements: r.statements };
      }, 2, 10),
      await measure('topic page: posts with authors, reactions, badges', async (n) => {
        const r = await gql(POSTS, { id: topicGid, n }, token);
        return { rows: rowsOf(r.data.node.posts), statements: r.statements };
      }, 5, 40),
    ];
  } finally {
    await app.close();
    await benchDb.drop();
  }
}
