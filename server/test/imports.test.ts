import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows, CsvSyntaxError } from '../src/imports/csv';
import { ImportJob } from '../src/imports/import-job.entity';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { Member } from '../src/members/member.entity';
import { Purchase } from '../src/purchases/purchase.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, loyaltySetup } from './loyalty-harness';

async function rowsOf(chunks: string[]) {
  const out: string[][] = [];
  async function* stream() {
    yield* chunks;
  }
  for await (const row of csvRows(stream())) out.push(row.fields);
  return out;
}

describe('CSV reader', () => {
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF, a BOM and semicolons, across any chunking', async () => {
    const text = '\ufeffa;b;c\r\n"x;1";"say ""hi""";"two\nlines"\r\n\r\nplain;;end\n';
    const expected = [['a', 'b', 'c'], ['x;1', 'say "hi"', 'two\nlines'], ['plain', '', 'end']];
    expect(await rowsOf([text])).toEqual(expected);
    // Every split point, including inside a doubled quote and between \r and \n.
    for (let i = 1; i < text.length; i++) expect(await rowsOf([text.slice(0, i), text.slice(i)])).toEqual(expected);
  });

  it('refuses broken files with the line', async () => {
    await expect(rowsOf(['a,b\n"open,2\n'])).rejects.toThrow(CsvSyntaxError);
    await expect(rowsOf(['a,b\nx"y,2\n'])).rejects.toThrow(/line 2/);
    await expect(rowsOf([`a\n${'x'.repeat(10_001)}\n`])).rejects.toThrow(/longer than/);
    await expect(rowsOf([`${Array.from({ length: 70 }, (_, i) => `c${i}`).join(',')}\n`])).rejects.toThrow(/columns/);
  });
});

describe(`CSV imports over HTTP on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'error' });
    ({ admin, pos } = await loyaltySetup(t));
    await t.app.services.programs.saveTier(t.app.dataSource.manager, (await t.app.services.programs.resolve(t.app.dataSource.manager)).id, { code: 'gold', name: 'Gold', rank: 1, threshold: 5000_00, window: 'lifetime' });
    url = await t.app.listen();
  });
  afterAll(() => t.close());

  async function upload(kind: 'members' | 'purchases', csv: string | Buffer, options: { token?: string; resume?: number; contentType?: string } = {}) {
    const res = await fetch(`${url}/import/${kind}.csv${options.resume ? `?resume=${options.resume}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token ?? admin}`, 'content-type': options.contentType ?? 'text/csv' },
      body: typeof csv === 'string' ? csv : new Uint8Array(csv),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  it('imports members with opening balances, reports bad rows by line, and skips them on a re-run', async () => {
    const csv = [
      'External ID;Email;Phone;Name;Birthday;Consent Email;Points',
      'IMP-1;imp1@example.com;+79160000001;Анна Импортова;1990-02-03;да;250',
      'IMP-2;not-an-email;;Bad Email;;;',
      'IMP-3;imp3@example.com;;"Иван ""Ваня"" Петров";;нет;',
      ';nobody@example.com;;No id;;;',
      'IMP-4;imp4@example.com;;Bad points;;;-5',
    ].join('\r\n');
    const first = await upload('members', csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'done', rowsRead: 5, rowsImported: 2, rowsSkipped: 0, rowsFailed: 3 });
    const em = t.app.dataSource.manager;
    const anna = await em.findOneByOrFail(Member, { externalId: 'IMP-1' });
    expect(anna).toMatchObject({ name: 'Анна Импортова', birthday: '1990-02-03', consentEmail: true });
    expect((await em.findOneByOrFail(Member, { externalId: 'IMP-3' })).name).toBe('Иван "Ваня" Петров');
    expect((await em.findOneByOrFail(LoyaltyAccount, { memberId: anna.id })).available).toBe(250);
    await expectLedgerInvariants(t, anna.id);
    const report = await fetch(`${url}${first.body.errorsUrl}`, { headers: { authorization: `Bearer ${admin}` } });
    const lines = (await report.text()).replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe('line,column,message');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['3', '5', '6']);
    expect(lines[1]).toContain('email');
    // The same file again: nothing new, no second opening balance.
    const again = await upload('members', csv);
    expect(again.body).toMatchObject({ rowsImported: 0, rowsSkipped: 2, rowsFailed: 3 });
    expect((await em.findOneByOrFail(LoyaltyAccount, { memberId: anna.id })).available).toBe(250);
    // A different profile under a known id, or one id twice in a file, is refused by line.
    const clash = await upload('members', 'externalId,name\nIMP-1,Другое имя\nIMP-9,Новый\nIMP-9,Новый');
    expect(clash.body).toMatchObject({ rowsImported: 1, rowsFailed: 2 });
    const errors = await t.gql(`query($id: Int!) { importJob(id: $id) { errors { line message } } }`, { id: clash.body.id }, { token: admin });
    expect(errors.body.data.importJob.errors.map((e: { line: number; message: string }) => [e.line, /different profile|twice/.test(e.message)])).toEqual([
      [2, true],
      [4, true],
    ]);
    expect((await em.findOneByOrFail(Member, { externalId: 'IMP-1' })).name).toBe('Анна Импортова');
  });

  it('imports receipt history into spend, visits and tiers, without points, idempotently', async () => {
    const em = t.app.dataSource.manager;
    const rows = ['externalId,memberExternalId,total,occurredAt,channel,storeId'];
    for (let i = 0; i < 2500; i++) rows.push(`HIST-${i},${i % 2 ? 'IMP-1' : 'IMP-3'},"${(i % 7) + 1},50",2024-0${(i % 9) + 1}-1${i % 10} 12:00,store,shop-${i % 3}`);
    rows.push('HIST-bad,IMP-1,12.5.0,2024-01-01,store,');
    rows.push('HIST-ghost,NO-SUCH-MEMBER,10.00,2024-01-01,store,');
    rows.push('HIST-future,IMP-1,10.00,2999-01-01,store,');
    rows.push('HIST-0,IMP-1,10.00,2024-01-01,store,');
    rows.push('HIST-guest,,99.90,2024-01-01T10:00:00+03:00,online,');
    const res = await upload('purchases', rows.join('\n'));
    // HIST-0 again is in a later batch than the first HIST-0: it is skipped as already imported.
    expect(res.body).toMatchObject({ status: 'done', rowsRead: 2505, rowsImported: 2501, rowsSkipped: 1, rowsFailed: 3 });
    const anna = await em.findOneByOrFail(Member, { externalId: 'IMP-1' });
    const account = await em.findOneByOrFail(LoyaltyAccount, { memberId: anna.id });
    const mine = await em.find(Purchase, { where: { memberId: anna.id } });
    expect(account.purchaseCount).toBe(1250);
    expect(account.lifetimeSpendMinor).toBe(mine.reduce((s, p) => s + p.totalMinor, 0));
    expect(account.lastPurchaseAt!.getTime()).toBe(Math.max(...mine.map((p) => p.occurredAt.getTime())));
    // History earns no points; the opening balance is all there is; the tier follows the spend.
    expect(account.available).toBe(250);
    expect(account.tierId).not.toBeNull();
    expect((await em.findOneByOrFail(Purchase, { externalId: 'HIST-guest' })).totalMinor).toBe(99_90);
    const again = await upload('purchases', rows.join('\n'));
    expect(again.body).toMatchObject({ rowsImported: 0, rowsSkipped: 2502 });
    expect((await em.findOneByOrFail(LoyaltyAccount, { memberId: anna.id })).purchaseCount).toBe(1250);
    const job = await t.gql(`query($id: Int!) { importJob(id: $id) { status progress rowsImported errors(first: 2) { line column message } } }`, { id: res.body.id }, { token: admin });
    expect(job.body.data.importJob).toMatchObject({ status: 'DONE', progress: 1, rowsImported: 2501 });
    expect(job.body.data.importJob.errors[0]).toMatchObject({ line: 2502, column: 'total' });
  });

  it('resumes a stopped import after its last committed line', async () => {
    const em = t.app.dataSource.manager;
    const rows = ['externalId,total,occurredAt'];
    for (let i = 0; i < 1500; i++) rows.push(`RES-${i},1.00,2024-05-01`);
    // A job that committed its first batch (lines 2…1001) before the server stopped.
    const job = await em.save(em.create(ImportJob, { kind: 'purchases', status: 'failed', lastLine: 1001, rowsRead: 1000, rowsImported: 1000, startedAt: new Date(), updatedAt: new Date() }));
    const res = await upload('purchases', rows.join('\n'), { resume: job.id });
    expect(res.body).toMatchObject({ id: job.id, status: 'done', rowsRead: 1500, rowsImported: 1500 });
    // Only the lines after 1001 were read: the first thousand receipts were never inserted by this run.
    expect(await em.count(Purchase, { where: { externalId: 'RES-0' } })).toBe(0);
    expect(await em.count(Purchase, { where: { externalId: 'RES-1499' } })).toBe(1);
  });

  it('refuses the wrong caller, the wrong content type, a bad header and a broken file, importing nothing', async () => {
    const member = 'IMP-X,x@example.com';
    expect((await upload('members', `externalId,email\n${member}`, { token: pos, contentType: 'text/plain' })).status).toBe(415);
    expect((await fetch(`${url}/import/members.csv`, { method: 'POST', body: 'a' })).status).toBe(401);
    const analyst = await t.gql(`mutation { createStaffUser(input: { email: "imp-analyst@test.local", password: "analyst-pass-1", role: ANALYST }) { __typename } }`, {}, { token: admin });
    expect(analyst.body.errors).toBeUndefined();
    const analystToken = await t.signInStaff('imp-analyst@test.local', 'analyst-pass-1');
    expect((await upload('members', `externalId\n${member}`, { token: analystToken })).status).toBe(403);
    const badHeader = await upload('members', `externalId,password\nIMP-X,secret`);
    expect(badHeader).toMatchObject({ status: 422, body: { status: 'failed', rowsImported: 0 } });
    expect(badHeader.body.message).toContain('unknown column');
    const broken = await upload('members', Buffer.from([0x65, 0x78, 0x74, 0x65, 0x72, 0x6e, 0x61, 0x6c, 0x49, 0x64, 0x0a, 0xff, 0xfe, 0x0a]));
    expect(broken.body).toMatchObject({ status: 'failed' });
    expect(broken.body.message).toContain('UTF-8');
    expect(await t.app.dataSource.manager.count(Member, { where: { externalId: 'IMP-X' } })).toBe(0);
    // A formula in a bad row is defused in the error report.
    const formula = await upload('members', `externalId,email\n"=HYPERLINK(""http://evil"")",not-an-email`);
    const report = await (await fetch(`${url}${formula.body.errorsUrl}`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(report).not.toMatch(/\n=/);
  });
});
