import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withQueryStats } from '../src/db/query-stats';
import { csvCell, memberExportCsv } from '../src/export/member-export';
import { Member } from '../src/members/member.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

describe('CSV cells', () => {
  it('quote separators and quotes, and defuse spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Ivanov, Ivan')).toBe('"Ivanov, Ivan"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+7916')).toBe("'+7916");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('1');
    expect(csvCell(null)).toBe('');
    expect(csvCell(new Date('2026-11-22T10:00:00Z'))).toBe('2026-11-22T10:00:00.000Z');
  });
});

describe(`member export on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let url: string;
  const TOTAL = 100_000;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    const crafted = await newMember(t, pos);
    await t.app.dataSource.manager.update(Member, crafted.dbId, { name: '=HYPERLINK("http://evil","click")' });
    await t.gql(RECORD_PURCHASE, { input: { externalId: 'EXP-1', memberExternalId: crafted.externalId, totalMinor: 1234_56, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    // The rest inserted in bulk: a brand with a hundred thousand members.
    const now = new Date();
    // 200 rows a statement: SQLite limits the size of one expression tree.
    for (let i = 1; i < TOTAL; i += 200) {
      const rows = Array.from({ length: Math.min(200, TOTAL - i) }, (_, k) => ({ externalId: `BULK-${i + k}`, email: `bulk${i + k}@example.com`, name: `Member ${i + k}`, locale: 'ru', status: 'active', createdAt: now, updatedAt: now }));
      await t.app.dataSource.manager.insert(Member, rows as never);
    }
    await t.gql(`mutation { createSegment(input: { code: "vip", name: "VIP", kind: STATIC }) { __typename } }`, {}, { token: admin });
    const [segment] = await t.app.dataSource.query(`SELECT id FROM segments WHERE code = 'vip'`);
    await t.app.services.segments.addMembers(t.app.dataSource.manager, Number(segment.id), [crafted.dbId], 'upload');
    url = await t.app.listen();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('pulls one page at a time: the first rows come after one query', async () => {
    const program = await t.app.services.programs.resolve(t.app.dataSource.manager);
    const stats = { statements: 0 };
    await withQueryStats(stats, async () => {
      const rows = memberExportCsv(t.app.dataSource.manager, { program, pageSize: 500 });
      const header = await rows.next();
      expect(header.value).toContain('id,externalId,email');
      const first = await rows.next();
      expect(first.value.split('\r\n').filter(Boolean)).toHaveLength(500);
      expect(stats.statements).toBe(1);
      await rows.next();
      expect(stats.statements).toBe(2);
      await rows.return(undefined);
    });
  });

  it(`streams ${TOTAL.toLocaleString('en')} members over HTTP in bounded memory`, async () => {
    let peak = 0;
    const base = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - base)), 5);
    const res = await fetch(`${url}/export/members.csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('x-total-count')).toBe(String(TOTAL));
    // Count lines as the bytes arrive, keeping only the first rows.
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let head = '';
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      const text = decoder.decode(value, { stream: true });
      if (head.length < 2000) head += text;
      lines += text.split('\n').length - 1;
    }
    clearInterval(sampler);
    expect(lines).toBe(TOTAL + 1);
    const [header, first] = head.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('id,externalId,email,phone,name,birthday,locale,status,joinedAt,consentEmail,consentSms,referralCode,tier,pointsAvailable,pointsPending,lifetimeSpend,purchaseCount,lastPurchaseAt');
    expect(first).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(first).toContain(',1234,0,1234.56,1,');
    // The file is many megabytes; the server held about a page of it at a time.
    expect(bytes).toBeGreaterThan(8_000_000);
    expect(peak).toBeLessThan(96 * 1024 * 1024);
  }, 120_000);

  it('exports a segment, and refuses callers who may not export', async () => {
    const vip = await fetch(`${url}/export/members.csv?segment=vip`, { headers: { authorization: `Bearer ${admin}` } });
    expect(vip.headers.get('x-total-count')).toBe('1');
    expect((await vip.text()).trim().split('\r\n')).toHaveLength(2);
    expect((await fetch(`${url}/export/members.csv?segment=nope`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);
    expect((await fetch(`${url}/export/members.csv?segment=DROP%20TABLE`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(400);
    expect((await fetch(`${url}/export/members.csv`)).status).toBe(401);
    expect((await fetch(`${url}/export/members.csv`, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    // The POS key has members:read; a support agent does not export.
    expect((await fetch(`${url}/export/members.csv?segment=vip`, { headers: { authorization: `Bearer ${pos}` } })).status).toBe(200);
    await t.gql(`mutation { createStaffUser(input: { email: "support@test.local", name: "Support", role: SUPPORT, password: "support-password-1" }) { __typename } }`, {}, { token: admin });
    const support = await t.signInStaff('support@test.local', 'support-password-1');
    expect((await fetch(`${url}/export/members.csv`, { headers: { authorization: `Bearer ${support}` } })).status).toBe(403);
  });
});
