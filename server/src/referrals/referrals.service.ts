import { In, Not, type EntityManager } from 'typeorm';
import { writeAlone } from '../db/write-groups';
import { z } from 'zod';
import type { FlowEvent } from '@patron/schema/flow';
import { dialectOf } from '../db/data-source';
import { keysetPage, type PageRequest } from '../db/keyset-page';
import { isUniqueViolation } from '../db/unique-violation';
import { ValidationError } from '../errors';
import { parseInput } from '../input';
import { Member } from '../members/member.entity';
import { addDays, startOfPeriod } from '../programs/calendar';
import type { Program } from '../programs/program.entity';
import type { ProgramsService } from '../programs/programs.service';
import { Purchase } from '../purchases/purchase.entity';
import type { EventListener, ListenerProbe, RulesService } from '../rules/rules.service';
import { canonicalEmail, canonicalPhone } from './identity';
import { ReferralTerms } from './referral-terms.entity';
import { Referral, REFERRAL_STATUSES, type ReferralStatus, type RejectReason } from './referral.entity';

// Member codes are 8 characters of an unambiguous alphabet; accept what a person might type.
const CODE = /^[A-Z0-9]{4,16}$/;

const termsInput = z.object({
  programId: z.number().int().positive().optional(),
  minPurchaseMinor: z.number().int().min(0, 'must be 0 or more').max(1_000_000_000).optional(),
  windowDays: z.number().int().min(1, 'must be at least 1 day').max(3650).nullable().optional(),
  monthlyCap: z.number().int().min(1, 'must be at least 1').max(10_000).nullable().optional(),
});
export type ReferralTermsInput = z.input<typeof termsInput>;

export type ReferralCounts = Record<ReferralStatus, number> & { total: number };

/**
 * Referrals: a new member joins with another member's code; their first purchase that
 * meets the program's terms qualifies the referral once and fires trigger.referral for
 * both sides, so that a campaign rewards them. Guards refuse self-referrals and reused
 * identities, keeping the refused row with its reason.
 */
export class ReferralsService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly rules: RulesService,
    private readonly publicUrl: string | null = null,
  ) {}

  /** The link a member shares; relative when the server does not know its public address. */
  linkFor(code: string): string {
    const base = this.publicUrl ? this.publicUrl.replace(/\/+$/, '') : '';
    return `${base}/join?ref=${encodeURIComponent(code)}`;
  }

  async terms(em: EntityManager, programId?: number | null): Promise<ReferralTerms> {
    const program = await this.programs.resolve(em, programId);
    return (await em.findOne(ReferralTerms, { where: { programId: program.id } })) ?? em.create(ReferralTerms, { programId: program.id });
  }

  /** Fields left out stay as they are; null clears the window or the cap. */
  async updateTerms(em: EntityManager, raw: ReferralTermsInput, now = new Date()): Promise<ReferralTerms> {
    const input = parseInput(termsInput, raw, ['input']);
    const terms = await this.terms(em, input.programId);
    if (input.minPurchaseMinor !== undefined) terms.minPurchaseMinor = input.minPurchaseMinor;
    if (input.windowDays !== undefined) terms.windowDays = input.windowDays;
    if (input.monthlyCap !== undefined) terms.monthlyCap = input.monthlyCap;
    terms.updatedAt = now;
    const { programId, ...values } = terms;
    const updated = await em.update(ReferralTerms, { programId }, values);
    if (!updated.affected) {
      try {
        await em.insert(ReferralTerms, terms as never);
      } catch (error) {
        // Another editor created the row at the same moment: this edit lands on it.
        if (!isUniqueViolation(error)) throw error;
        await em.update(ReferralTerms, { programId }, values);
      }
    }
    return terms;
  }

  /**
   * Records that `referee` joined with `rawCode`, in the sign-up's transaction. A code
   * that is malformed or names no active member is a ValidationError at `path` (the
   * sign-up fails and creates nothing; the storefront can retry without the code). A
   * guard that refuses the pair records it as rejected with its reason and lets the
   * sign-up proceed. The same pair again answers with the first referral.
   */
  async refer(em: EntityManager, referee: Member, rawCode: string, path: string[], now = new Date()): Promise<Referral | null> {
    const code = rawCode.trim().toUpperCase();
    if (!code) return null;
    if (!CODE.test(code)) throw ValidationError.of(path, 'is not a referral code: 4 to 16 letters and digits', 'invalid_format');
    const referrer = await em.findOne(Member, { where: { referralCode: code } });
    if (!referrer || referrer.status !== 'active') throw ValidationError.of(path, 'is not a referral code we know', 'invalid_value');
    const program = await this.programs.resolve(em).catch(() => null);
    if (!program) throw ValidationError.of(path, 'there is no loyalty program to join yet', 'invalid_value');
    const existing = await em.findOne(Referral, { where: { referrerId: referrer.id, refereeId: referee.id } });
    if (existing) return existing;
    const reason = await this.rejectReason(em, program, referrer, referee, now);
    const referral = em.create(Referral, {
      programId: program.id,
      referrerId: referrer.id,
      refereeId: referee.id,
      liveRefereeId: reason ? null : referee.id,
      code,
      status: reason ? 'rejected' : 'pending',
      rejectReason: reason,
      createdAt: now,
    });
    try {
      await em.insert(Referral, referral as never);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same pair, or another referral of this referee, landed at the same moment.
      const pair = await em.findOne(Referral, { where: { referrerId: referrer.id, refereeId: referee.id } });
      if (pair) return pair;
      Object.assign(referral, { liveRefereeId: null, status: 'rejected', rejectReason: 'already_referred' });
      await em.insert(Referral, referral as never);
    }
    return referral;
  }

  private async rejectReason(em: EntityManager, program: Program, referrer: Member, referee: Member, now: Date): Promise<RejectReason | null> {
    if (referrer.id === referee.id) return 'self_referral';
    const email = canonicalEmail(referee.email);
    const phone = canonicalPhone(referee.phone);
    if (email && email === canonicalEmail(referrer.email)) return 'same_email';
    if (phone && phone === canonicalPhone(referrer.phone)) return 'same_phone';
    // Anyone else with this email or phone, whatever their status: one person, a second account.
    const others = Not(In([referee.id, referrer.id]));
    if (email && (await em.exists(Member, { where: [{ id: others, email: referee.email! }, { id: others, email }] }))) return 'identity_reused';
    if (phone && (await em.exists(Member, { where: [{ id: others, phone: referee.phone! }, { id: others, phone }] }))) return 'identity_reused';
    if (await em.exists(Referral, { where: { liveRefereeId: referee.id } })) return 'already_referred';
    if (await em.exists(Purchase, { where: { memberId: referee.id } })) return 'has_purchases';
    const terms = await this.terms(em, program.id);
    if (terms.monthlyCap !== null) {
      // Two sign-ups with one code at once: the referrer's row lock makes them count in turn.
      const lock = em.getRepository(Member).createQueryBuilder('m').where('m.id = :id', { id: referrer.id });
      if (dialectOf(em.connection) === 'mysql') lock.setLock('pessimistic_write');
      await lock.getOne();
      const made = await em
        .getRepository(Referral)
        .createQueryBuilder('r')
        .where('r.referrerId = :referrerId AND r.programId = :programId AND r.status <> :rejected AND r.createdAt >= :from', {
          referrerId: referrer.id,
          programId: program.id,
          rejected: 'rejected',
          from: startOfPeriod(now, 'month', program.timezone),
        })
        .getCount();
      if (made >= terms.monthlyCap) return 'monthly_cap';
    }
    return null;
  }

  /**
   * Listens to every event (services.ts wires it): the referee's first purchase that
   * meets the terms qualifies their referral. The guarded UPDATE lets exactly one of two
   * purchases at once win; only the winner fires trigger.referral, once per side. A later
   * refund of that purchase does not un-qualify the referral: the reward was for bringing
   * a customer, and the refund claws back the purchase's own points.
   */
  /**
   * The listener's probe: a purchase in a program with a referral still pending (the
   * listener then looks for the member's own). A referral leaving 'pending' can only make
   * the answer true for nothing, so only one becoming pending moves the listeners version.
   */
  readonly probe: ListenerProbe = {
    reads: [{ entity: Referral, matters: (changed) => changed === null || 'programId' in changed || changed.status === 'pending' }],
    ask: (program, eventType) => (eventType === 'purchase' ? { sql: "SELECT 1 FROM referrals WHERE programId = ? AND status = 'pending'", params: [program.id] } : false),
  };

  readonly onEvent: EventListener = async (em, program, memberId, event, _outcomes, { purchaseId, now }) => {
    if (event.type !== 'purchase' || !event.purchase || purchaseId === undefined) return;
    const referral = await em.findOne(Referral, { where: { refereeId: memberId, programId: program.id, status: 'pending' } });
    if (!referral) return;
    // The referrer's events write for another member than the purchase's, who may be in its group.
    writeAlone(em);
    const terms = await this.terms(em, program.id);
    if (event.purchase.totalMinor < terms.minPurchaseMinor) return;
    const occurredAt = new Date(event.occurredAt);
    // A receipt from before the sign-up, or after the window, does not count.
    if (occurredAt.getTime() < referral.createdAt.getTime() - 60_000) return;
    if (terms.windowDays !== null && occurredAt > addDays(referral.createdAt, terms.windowDays)) return;
    const won = await em
      .createQueryBuilder()
      .update(Referral)
      .set({ status: 'qualified', qualifiedAt: now, qualifyingPurchaseId: purchaseId })
      .where('id = :id AND status = :pending', { id: referral.id, pending: 'pending' })
      .execute();
    if (won.affected !== 1) return;
    const data = { referralId: referral.id, referrerId: referral.referrerId, refereeId: referral.refereeId };
    const fire = (role: 'referrer' | 'referee', member: number) =>
      this.rules.onEvent(em, program, member, { type: 'referral', memberId: String(member), occurredAt: now.toISOString(), data: { role, ...data } } satisfies FlowEvent, { now });
    const referrer = await em.findOne(Member, { where: { id: referral.referrerId } });
    // A referrer suspended or anonymised since gets nothing; the friend still does.
    if (referrer?.status === 'active') await fire('referrer', referral.referrerId);
    await fire('referee', referral.refereeId);
  };

  /** Staff list, oldest first. */
  page(em: EntityManager, page: PageRequest, filter: { programId: number; status?: ReferralStatus | null }): Promise<Referral[]> {
    return keysetPage(em, Referral, page, (qb, r) => {
      qb.andWhere(`${r}.programId = :programId`, { programId: filter.programId });
      if (filter.status) qb.andWhere(`${r}.status = :status`, { status: filter.status });
    });
  }

  async counts(em: EntityManager, programId: number): Promise<ReferralCounts> {
    const rows: { status: string; n: string | number }[] = await em
      .getRepository(Referral)
      .createQueryBuilder('r')
      .select('r.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('r.programId = :programId', { programId })
      .groupBy('r.status')
      .getRawMany();
    const counts = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as ReferralCounts;
    for (const row of rows) if (row.status in counts) counts[row.status as ReferralStatus] = Number(row.n);
    counts.total = REFERRAL_STATUSES.reduce((sum, s) => sum + counts[s], 0);
    return counts;
  }

  /** The latest `limit` referrals each of these members made, newest first, in one query. */
  async madeBy(em: EntityManager, referrerIds: readonly number[], limit: number): Promise<Referral[][]> {
    const unique = [...new Set(referrerIds)];
    if (unique.length === 0) return [];
    const ranked = await em.query(
      `SELECT id FROM (SELECT r.id, ROW_NUMBER() OVER (PARTITION BY r.referrerId ORDER BY r.id DESC) AS rn FROM referrals r WHERE r.referrerId IN (${unique.map(() => '?').join(', ')})) x WHERE x.rn <= ?`,
      [...unique, limit],
    );
    const ids = (ranked as { id: number | string }[]).map((row) => Number(row.id));
    const rows = ids.length ? await em.find(Referral, { where: { id: In(ids) }, order: { id: 'DESC' } }) : [];
    return referrerIds.map((id) => rows.filter((row) => row.referrerId === id));
  }

  /** The live (or, failing that, the latest) referral that brought each of these members. */
  async referralsOf(em: EntityManager, refereeIds: readonly number[]): Promise<(Referral | null)[]> {
    const unique = [...new Set(refereeIds)];
    const rows = unique.length ? await em.find(Referral, { where: { refereeId: In(unique) }, order: { id: 'DESC' } }) : [];
    return refereeIds.map((id) => rows.find((row) => row.refereeId === id && row.liveRefereeId !== null) ?? rows.find((row) => row.refereeId === id) ?? null);
  }
}
