import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommunityPost } from '../src/community/post.entity';
import { CommunityTopic } from '../src/community/topic.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { communitySetup, CREATE_TOPIC, EDIT, FLAG, makeTrusted, REACT, REPLY, setTier, signUpMember, TOPIC } from './community-harness';

/** Elements, attributes and URLs in rendered HTML that could run or load something: none may be there. */
function unsafeParts(html: string): string[] {
  const found: string[] = [];
  const allowed = new Set(['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'hr', 'span']);
  const parser = new Parser({
    onopentag(name, attributes) {
      if (!allowed.has(name)) found.push(`<${name}>`);
      for (const [key, value] of Object.entries(attributes)) {
        if (/^on/i.test(key) || key === 'style') found.push(`${name}[${key}]`);
        if ((key === 'href' || key === 'src') && !/^(https:|http:|mailto:|\/(?!\/))/i.test(value)) found.push(`${name}[${key}=${value}]`);
        if (name === 'img' && key === 'src' && !/^https:/i.test(value)) found.push(`img[src=${value}]`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

describe(`community forum on ${dialect}`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof communitySetup>>;
  let anna: Awaited<ReturnType<typeof signUpMember>>;
  let boris: Awaited<ReturnType<typeof signUpMember>>;

  const topic = (token: string, input: Record<string, unknown>) => t.gql(CREATE_TOPIC, { input }, { token }).then((r) => r.body.data?.createCommunityTopic ?? r.body);
  const reply = (token: string, input: Record<string, unknown>) => t.gql(REPLY, { input }, { token }).then((r) => r.body.data?.replyToCommunityTopic ?? r.body);
  const postCount = async () => Number((await t.app.dataSource.query('SELECT COUNT(*) AS n FROM community_posts'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    s = await communitySetup(t);
    anna = await signUpMember(t, 'Анна Иванова');
    boris = await signUpMember(t, 'Борис Петров');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a member start a topic and another reply, mention and react; the author is shown without contacts', async () => {
    const created = await topic(anna.token, { categoryId: s.categories.general, title: 'Как копить баллы быстрее?', body: 'Делюсь опытом: **двойные баллы** по пятницам.' });
    expect(created.__typename).toBe('CommunityTopic');
    expect(created.author).toMatchObject({ displayName: 'Анна И.', isStaff: false });
    const first = created.posts.edges[0].node;
    expect(first.html).toBe('<p>Делюсь опытом: <strong>двойные баллы</strong> по пятницам.</p>');
    const username = created.author.username as string;

    const answer = await reply(boris.token, { topicId: created.id, body: `@${username} спасибо, попробую!`, replyToPostNumber: 1 });
    expect(answer.__typename).toBe('CommunityPost');
    expect(answer.postNumber).toBe(2);
    expect(answer.html).toContain(`class="mention"`);

    const notes = await t.gql(`{ communityNotifications { type actorName topic { title } } communityUnreadNotifications }`, {}, { token: anna.token });
    expect(notes.body.data.communityNotifications[0]).toMatchObject({ type: 'mention', actorName: 'Борис П.' });
    expect(notes.body.data.communityUnreadNotifications).toBe(1);

    const liked = await t.gql(REACT, { postId: first.id, reaction: 'LIKE' }, { token: boris.token });
    expect(liked.body.data.reactToCommunityPost).toMatchObject({ reactionCount: 1, reactions: [{ reaction: 'LIKE', count: 1, mine: true }] });
    // Reacting twice, or to one's own post: typed errors, nothing counted twice.
    expect((await t.gql(REACT, { postId: first.id, reaction: 'LIKE' }, { token: boris.token })).body.data.reactToCommunityPost.__typename).toBe('ConflictError');
    expect((await t.gql(REACT, { postId: first.id, reaction: 'HEART' }, { token: anna.token })).body.data.reactToCommunityPost).toMatchObject({ __typename: 'NotAllowedError', reason: 'ownPost' });
    const twice = await Promise.all([1, 2, 3].map(() => t.gql(REACT, { postId: first.id, reaction: 'THANKS' }, { token: boris.token })));
    expect(twice.filter((r) => r.body.data.reactToCommunityPost.__typename === 'CommunityPost')).toHaveLength(1);

    const read = await t.gql(TOPIC, { id: created.id }, { token: boris.token });
    expect(read.body.data.node).toMatchObject({ replyCount: 1, reactionCount: 2 });
    expect(read.body.data.node.posts.edges[0].node.reactions).toEqual([
      { reaction: 'LIKE', count: 1, mine: true },
      { reaction: 'THANKS', count: 1, mine: true },
    ]);
    // Members see no one's contact anywhere in the thread.
    expect(JSON.stringify(read.body)).not.toContain(anna.email);
  });

  it('renders hostile markdown into nothing that runs', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![x](javascript:alert(1))',
      '![x](http://evil.example/pixel.png)',
      '<a href="#" onclick="alert(1)">x</a>',
      '<svg/onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '"><script>alert(1)</script>',
      '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
      '<div style="background:url(javascript:alert(1))">x</div>',
    ];
    const created = await topic(anna.token, { categoryId: s.categories.general, title: 'Проверка разметки', body: payloads.join('\n\n') });
    expect(created.__typename).toBe('CommunityTopic');
    const html: string = created.posts.edges[0].node.html;
    expect(unsafeParts(html)).toEqual([]);
    // The text is kept, escaped, so the reader sees what was typed.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const link = await topic(anna.token, { categoryId: s.categories.general, title: 'Ссылка на магазин', body: 'См. https://shop.example/sale и ![фото](https://cdn.example/a.png)' });
    const linkHtml: string = link.posts.edges[0].node.html;
    expect(linkHtml).toContain('rel="nofollow ugc noopener"');
    expect(linkHtml).toContain('<img src="https://cdn.example/a.png" alt="фото"');
  });

  it('refuses huge, empty and malformed posts with field errors, storing nothing', async () => {
    const before = await postCount();
    const huge = await topic(anna.token, { categoryId: s.categories.general, title: 'Огромный пост', body: 'x'.repeat(1_000_000) });
    expect(huge.__typename).toBe('ValidationError');
    expect(huge.fieldErrors[0].path).toEqual(['input', 'body']);
    expect((await topic(anna.token, { categoryId: s.categories.general, title: 'ok', body: 'Короткий заголовок' })).fieldErrors[0].path).toEqual(['input', 'title']);
    expect((await topic(anna.token, { categoryId: s.categories.general, title: 'Пустое тело', body: '   ' })).__typename).toBe('ValidationError');
    const wrongType = await t.gql(CREATE_TOPIC, { input: { categoryId: s.categories.general, title: 42, body: ['x'] } }, { token: anna.token });
    expect(wrongType.body.errors?.[0]).toBeTruthy();
    const foreignId = await topic(anna.token, { categoryId: anna.id, title: 'Чужой id', body: 'Тело поста' });
    expect(foreignId.errors?.[0]?.extensions?.code ?? foreignId.__typename).toBeTruthy();
    expect(await postCount()).toBe(before);
  });

  it('keeps Basic members out of the Gold lounge and members out of staff news; staff post with a badge', async () => {
    const basic = await topic(anna.token, { categoryId: s.categories.lounge, title: 'Привет, золото!', body: 'Можно к вам?' });
    expect(basic).toMatchObject({ __typename: 'NotAllowedError', reason: 'tierRequired' });
    expect(basic.message).toContain('Gold');
    await setTier(t, s.program.id, anna.dbId, s.tiers.gold.id);
    const gold = await topic(anna.token, { categoryId: s.categories.lounge, title: 'Привет, золото!', body: 'Теперь можно.' });
    expect(gold.__typename).toBe('CommunityTopic');
    expect(gold.author.tierName).toBe('Gold');
    expect((await topic(boris.token, { categoryId: s.categories.news, title: 'Моя новость', body: 'Тут только персонал' })).reason).toBe('staffOnly');
    const news = await topic(s.moderator, { categoryId: s.categories.news, title: 'Новые правила сообщества', body: 'Будьте вежливы.' });
    expect(news.author).toMatchObject({ isStaff: true, displayName: 'Мария Модератор' });
    const categories = await t.gql(`{ communityCategories { slug viewerCanPost } }`, {}, { token: boris.token });
    expect(Object.fromEntries(categories.body.data.communityCategories.map((c: { slug: string; viewerCanPost: boolean }) => [c.slug, c.viewerCanPost]))).toEqual({ general: true, advice: true, 'gold-lounge': false, news: false });
  });

  it('refuses replies in a locked or closed topic and edits of someone else’s post; keeps revisions', async () => {
    const created = await topic(anna.token, { categoryId: s.categories.general, title: 'Тема для модерации', body: 'Первый текст' });
    const firstPost = created.posts.edges[0].node;
    expect((await t.gql(EDIT, { id: firstPost.id, body: 'Взлом' }, { token: boris.token })).body.data.editCommunityPost).toMatchObject({ __typename: 'NotAllowedError', reason: 'notAuthor' });
    const edited = (await t.gql(EDIT, { id: firstPost.id, body: 'Исправленный текст', title: 'Тема для модерации (правка)' }, { token: anna.token })).body.data.editCommunityPost;
    expect(edited).toMatchObject({ version: 2, html: '<p>Исправленный текст</p>' });
    const revisions = await t.app.dataSource.query('SELECT raw, version FROM community_post_revisions WHERE postId = ?', [Number(Buffer.from(firstPost.id, 'base64').toString().split(':')[1])]);
    expect(revisions).toEqual([{ raw: 'Первый текст', version: 1 }]);

    const status = `mutation($id: ID!, $input: CommunityTopicStatusInput!) { setCommunityTopicStatus(id: $id, input: $input) { __typename ... on CommunityTopic { locked closed pinned } } }`;
    expect((await t.gql(status, { id: created.id, input: { locked: true } }, { token: boris.token })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(status, { id: created.id, input: { locked: true, pinned: true } }, { token: s.moderator })).body.data.setCommunityTopicStatus).toMatchObject({ locked: true, pinned: true, closed: false });
    const before = await postCount();
    expect(await reply(boris.token, { topicId: created.id, body: 'Можно ответить?' })).toMatchObject({ __typename: 'NotAllowedError', reason: 'topicLocked' });
    expect((await t.gql(EDIT, { id: firstPost.id, body: 'Правка в закрытой теме' }, { token: anna.token })).body.data.editCommunityPost.reason).toBe('topicLocked');
    await t.gql(status, { id: created.id, input: { locked: false, closed: true } }, { token: s.moderator });
    expect((await reply(boris.token, { topicId: created.id, body: 'А теперь?' })).reason).toBe('topicClosed');
    expect(await postCount()).toBe(before);
    // Staff may still answer in a closed topic.
    expect((await reply(s.moderator, { topicId: created.id, body: 'Тема закрыта, спасибо всем.' })).__typename).toBe('CommunityPost');
  });

  it('limits a new member’s posts per hour, also when the requests race', async () => {
    const newbie = await signUpMember(t, 'Новичок');
    const created = await topic(newbie.token, { categoryId: s.categories.general, title: 'Флуд в теме', body: 'Пост 1' });
    expect(created.__typename).toBe('CommunityTopic');
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => reply(newbie.token, { topicId: created.id, body: `Пост ${i + 2}` })));
    const accepted = burst.filter((r) => r.__typename === 'CommunityPost').length;
    expect(accepted).toBe(9);
    expect(burst.filter((r) => r.__typename === 'RateLimitedError').length).toBe(21);
    expect(burst.find((r) => r.__typename === 'RateLimitedError').retryAfterSeconds).toBeGreaterThan(3000);
    const mine = Number((await t.app.dataSource.query('SELECT COUNT(*) AS n FROM community_posts WHERE authorMemberId = ?', [newbie.dbId]))[0].n);
    expect(mine).toBe(10);
    // Links are limited for new members too.
    const links = await topic(boris.token, { categoryId: s.categories.general, title: 'Много ссылок', body: 'https://a.example https://b.example https://c.example' });
    expect(links).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ code: 'too_many_links' }] });
  });

  it('hides a post flagged by trusted members until review; the moderator restores or agrees', async () => {
    const spam = await topic(boris.token, { categoryId: s.categories.general, title: 'Купите часы', body: 'Лучшие часы недорого' });
    const postId = spam.posts.edges[0].node.id;
    const flaggers = await Promise.all(['Вера', 'Глеб', 'Дина', 'Егор'].map((n) => signUpMember(t, n)));
    // A new member's flag goes to the queue but does not hide.
    expect((await t.gql(FLAG, { postId, reason: 'SPAM' }, { token: flaggers[3].token })).body.data.flagCommunityPost).toMatchObject({ hidden: false });
    expect((await t.gql(FLAG, { postId, reason: 'OTHER' }, { token: flaggers[0].token })).body.data.flagCommunityPost.__typename).toBe('ValidationError');
    for (const f of flaggers.slice(0, 3)) await makeTrusted(t, f.dbId);
    expect((await t.gql(FLAG, { postId, reason: 'SPAM' }, { token: flaggers[0].token })).body.data.flagCommunityPost.hidden).toBe(false);
    expect((await t.gql(FLAG, { postId, reason: 'SPAM' }, { token: flaggers[0].token })).body.data.flagCommunityPost.__typename).toBe('ConflictError');
    expect((await t.gql(FLAG, { postId, reason: 'INAPPROPRIATE' }, { token: flaggers[1].token })).body.data.flagCommunityPost.hidden).toBe(false);
    expect((await t.gql(FLAG, { postId, reason: 'SPAM' }, { token: flaggers[2].token })).body.data.flagCommunityPost).toMatchObject({ hidden: true });

    // Hidden: others see a placeholder, the author sees their text and why, the topic leaves the lists.
    const asOther = await t.gql(TOPIC, { id: spam.id }, { token: anna.token });
    expect(asOther.body.data.node).toBeNull();
    const asAuthor = await t.gql(TOPIC, { id: spam.id }, { token: boris.token });
    expect(asAuthor.body.data.node.posts.edges[0].node).toMatchObject({ hidden: true, hiddenReason: 'flags', html: '<p>Лучшие часы недорого</p>' });
    const list = await t.gql(`{ communityTopics(first: 50) { edges { node { title } } } }`, {}, { token: anna.token });
    expect(list.body.data.communityTopics.edges.map((e: { node: { title: string } }) => e.node.title)).not.toContain('Купите часы');

    const queue = await t.gql(`{ communityReviewQueue { post { id hidden html } flags { reason weight flaggedBy { displayName } } } communityReviewCount }`, {}, { token: s.moderator });
    expect(queue.body.data.communityReviewCount).toBe(1);
    expect(queue.body.data.communityReviewQueue[0].flags.map((f: { weight: number }) => f.weight)).toEqual([0, 1, 1, 1]);
    expect((await t.gql(`{ communityReviewQueue { post { id } } }`, {}, { token: anna.token })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const resolve = `mutation($postId: ID!, $decision: CommunityFlagDecision!) { resolveCommunityFlags(postId: $postId, decision: $decision) { __typename ... on CommunityPost { hidden } } }`;
    expect((await t.gql(resolve, { postId, decision: 'DISAGREE' }, { token: s.moderator })).body.data.resolveCommunityFlags.hidden).toBe(false);
    expect((await t.gql(TOPIC, { id: spam.id }, { token: anna.token })).body.data.node.title).toBe('Купите часы');
    // A moderator hides it directly; the flags are settled, the queue is empty.
    expect((await t.gql(`mutation($id: ID!) { hideCommunityPost(id: $id) { ... on CommunityPost { hidden hiddenReason } } }`, { id: postId }, { token: s.moderator })).body.data.hideCommunityPost).toEqual({ hidden: true, hiddenReason: 'moderator' });
    expect((await t.gql(`{ communityReviewCount }`, {}, { token: s.moderator })).body.data.communityReviewCount).toBe(0);
    const audit = await t.gql(`{ auditLog(first: 20) { edges { node { action target } } } }`, {}, { token: s.admin });
    expect(audit.body.data.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(expect.arrayContaining(['hideCommunityPost', 'resolveCommunityFlags']));
  });

  it('silences and suspends a member for a period, with the reason', async () => {
    const carl = await signUpMember(t, 'Карл');
    const created = await topic(anna.token, { categoryId: s.categories.general, title: 'Тема для Карла', body: 'Пишите сюда' });
    const penalize = `mutation($memberId: ID!, $kind: CommunityPenaltyKind!, $days: Int!, $reason: String!) { penalizeCommunityMember(memberId: $memberId, kind: $kind, days: $days, reason: $reason) { __typename ... on CommunityPenalty { id kind endsAt } ... on ValidationError { fieldErrors { path } } } }`;
    expect((await t.gql(penalize, { memberId: carl.id, kind: 'SILENCE', days: 0, reason: 'спам' }, { token: s.moderator })).body.data.penalizeCommunityMember.__typename).toBe('ValidationError');
    const silence = (await t.gql(penalize, { memberId: carl.id, kind: 'SILENCE', days: 3, reason: 'Реклама в каждой теме' }, { token: s.moderator })).body.data.penalizeCommunityMember;
    expect(silence.kind).toBe('SILENCE');
    const refused = await reply(carl.token, { topicId: created.id, body: 'Я снова тут' });
    expect(refused).toMatchObject({ __typename: 'NotAllowedError', reason: 'silenced' });
    expect(refused.message).toContain('Реклама в каждой теме');
    const firstPostId = (await t.gql(TOPIC, { id: created.id }, { token: carl.token })).body.data.node.posts.edges[0].node.id;
    expect((await t.gql(REACT, { postId: firstPostId, reaction: 'LIKE' }, { token: carl.token })).body.data.reactToCommunityPost.__typename).toBe('CommunityPost');
    await t.gql(penalize, { memberId: carl.id, kind: 'SUSPEND', days: 1, reason: 'Оскорбления' }, { token: s.moderator });
    expect((await t.gql(REACT, { postId: firstPostId, reaction: 'WOW' }, { token: carl.token })).body.data.reactToCommunityPost.reason).toBe('suspended');
    const audit = await t.gql(`{ auditLog(first: 50) { edges { node { action target note role } } } }`, {}, { token: s.admin });
    const penalties = audit.body.data.auditLog.edges.map((e: { node: { action: string } }) => e.node).filter((n: { action: string }) => n.action === 'penalizeCommunityMember');
    expect(penalties).toContainEqual({ action: 'penalizeCommunityMember', target: carl.id, note: 'silence 3 d: Реклама в каждой теме', role: 'moderator' });
    const history = await t.gql(`query($id: ID!) { communityModerationHistory(memberId: $id) { penalties { kind reason } } }`, { id: carl.id }, { token: s.moderator });
    expect(history.body.data.communityModerationHistory.penalties.map((p: { kind: string }) => p.kind)).toEqual(['SUSPEND', 'SILENCE']);
    for (const p of [silence.id]) await t.gql(`mutation($id: ID!) { liftCommunityPenalty(id: $id) { __typename } }`, { id: p }, { token: s.moderator });
    expect((await reply(carl.token, { topicId: created.id, body: 'Всё ещё нельзя?' })).reason).toBe('suspended');
  });

  it('moves and merges topics, keeping numbering and counters', async () => {
    const a = await topic(anna.token, { categoryId: s.categories.general, title: 'Где потратить баллы', body: 'Вопрос А' });
    await reply(boris.token, { topicId: a.id, body: 'Ответ А1' });
    const b = await topic(boris.token, { categoryId: s.categories.general, title: 'Как потратить баллы', body: 'Вопрос Б' });
    await reply(anna.token, { topicId: b.id, body: 'Ответ Б1', replyToPostNumber: 1 });
    const move = await t.gql(`mutation($id: ID!, $c: ID!) { moveCommunityTopic(id: $id, categoryId: $c) { ... on CommunityTopic { category { slug } } } }`, { id: a.id, c: s.categories.advice }, { token: s.moderator });
    expect(move.body.data.moveCommunityTopic.category.slug).toBe('advice');
    const merged = await t.gql(`mutation($id: ID!, $target: ID!) { mergeCommunityTopics(id: $id, targetId: $target) { ... on CommunityTopic { id replyCount posts(first: 10) { edges { node { postNumber html } } } } } }`, { id: b.id, target: a.id }, { token: s.moderator });
    const target = merged.body.data.mergeCommunityTopics;
    expect(target.replyCount).toBe(3);
    expect(target.posts.edges.map((e: { node: { postNumber: number } }) => e.node.postNumber)).toEqual([1, 2, 3, 4]);
    const moved = await t.app.dataSource.manager.findOneOrFail(CommunityPost, { where: { topicId: Number(Buffer.from(a.id, 'base64').toString().split(':')[1]), postNumber: 4 } });
    expect(moved.replyToPostNumber).toBe(3);
    const source = await t.app.dataSource.manager.findOneOrFail(CommunityTopic, { where: { id: Number(Buffer.from(b.id, 'base64').toString().split(':')[1]) } });
    expect(source).toMatchObject({ archived: true, closed: true, hidden: true });
    // Archived topics leave the lists; moderators may ask for them, members may not.
    const titles = async (token: string) => (await t.gql(`{ communityTopics(first: 100, includeArchived: true) { edges { node { id } } } }`, {}, { token })).body.data.communityTopics.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await titles(s.moderator)).toContain(b.id);
    expect(await titles(anna.token)).not.toContain(b.id);
  });

  it('finds topics and posts by words, never hidden ones', async () => {
    await topic(anna.token, { categoryId: s.categories.advice, title: 'Кофемашина для дома', body: 'Посоветуйте капсульную кофемашину до двадцати тысяч.' });
    await topic(boris.token, { categoryId: s.categories.general, title: 'Рецепт латте', body: 'Молоко, эспрессо и немного корицы.' });
    const search = (query: string) => t.gql(`query($q: String!) { communitySearch(query: $q) { topic { title } post { postNumber } } }`, { q: query }, { token: anna.token }).then((r) => r.body.data.communitySearch.map((h: { topic: { title: string } }) => h.topic.title));
    expect(await search('кофемашину')).toEqual(['Кофемашина для дома']);
    expect(await search('эспрессо корицы')).toEqual(['Рецепт латте']);
    expect(await search('латте')).toContain('Рецепт латте');
    expect(await search('часы')).toEqual([]); // the only match is hidden
    expect(await search('") OR 1=1 --')).toEqual([]);
    expect(await search('')).toEqual([]);
  });
});
