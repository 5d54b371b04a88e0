import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { withQueryStats } from '../src/db/query-stats';
import { createTestApp, dialect, type TestApp } from './harness';
import { globalId, loyaltySetup } from './loyalty-harness';

describe(`audit log on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let marketer: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    await t.gql(`mutation { createStaffUser(input: { email: "m@test.local", name: "Mia", role: MARKETER, password: "marketer-password-1" }) { __typename } }`, {}, { token: admin });
    marketer = await t.signInStaff('m@test.local', 'marketer-password-1');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records who changed what, on what, with what outcome — and no arguments', async () => {
    await t.gql(`mutation { createSegment(input: { code: "vip", name: "VIP", kind: STATIC }) { __typename } }`, {}, { token: marketer });
    await t.gql(`mutation { createSegment(input: { code: "vip", name: "VIP again", kind: STATIC }) { __typename } }`, {}, { token: marketer });
    const missing = globalId('Campaign', 999_999);
    await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: missing }, { token: marketer });
    await t.gql(`mutation { createMember(input: { externalId: "AU-1", email: "audit-probe@example.com" }) { __typename } }`, {}, { token: pos });
    await t.gql(`mutation { memberSignUp(input: { email: "audit-member@example.com", password: "member-password-1" }) { __typename } }`);
    // Marketers do not read the log; admins do, newest first.
    const denied = await t.gql(`{ auditLog(first: 5) { edges { node { action } } } }`, {}, { token: marketer });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const res = await t.gql(`{ auditLog(first: 4) { edges { node { role action target outcome staffUserId apiKeyId } } pageInfo { hasNextPage endCursor } } }`, {}, { token: admin });
    const rows = res.body.data.auditLog.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(rows.map((r: { action: string; outcome: string; role: string }) => [r.role, r.action, r.outcome])).toEqual([
      ['apiKey', 'createMember', 'ok'],
      ['marketer', 'publishCampaign', 'NotFoundError'],
      ['marketer', 'createSegment', 'ConflictError'],
      ['marketer', 'createSegment', 'ok'],
    ]);
    expect(rows[1].target).toBe(missing);
    expect(rows[0].apiKeyId).toBeGreaterThan(0);
    expect(rows[3].staffUserId).toBeGreaterThan(0);
    // The next page goes on from there.
    const next = await t.gql(`query($after: String) { auditLog(first: 50, after: $after) { edges { node { action } } } }`, { after: res.body.data.auditLog.pageInfo.endCursor }, { token: admin });
    expect(next.body.data.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toContain('createStaffUser');
    // Members' own actions are theirs, not staff changes; arguments (an email here) are never kept.
    const all = await t.app.dataSource.manager.find(AuditEntry);
    expect(all.some((e) => e.action === 'memberSignUp')).toBe(false);
    expect(JSON.stringify(all)).not.toContain('audit-probe@example.com');
  });

  it('records a mutation refused for its variables as refused, never as done', async () => {
    const refused = () => t.app.dataSource.manager.find(AuditEntry, { where: { action: 'redeemPoints', role: 'apiKey' } });
    const before = (await refused()).length;
    // A field the input does not have, and the one it needs missing: no resolver runs.
    const res = await t.gql(`mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { __typename } }`, { input: { externalId: 'AU-V', memberExternalId: 'X', points: 1 } }, { token: pos });
    expect(res.body.data).toBeUndefined();
    const written = (await refused()).slice(before);
    expect(written.map((e) => e.outcome)).toEqual(['error']);
  });

  it('a burst of mutations at once is written in a few inserts, and each answer waits for its own entry', async () => {
    const { services, dataSource } = t.app;
    const entry = (action: string) => ({ staffUserId: null, apiKeyId: null, role: 'apiKey', action, target: null, outcome: 'ok', ip: null });
    const one = { statements: 0 };
    await withQueryStats(one, () => services.audit.record(dataSource.manager, [entry('alone')]));
    expect(await dataSource.manager.countBy(AuditEntry, { action: 'alone' })).toBe(1);
    const burst = { statements: 0 };
    await withQueryStats(burst, () => Promise.all(Array.from({ length: 12 }, (_, i) => services.audit.record(dataSource.manager, [entry(`burst-${i}`)]))));
    // The first is written at once; the eleven that came while it was in flight, together.
    expect(burst.statements).toBeLessThanOrEqual(2 * one.statements);
    const written = await dataSource.manager.find(AuditEntry, { where: { role: 'apiKey', outcome: 'ok' } });
    expect(written.filter((e) => e.action.startsWith('burst-'))).toHaveLength(12);

    // Over HTTP: 12 members created by a till at once leave 12 entries (13 with the first test's).
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.gql(`mutation { createMember(input: { externalId: "BURST-${i}" }) { __typename } }`, {}, { token: pos })),
    );
    expect(sent.every((r) => r.body.data?.createMember.__typename === 'MemberCreated')).toBe(true);
    expect(await dataSource.manager.countBy(AuditEntry, { action: 'createMember', outcome: 'ok' })).toBe(13);
  });
});
