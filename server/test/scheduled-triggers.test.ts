import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job } from '../src/jobs/job.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import { Member } from '../src/members/member.entity';
import { localMidnight, localParts } from '../src/programs/calendar';
import { Program } from '../src/programs/program.entity';
import { occurrences } from '../src/rules/scheduled-triggers.service';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const TZ = 'Europe/Moscow';
const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourcePort: 'out', target });
const award = (trigger: string, params: Record<string, unknown>, amount: number) => ({
  nodes: [node('t', trigger, params), node('a', 'action.awardPoints', { amount })],
  edges: [edge('t', 'a')],
});

/** The instant of a local wall-clock time in Moscow, `days` from today. */
function moscow(days: number, hour: number, minute = 0, second = 0): Date {
  const today = localParts(new Date(), TZ);
  const midnight = localMidnight(today.year, today.month, today.day + days, TZ);
  return new Date(midnight.getTime() + ((hour * 60 + minute) * 60 + second) * 1000);
}
const localWeekday = (instant: Date) => {
  const p = localParts(instant, TZ);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
};
const localDate = (instant: Date) => {
  const p = localParts(instant, TZ);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};

describe(`scheduled triggers on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function publish(name: string, graph: unknown) {
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name, graph } }, { token: admin });
    const published = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code nodeId message } } } }`, { id: created.body.data.createCampaign.id }, { token: admin });
    expect(published.body.data.publishCampaign).toEqual({ __typename: 'Campaign' });
    return created.body.data.createCampaign.id as string;
  }
  async function pause(id: string) {
    const res = await t.gql(`mutation($id: ID!) { pauseCampaign(id: $id) { __typename } }`, { id }, { token: admin });
    expect(res.body.data.pauseCampaign.__typename).toBe('Campaign');
  }
  /** Runs jobs due by `now` until none is left (a sweep schedules the fires it finds). */
  async function drain(now: Date) {
    let total = 0;
    for (let round = 0; round < 30; round++) {
      const ran = await t.app.runJobs(now);
      if (ran === 0) return total;
      total += ran;
    }
    throw new Error('jobs kept coming');
  }
  const campaignPoints = async (memberId: number, reason: string) =>
    (await t.app.dataSource.manager.findBy(LedgerEntry, { memberId, source: 'campaign', reason })).map((e) => e.availableChange);
  const setBirthday = (externalId: string, birthday: string) =>
    t.gql(`mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { __typename } }`, { id: externalId, input: { birthday } }, { token: admin });

  it('a birthday campaign greets the members whose birthday is N days away, once, from 9:00 local time', async () => {
    const id = await publish('Birthday in 3 days', award('trigger.birthday', { daysBefore: 3 }, 500));
    const inThreeDays = localDate(moscow(3, 12)).slice(5);
    const soon = await newMember(t, pos);
    const later = await newMember(t, pos);
    expect((await setBirthday(soon.id, `1990-${inThreeDays}`)).body.data.updateMember.__typename).toBe('Member');
    await setBirthday(later.id, `1990-${localDate(moscow(4, 12)).slice(5)}`);
    expect((await t.app.dataSource.manager.findOneByOrFail(Member, { id: soon.dbId })).birthdayMonthDay).toBe(inThreeDays);

    // Before 9:00 nothing is planned; from 9:00 one sweep, and planning again adds nothing.
    expect(await t.app.planTriggers(moscow(0, 8, 59))).toBe(0);
    expect(await t.app.planTriggers(moscow(0, 10))).toBe(1);
    expect(await t.app.planTriggers(moscow(0, 15))).toBe(0);
    await drain(moscow(0, 10, 1));
    expect(await campaignPoints(soon.dbId, 'Birthday in 3 days')).toEqual([500]);
    expect(await campaignPoints(later.dbId, 'Birthday in 3 days')).toEqual([]);

    // The next day it is the other member's turn; the first is not greeted twice.
    await t.app.planTriggers(moscow(1, 10));
    await drain(moscow(1, 10, 1));
    expect(await campaignPoints(soon.dbId, 'Birthday in 3 days')).toEqual([500]);
    expect(await campaignPoints(later.dbId, 'Birthday in 3 days')).toEqual([500]);
    const entry = (await t.app.dataSource.manager.findOneByOrFail(LedgerEntry, { memberId: soon.dbId, source: 'campaign' }))!;
    expect(entry.traceId).toBeTruthy();
    await pause(id);
  });

  it('a member born on 29 February is greeted on the 28th in a common year', async () => {
    // Find the next 28 February that is not followed by a 29th, as days from today.
    let days = 1;
    for (; days < 5 * 366; days++) {
      const d = localDate(moscow(days, 12));
      const year = Number(d.slice(0, 4));
      if (d.endsWith('-02-28') && !((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) break;
    }
    const id = await publish('Leap birthday', award('trigger.birthday', { daysBefore: 0 }, 29));
    const leapling = await newMember(t, pos);
    await setBirthday(leapling.id, '2000-02-29');
    await t.app.planTriggers(moscow(days, 9, 30));
    await drain(moscow(days, 9, 31));
    expect(await campaignPoints(leapling.dbId, 'Leap birthday')).toEqual([29]);
    await pause(id);
  });

  it('an inactivity campaign reaches members on the day their last purchase is N days old, not after', async () => {
    const id = await publish('We miss you', award('trigger.inactivity', { days: 30 }, 300));
    const lapsed = await newMember(t, pos);
    const regular = await newMember(t, pos);
    const buy = (m: { externalId: string }, occurredAt: Date) =>
      t.gql(RECORD_PURCHASE, { input: { externalId: `IN-${m.externalId}-${occurredAt.getTime()}`, memberExternalId: m.externalId, totalMinor: 500_00, currency: 'RUB', channel: 'STORE', occurredAt: occurredAt.toISOString() } }, { token: pos });
    expect((await buy(lapsed, moscow(-30, 18))).body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    await buy(regular, moscow(-30, 18));
    await buy(regular, moscow(-2, 18));
    await t.app.planTriggers(moscow(0, 10));
    await drain(moscow(0, 10, 1));
    expect(await campaignPoints(lapsed.dbId, 'We miss you')).toEqual([300]);
    expect(await campaignPoints(regular.dbId, 'We miss you')).toEqual([]);
    // A day later the lapse is 31 days: no second message.
    await t.app.planTriggers(moscow(1, 10));
    await drain(moscow(1, 10, 1));
    expect(await campaignPoints(lapsed.dbId, 'We miss you')).toEqual([300]);
    await pause(id);
  });

  it('an expiring-points campaign tells members N days before their points expire, with how many', async () => {
    const em = t.app.dataSource.manager;
    const program = await em.findOneByOrFail(Program, { isDefault: true });
    await em.update(Program, program.id, { expiryPolicy: 'days', expiryDays: 60 });
    const m = await newMember(t, pos);
    await t.gql(RECORD_PURCHASE, { input: { externalId: `EXP-${m.externalId}`, memberExternalId: m.externalId, totalMinor: 1000_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    await em.update(Program, program.id, { expiryPolicy: 'never', expiryDays: 0 });
    const lot = await em.findOneOrFail(PointLot, { where: { purchaseId: (await em.findOneByOrFail(LedgerEntry, { memberId: m.dbId, kind: 'earn' })).purchaseId! } });
    expect(lot.expiresAt).toBeTruthy();
    const id = await publish('Points expire in a week', award('trigger.pointsExpiring', { daysBefore: 7 }, 7));
    // The local day a week before the expiry.
    const daysToExpiry = Math.round((localMidnight(...(localDate(lot.expiresAt!).split('-').map(Number) as [number, number, number]), TZ).getTime() - moscow(0, 0).getTime()) / 86_400_000);
    await t.app.planTriggers(moscow(daysToExpiry - 8, 10));
    await drain(moscow(daysToExpiry - 8, 10, 1));
    expect(await campaignPoints(m.dbId, 'Points expire in a week')).toEqual([]);
    await t.app.planTriggers(moscow(daysToExpiry - 7, 10));
    await drain(moscow(daysToExpiry - 7, 10, 1));
    expect(await campaignPoints(m.dbId, 'Points expire in a week')).toEqual([7]);
    // The event carries how many points expire and when, for the message the flow sends.
    const fire = await em.getRepository(Job).createQueryBuilder('j').where('j.uniqueKey LIKE :key', { key: `fire:pointsExpiring:%:${m.dbId}` }).getOneOrFail();
    expect(fire.payload.event).toMatchObject({ type: 'pointsExpiring', data: { daysBefore: 7, points: lot.remaining, expiresAt: lot.expiresAt!.toISOString() } });
    await pause(id);
  });
});

describe(`cron schedules on ${dialect}`, () => {
  it('fire for every member at each occurrence, page by page, once whatever the number of planners', async () => {
    const t = await createTestApp();
    try {
      const { admin, pos } = await loyaltySetup(t);
      const members = [];
      for (let i = 0; i < 5; i++) members.push(await newMember(t, pos));
      const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Monday treat', graph: award('trigger.schedule', { cron: '0 10 * * 1' }, 50) } }, { token: admin });
      await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: created.body.data.createCampaign.id }, { token: admin });
      t.app.services.scheduledTriggers.pageSize = 2;
      // The next Monday, 09:55 local: the 10:00 occurrence is planned ahead, by two instances at once.
      let days = 1;
      while (localWeekday(moscow(days, 12)) !== 1) days++;
      const planned = await Promise.all([t.app.planTriggers(moscow(days, 9, 55)), t.app.planTriggers(moscow(days, 9, 55))]);
      expect(planned.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await t.app.runJobs(moscow(days, 9, 59))).toBe(0);
      let ran = 0;
      for (let round = 0; round < 20; round++) {
        const n = await t.app.runJobs(moscow(days, 10, 0, 30));
        if (n === 0) break;
        ran += n;
      }
      // Three sweep pages (2 + 2 + 1 members) and five fires.
      expect(ran).toBe(8);
      for (const m of members) {
        expect((await t.app.dataSource.manager.findBy(LedgerEntry, { memberId: m.dbId, source: 'campaign' })).map((e) => e.availableChange)).toEqual([50]);
      }
      expect(await t.app.planTriggers(moscow(days, 10, 1))).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('cron occurrences', () => {
  it('are computed in the brand time zone', () => {
    const from = new Date('2026-11-22T00:00:00Z');
    expect(occurrences('0 10 * * 1', TZ, from, new Date('2026-12-01T00:00:00Z')).map((d) => d.toISOString())).toEqual(['2026-11-23T07:00:00.000Z', '2026-11-30T07:00:00.000Z']);
    expect(occurrences('*/30 9 * * *', 'Asia/Vladivostok', from, new Date('2026-11-22T23:59:00Z')).map((d) => d.toISOString())).toEqual(['2026-11-22T23:00:00.000Z', '2026-11-22T23:30:00.000Z']);
  });
});
