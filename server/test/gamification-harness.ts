import { expect } from 'vitest';
import type { TestApp } from './harness';
import { RECORD_PURCHASE } from './loyalty-harness';

export const CREATE_CHALLENGE = `mutation($input: ChallengeInput!) { createChallenge(input: $input) { __typename ... on Challenge { id code goal status } ... on ValidationError { fieldErrors { path message } } ... on ConflictError { message } } }`;
export const CREATE_BADGE = `mutation($input: BadgeInput!) { createBadge(input: $input) { __typename ... on Badge { id code } ... on ValidationError { fieldErrors { path message } } ... on ConflictError { message } } }`;
const CREATE_CAMPAIGN = `mutation($input: CampaignInput!) { createCampaign(input: $input) { __typename ... on Campaign { id } ... on Error { code message } } }`;
const PUBLISH = `mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code nodeId message } } } }`;

/** Staff actions and purchases the gamification tests repeat. */
export function gamificationHelpers(t: TestApp, tokens: () => { admin: string; pos: string }) {
  let seq = 0;
  return {
    async challenge(input: Record<string, unknown>) {
      const res = await t.gql(CREATE_CHALLENGE, { input: { name: input.code, period: 'MONTH', status: 'ACTIVE', ...input } }, { token: tokens().admin });
      expect(res.body.data?.createChallenge.__typename, JSON.stringify(res.body)).toBe('Challenge');
      return res.body.data.createChallenge as { id: string; code: string };
    },
    async badge(code: string, name = code) {
      const res = await t.gql(CREATE_BADGE, { input: { code, name } }, { token: tokens().admin });
      expect(res.body.data?.createBadge.__typename, JSON.stringify(res.body)).toBe('Badge');
      return res.body.data.createBadge as { id: string; code: string };
    },
    /** Publishes a two-node campaign: a trigger and an action. */
    async campaign(name: string, trigger: { kind: string; params?: Record<string, unknown> }, action: { kind: string; params?: Record<string, unknown> }) {
      const graph = {
        nodes: [
          { id: 't', kind: trigger.kind, params: trigger.params ?? {}, position: { x: 0, y: 0 } },
          { id: 'a', kind: action.kind, params: action.params ?? {}, position: { x: 200, y: 0 } },
        ],
        edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }],
      };
      const created = await t.gql(CREATE_CAMPAIGN, { input: { name, graph } }, { token: tokens().admin });
      const id = created.body.data.createCampaign.id as string;
      const published = await t.gql(PUBLISH, { id }, { token: tokens().admin });
      expect(published.body.data.publishCampaign.__typename, JSON.stringify(published.body)).toBe('Campaign');
      return id;
    },
    async pause(id: string) {
      await t.gql(`mutation($id: ID!) { pauseCampaign(id: $id) { __typename } }`, { id }, { token: tokens().admin });
    },
    async buy(memberId: string, totalMinor: number, extra: Record<string, unknown> = {}) {
      const input = { externalId: `G-${process.pid}-${++seq}-${Math.random().toString(36).slice(2)}`, memberId, totalMinor, currency: 'RUB', channel: 'STORE', ...extra };
      const res = await t.gql(RECORD_PURCHASE.replace('pointsEarned debtSettled', 'pointsEarned campaignPoints debtSettled'), { input }, { token: tokens().pos });
      expect(res.body.data?.recordPurchase.__typename, JSON.stringify(res.body)).toBe('PurchaseRecorded');
      return res.body.data.recordPurchase as { pointsEarned: number; campaignPoints: number };
    },
    /** The member's progress rows of one challenge, oldest period first. */
    async progress(memberDbId: number, code: string) {
      const rows: { periodKey: string; progress: number | string; completedAt: unknown }[] = await t.app.dataSource.query(
        `SELECT p.periodKey, p.progress, p.completedAt FROM challenge_progress p JOIN challenges c ON c.id = p.challengeId WHERE p.memberId = ? AND c.code = ? ORDER BY p.periodStart`,
        [memberDbId, code],
      );
      return rows.map((r) => ({ periodKey: r.periodKey, progress: Number(r.progress), completed: r.completedAt !== null }));
    },
    async badgeCount(memberDbId: number, code?: string) {
      const rows = await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM member_badges mb JOIN badges b ON b.id = mb.badgeId WHERE mb.memberId = ?${code ? ' AND b.code = ?' : ''}`, code ? [memberDbId, code] : [memberDbId]);
      return Number(rows[0].n);
    },
    async campaignPoints(memberDbId: number, campaignId: string) {
      const rows = await t.app.dataSource.query(`SELECT COALESCE(SUM(availableChange + pendingChange), 0) AS n FROM ledger_entries WHERE memberId = ? AND campaignId = ?`, [memberDbId, Number(Buffer.from(campaignId, 'base64').toString().split(':')[1])]);
      return Number(rows[0].n);
    },
  };
}
