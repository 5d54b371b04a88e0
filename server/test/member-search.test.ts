import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Member } from '../src/members/member.entity';
import { createTestApp, dialect, type TestApp } from './harness';

const SEARCH = `query($search: String, $first: Int, $after: String, $last: Int, $before: String) {
  members(search: $search, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { externalId name } } pageInfo { hasNextPage endCursor } }
}`;

/**
 * Members search on ${dialect}: on MySQL/MariaDB the page's ids come from indexes (prefix
 * ranges, a window of ids, then the FULLTEXT index of names beyond it); the answers must be
 * the same as a scan's, wherever in the table the members are.
 */
describe(`members search on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  const search = async (variables: Record<string, unknown>) => {
    const res = await t.gql(SEARCH, variables, { token: admin });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.members as { edges: { cursor: string; node: { externalId: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  };
  const ids = (page: Awaited<ReturnType<typeof search>>) => page.edges.map((e) => e.node.externalId);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signInStaff();
    const em = t.app.dataSource.manager;
    const now = new Date();
    const rows: { externalId: string; name: string; email: string; createdAt: Date; updatedAt: Date }[] = [];
    for (let i = 1; i <= 30; i++) rows.push({ externalId: `IV-${String(i).padStart(2, '0')}`, name: i % 2 ? `Иван Петров ${i}` : `Анна Иванова ${i}`, email: `iv${i}@example.test`, createdAt: now, updatedAt: now });
    await em.insert(Member, rows);
    // Far beyond the scan window of the first page: only an index finds them quickly.
    await em.insert(Member, [
      { id: 90_001, externalId: 'FAR-1', name: 'Зоя Кукушкина', email: 'zoya.far@example.test', phone: '+79995550001', createdAt: now, updatedAt: now },
      { id: 90_002, externalId: 'FAR-2', name: 'Ян Ли', email: 'yan@example.test', createdAt: now, updatedAt: now },
    ]);
  });
  afterAll(() => t.close());

  it('finds by the start of words of the name, near and far', async () => {
    expect(ids(await search({ search: 'кукушк', first: 10 }))).toEqual(['FAR-1']);
    expect(ids(await search({ search: 'Зоя Кук', first: 10 }))).toEqual(['FAR-1']);
    // Words shorter than the FULLTEXT index holds are still found (by a scan).
    expect(ids(await search({ search: 'ли', first: 10 }))).toEqual(['FAR-2']);
    expect(ids(await search({ search: 'ян ли', first: 10 }))).toEqual(['FAR-2']);
    expect(ids(await search({ search: 'ли ян', first: 10 }))).toEqual(['FAR-2']);
    expect(ids(await search({ search: 'зоя ку', first: 10 }))).toEqual(['FAR-1']);
    // Starts of words, not any part: "ванов" is inside "Иванова", not at a start.
    expect(ids(await search({ search: 'ванов', first: 10 }))).toEqual([]);
    expect((await search({ search: 'иван петров', first: 50 })).edges).toHaveLength(15);
  });

  it('finds by the start of an email, phone or external id, however far', async () => {
    expect(ids(await search({ search: 'zoya.f', first: 10 }))).toEqual(['FAR-1']);
    expect(ids(await search({ search: '+7999555', first: 10 }))).toEqual(['FAR-1']);
    expect(ids(await search({ search: 'FAR-', first: 10 }))).toEqual(['FAR-1', 'FAR-2']);
  });

  it('pages through many matches in order, forwards and backwards, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await search({ search: 'иванова', first: 4, after });
      seen.push(...ids(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const even = Array.from({ length: 15 }, (_, i) => `IV-${String((i + 1) * 2).padStart(2, '0')}`);
    expect(seen).toEqual(even);
    const last = await search({ search: 'иванова', last: 3 });
    expect(ids(last)).toEqual(even.slice(-3));
    const before = await search({ search: 'иванова', last: 3, before: last.edges[0].cursor });
    expect(ids(before)).toEqual(even.slice(-6, -3));
  });

  it('takes LIKE wildcards and FULLTEXT operators as plain text', async () => {
    for (const hostile of ['%', '_', '+*', '"', '-иван', '(иван)', '~<>@', 'иван*', "' OR 1=1 --", 'a'.repeat(300)]) {
      const page = await search({ search: hostile, first: 5 });
      expect(page.edges.every((e) => !hostile.includes('%') || e.node.name.includes('%')), hostile).toBe(true);
      if (['%', '_', '+*', '"', '~<>@', "' OR 1=1 --"].includes(hostile)) expect(ids(page), hostile).toEqual([]);
    }
  });
});
