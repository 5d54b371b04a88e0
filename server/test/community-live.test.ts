import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { communitySetup, CREATE_TOPIC, REACT, REPLY, signUpMember } from './community-harness';
import { expectLedgerInvariants } from './loyalty-harness';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourcePort: 'out', target });

/** Opens a GraphQL subscription over SSE (as browsers do: POST with Accept: text/event-stream) and collects its events. */
async function subscribe(t: TestApp, query: string, variables: Record<string, unknown>, token: string) {
  const response = await t.app.yoga.fetch('http://patron.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: any[] = [];
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data:'));
        if (data && data.length > 5) events.push(JSON.parse(data.slice(5)));
      }
    }
  })().catch(() => undefined);
  return {
    events,
    async next(count: number) {
      for (let i = 0; i < 200 && events.length < count; i++) await new Promise((r) => setTimeout(r, 25));
      return events.slice(0, count);
    },
    async close() {
      await reader.cancel();
      await pump;
    },
  };
}

describe(`community wired into loyalty on ${dialect}`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof communitySetup>>;

  beforeAll(async () => {
    t = await createTestApp();
    s = await communitySetup(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function publish(name: string, graph: unknown) {
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } ... on Error { message } } }`, { input: { name, graph } }, { token: s.admin });
    const published = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code nodeId message } } } }`, { id: created.body.data.createCampaign.id }, { token: s.admin });
    expect(published.body.data.publishCampaign.__typename, JSON.stringify(published.body)).toBe('Campaign');
  }
  const points = async (memberId: number) => (await t.app.dataSource.manager.find(LedgerEntry, { where: { memberId } })).reduce((sum, e) => sum + e.availableChange + e.pendingChange, 0);

  it('awards points for a first post, a helpful answer and reactions received through published campaigns', async () => {
    await publish('Первый пост', { nodes: [node('t', 'trigger.communityPost', { activity: 'post' }), node('c', 'limit.cap', { perMember: 1 }), node('a', 'action.awardPoints', { amount: 50 })], edges: [edge('t', 'c'), edge('c', 'a')] });
    await publish('Полезный ответ', { nodes: [node('t', 'trigger.communityPost', { activity: 'acceptedAnswer' }), node('a', 'action.awardPoints', { amount: 100 })], edges: [edge('t', 'a')] });
    await publish('Лайки', { nodes: [node('t', 'trigger.communityPost', { activity: 'reactionReceived' }), node('c', 'limit.cap', { perMember: 3 }), node('a', 'action.awardPoints', { amount: 5 })], edges: [edge('t', 'c'), edge('c', 'a')] });
    const asker = await signUpMember(t, 'Ольга Вопросова');
    const helper = await signUpMember(t, 'Павел Помощников');
    const fans = await Promise.all(['Ф1', 'Ф2', 'Ф3', 'Ф4'].map((n) => signUpMember(t, n)));

    const topic = (await t.gql(CREATE_TOPIC, { input: { categoryId: s.categories.advice, title: 'Какую карту выбрать?', body: 'Подскажите, пожалуйста.' } }, { token: asker.token })).body.data.createCommunityTopic;
    expect(await points(asker.dbId)).toBe(50);
    await t.gql(REPLY, { input: { topicId: topic.id, body: 'Ещё вопрос: а кэшбэк?' } }, { token: asker.token });
    expect(await points(asker.dbId)).toBe(50); // the cap: once per member

    const answer = (await t.gql(REPLY, { input: { topicId: topic.id, body: 'Берите золотую, она окупается.', replyToPostNumber: 1 } }, { token: helper.token })).body.data.replyToCommunityTopic;
    expect(await points(helper.dbId)).toBe(50);
    const accept = `mutation($postId: ID!) { acceptCommunityAnswer(postId: $postId) { __typename ... on CommunityTopic { acceptedAnswer { postNumber } } ... on NotAllowedError { reason } } }`;
    expect((await t.gql(accept, { postId: answer.id }, { token: helper.token })).body.data.acceptCommunityAnswer.reason).toBe('notAuthor');
    expect((await t.gql(accept, { postId: answer.id }, { token: asker.token })).body.data.acceptCommunityAnswer.acceptedAnswer.postNumber).toBe(3);
    expect((await t.gql(accept, { postId: answer.id }, { token: asker.token })).body.data.acceptCommunityAnswer.acceptedAnswer.postNumber).toBe(3);
    expect(await points(helper.dbId)).toBe(150); // accepted once, paid once

    for (const fan of fans) expect((await t.gql(REACT, { postId: answer.id, reaction: 'THANKS' }, { token: fan.token })).body.data.reactToCommunityPost.__typename).toBe('CommunityPost');
    expect(await points(helper.dbId)).toBe(150 + 3 * 5);
    const why = await t.app.dataSource.query('SELECT COUNT(*) AS n FROM ledger_entries WHERE memberId = ? AND campaignId IS NOT NULL', [helper.dbId]);
    expect(Number(why[0].n)).toBe(5);
    await expectLedgerInvariants(t, helper.dbId);

    // Forum activity feeds segments and challenges.
    const preview = await t.gql(`query($d: JSON!) { previewSegment(definition: $d) { __typename ... on SegmentPreview { members } ... on ValidationError { fieldErrors { message } } } }`, { d: { type: 'community', activity: 'replied', days: 30, op: 'gte', value: 1 } }, { token: s.admin });
    expect(preview.body.data?.previewSegment ?? preview.body).toMatchObject({ members: 2 });
    const reacted = await t.gql(`query($d: JSON!) { previewSegment(definition: $d) { ... on SegmentPreview { members } } }`, { d: { type: 'community', activity: 'reacted', days: 30, op: 'gte', value: 1 } }, { token: s.admin });
    expect(reacted.body.data.previewSegment.members).toBe(4);
    const started = await t.gql(`query($d: JSON!) { previewSegment(definition: $d) { ... on SegmentPreview { members } } }`, { d: { type: 'community', activity: 'posted', days: 30, op: 'gte', value: 1 } }, { token: s.admin });
    expect(started.body.data.previewSegment.members).toBe(1);
  });

  it('counts posts, not reactions, toward a community challenge', async () => {
    const em = t.app.dataSource.manager;
    const challenge = await t.app.services.gamification.challenges.create(em, { code: 'talk-3', name: 'Три поста', goal: 3, metric: 'communityPost', period: 'fixed', startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000), status: 'active' } as never);
    const writer = await signUpMember(t, 'Роман Писатель');
    const reader = await signUpMember(t, 'Света Читатель');
    const topic = (await t.gql(CREATE_TOPIC, { input: { categoryId: s.categories.general, title: 'Книги о кофе', body: 'Что почитать?' } }, { token: writer.token })).body.data.createCommunityTopic;
    await t.gql(REACT, { postId: topic.posts.edges[0].node.id, reaction: 'LIKE' }, { token: reader.token });
    await t.gql(REPLY, { input: { topicId: topic.id, body: 'Сам себе отвечу' } }, { token: writer.token });
    const [progress] = await em.query('SELECT progress FROM challenge_progress WHERE memberId = ? AND challengeId = ?', [writer.dbId, challenge.id]);
    expect(Number(progress.progress)).toBe(2);
  });

  it('streams new posts and topics to a member over SSE as they are written; a key without community:read is refused', async () => {
    const writer = await signUpMember(t, 'Писатель Живой');
    const watcher = await signUpMember(t, 'Наблюдатель Живой');
    const topic = (await t.gql(CREATE_TOPIC, { input: { categoryId: s.categories.general, title: 'Живая тема', body: 'Начало' } }, { token: writer.token })).body.data.createCommunityTopic;
    const live = await subscribe(t, `subscription($id: ID!) { communityPostAdded(topicId: $id) { postNumber html author { displayName } } }`, { id: topic.id }, watcher.token);
    const topics = await subscribe(t, `subscription($id: ID!) { communityTopicAdded(categoryId: $id) { title } }`, { id: s.categories.general }, watcher.token);
    const everywhere = await subscribe(t, `subscription { communityTopicAdded { title category { slug } } }`, {}, watcher.token);
    await new Promise((r) => setTimeout(r, 50));
    await t.gql(REPLY, { input: { topicId: topic.id, body: 'Первый **живой** ответ' } }, { token: writer.token });
    await t.gql(CREATE_TOPIC, { input: { categoryId: s.categories.general, title: 'Ещё одна тема', body: 'Текст' } }, { token: writer.token });
    const [event] = await live.next(1);
    expect(event).toEqual({ data: { communityPostAdded: { postNumber: 2, html: '<p>Первый <strong>живой</strong> ответ</p>', author: { displayName: 'Писатель Ж.' } } } });
    expect((await topics.next(1))[0]).toEqual({ data: { communityTopicAdded: { title: 'Ещё одна тема' } } });
    expect((await everywhere.next(1))[0]).toEqual({ data: { communityTopicAdded: { title: 'Ещё одна тема', category: { slug: 'general' } } } });
    await everywhere.close();
    await live.close();
    await topics.close();
    // Subscribing needs the right to read the forum: a key without community:read is refused.
    const key = (await t.gql(`mutation { createApiKey(input: { name: "Storefront", scopes: [MEMBERS_READ] }) { ... on CreatedApiKey { secret } } }`, {}, { token: s.admin })).body.data.createApiKey.secret;
    const refused = await subscribe(t, `subscription($id: ID!) { communityPostAdded(topicId: $id) { postNumber } }`, { id: topic.id }, key);
    const [denied] = await refused.next(1);
    expect(denied.errors[0].extensions.code).toBe('FORBIDDEN');
    await refused.close();
  });

  it('keeps the statements of a topic page flat: 5 or 40 posts with authors, reactions and badges', async () => {
    const members = await Promise.all(Array.from({ length: 8 }, (_, i) => signUpMember(t, `Автор ${i}`)));
    const topic = (await t.gql(CREATE_TOPIC, { input: { categoryId: s.categories.general, title: 'Длинная тема для счёта запросов', body: 'Начало' } }, { token: members[0].token })).body.data.createCommunityTopic;
    for (let i = 0; i < 40; i++) await t.gql(REPLY, { input: { topicId: topic.id, body: `Ответ ${i}` } }, { token: members[(i % 7) + 1].token });
    const page = (first: number) =>
      t.gql(`query($id: ID!, $first: Int!) { node(id: $id) { ... on CommunityTopic { title viewerState { lastReadPostNumber } posts(first: $first) { edges { node { html reactions { count mine } bookmarked author { displayName username tierName isStaff badges { badge { name } } } } } } } } }`, { id: topic.id, first }, { token: members[1].token });
    const small = await page(5);
    const large = await page(40);
    expect(large.body.data.node.posts.edges).toHaveLength(40);
    expect(large.statements).toBe(small.statements);
    const list = (first: number) => t.gql(`query($first: Int!) { communityTopics(first: $first) { edges { node { title excerpt replyCount author { displayName tierName badges { badge { name } } } category { name } viewerState { lastReadPostNumber } } } } }`, { first }, { token: members[1].token });
    const fewTopics = await list(1);
    const manyTopics = await list(5);
    expect(manyTopics.body.data.communityTopics.edges).toHaveLength(5);
    expect(manyTopics.statements).toBe(fewTopics.statements);
  });

  it('anonymising a member removes what they wrote and keeps the threads', async () => {
    const leaver = await signUpMember(t, 'Уходящий Участник');
    const stayer = await signUpMember(t, 'Остающийся Участник');
    const topic = (await t.gql(CREATE_TOPIC, { input: { categoryId: s.categories.general, title: 'Меня зовут Уходящий', body: 'Мой телефон +79990001122' } }, { token: leaver.token })).body.data.createCommunityTopic;
    await t.gql(REPLY, { input: { topicId: topic.id, body: 'Привет!' } }, { token: stayer.token });
    const exported = await t.gql(`query($id: ID!) { memberData(id: $id) }`, { id: leaver.id }, { token: s.admin });
    expect(JSON.stringify(exported.body.data.memberData.communityPosts)).toContain('+79990001122');
    const anonymised = await t.gql(`mutation($id: ID!) { anonymizeMember(id: $id) { __typename } }`, { id: leaver.id }, { token: s.admin });
    expect(anonymised.body.data.anonymizeMember.__typename).not.toMatch(/Error/);
    const rows = await t.app.dataSource.query('SELECT raw, cooked FROM community_posts WHERE authorMemberId = ?', [leaver.dbId]);
    expect(rows).toEqual([{ raw: '', cooked: '' }]);
    const thread = await t.gql(`query($id: ID!) { node(id: $id) { ... on CommunityTopic { title posts(first: 5) { edges { node { deleted html author { displayName username } } } } } } }`, { id: topic.id }, { token: stayer.token });
    expect(JSON.stringify(thread.body)).not.toMatch(/Уходящий|79990001122/);
    expect(thread.body.data.node.posts.edges.map((e: { node: { deleted: boolean } }) => e.node.deleted)).toEqual([true, false]);
  });
});
