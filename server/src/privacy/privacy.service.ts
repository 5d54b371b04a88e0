import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { In } from 'typeorm';
import { MemberCredential } from '../auth/member-credential.entity';
import { MemberPasswordReset } from '../auth/member-password-reset.entity';
import { Session } from '../auth/session.entity';
import { dialectOf } from '../db/data-source';
import { NotFoundError } from '../errors';
import { ProductReview } from '../feedback/product-review.entity';
import { SurveyResponse } from '../feedback/survey-response.entity';
import { LoyaltyAccount } from '../ledger/account.entity';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { ConsentRecord } from '../members/consent-record.entity';
import { Member } from '../members/member.entity';
import type { ConsentOrigin, MembersService } from '../members/members.service';
import { PurchaseItem } from '../purchases/purchase-item.entity';
import { Purchase } from '../purchases/purchase.entity';
import { SegmentMember } from '../segments/segment-member.entity';

/** One part of a member's data export; each domain that keeps personal data adds its own. */
export type DataSection = (em: EntityManager, memberId: number) => Promise<unknown>;
/** What a domain removes of the person when a member is anonymised (its sums and counts stay). */
export type Eraser = (em: EntityManager, memberId: number) => Promise<void>;

const DAY = 86_400_000;

/**
 * The member's rights (152-FZ art. 14, 21; GDPR art. 15, 17, 20): a copy of their data as
 * JSON, and anonymisation that removes the person but keeps the ledger, so balances,
 * liabilities and analytics still add up.
 */
export class PrivacyService {
  private readonly sections = new Map<string, DataSection>();
  private readonly erasers: Eraser[] = [];

  constructor(private readonly members: MembersService) {
    this.addSection('consents', (em, memberId) => em.find(ConsentRecord, { where: { memberId }, order: { id: 'ASC' } }));
    this.addSection('accounts', (em, memberId) => em.find(LoyaltyAccount, { where: { memberId }, order: { id: 'ASC' } }));
    this.addSection('ledger', (em, memberId) => em.find(LedgerEntry, { where: { memberId }, order: { id: 'ASC' } }));
    this.addSection('purchases', async (em, memberId) => {
      const purchases = await em.find(Purchase, { where: { memberId }, order: { id: 'ASC' } });
      const items = purchases.length ? await em.find(PurchaseItem, { where: { purchaseId: In(purchases.map((p) => p.id)) }, order: { id: 'ASC' } }) : [];
      return purchases.map((p) => ({ ...p, items: items.filter((i) => i.purchaseId === p.id) }));
    });
    this.addSection('surveyResponses', (em, memberId) => em.find(SurveyResponse, { where: { memberId }, order: { id: 'ASC' } }));
    this.addSection('productReviews', (em, memberId) => em.find(ProductReview, { where: { memberId }, order: { id: 'ASC' } }));
    this.addSection('segments', async (em, memberId) => (await em.find(SegmentMember, { where: { memberId } })).map((row) => ({ segmentId: row.segmentId })));
    // Free text may name the person; scores and choices stay for the survey's results.
    this.addEraser(async (em, memberId) => {
      for (const response of await em.find(SurveyResponse, { where: { memberId } })) {
        const answers = Object.fromEntries(Object.entries(response.answers).map(([id, value]) => [id, typeof value === 'string' ? '' : value]));
        await em.update(SurveyResponse, response.id, { answers } as never);
      }
      await em.update(ProductReview, { memberId }, { text: '' } as never);
    });
  }

  addSection(name: string, section: DataSection): void {
    this.sections.set(name, section);
  }

  addEraser(eraser: Eraser): void {
    this.erasers.push(eraser);
  }

  /** Everything Patron keeps about the member, as plain JSON. */
  async exportData(em: EntityManager, memberId: number, now = new Date()): Promise<Record<string, unknown> | null> {
    const member = await em.findOne(Member, { where: { id: memberId } });
    if (!member) return null;
    const data: Record<string, unknown> = { format: 'patron-member-data/1', exportedAt: now.toISOString(), member };
    for (const [name, section] of this.sections) data[name] = await section(em, memberId);
    return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  }

  /**
   * Removes the person: contacts, name, birthday, the brand's attributes, the CRM id,
   * sign-in and sessions, consents (withdrawn, with a record), and each domain's personal
   * data. The member row, accounts, ledger and purchases stay with their sums. Doing it
   * again changes nothing.
   */
  async anonymise(em: EntityManager, memberId: number, origin: ConsentOrigin, now = new Date()): Promise<Member> {
    const member = await this.lockedMember(em, memberId);
    if (member.status === 'anonymised') return member;
    const before = { consentEmail: member.consentEmail, consentSms: member.consentSms };
    Object.assign(member, {
      externalId: null,
      email: null,
      phone: null,
      name: '',
      birthday: null,
      birthdayMonthDay: null,
      attributes: null,
      referralCode: null,
      consentEmail: false,
      consentSms: false,
      consentUpdatedAt: now,
      status: 'anonymised',
      updatedAt: now,
    });
    await em.save(member);
    await this.members.recordConsents(em, member, before, { ...origin, source: 'anonymisation' }, now);
    await em.delete(MemberCredential, { memberId });
    await em.delete(Session, { memberId });
    await em.delete(MemberPasswordReset, { memberId });
    for (const eraser of this.erasers) await eraser(em, memberId);
    return member;
  }

  /**
   * Retention: members with no purchase and no change for `days` days are anonymised, a
   * page at a time (anonymised members drop out, so each page is the next); how many.
   */
  async anonymiseInactive(dataSource: DataSource, days: number, now = new Date(), limit = 500): Promise<number> {
    if (days <= 0) return 0;
    let total = 0;
    for (let page = limit; page === limit; total += page) page = await this.anonymiseInactivePage(dataSource, days, now, limit);
    return total;
  }

  private async anonymiseInactivePage(dataSource: DataSource, days: number, now: Date, limit: number): Promise<number> {
    const em = dataSource.manager;
    const cutoff = new Date(now.getTime() - days * DAY);
    const candidates = await em
      .getRepository(Member)
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .where('m.status <> :anonymised AND m.updatedAt < :cutoff', { anonymised: 'anonymised', cutoff })
      .andWhere('NOT EXISTS (SELECT 1 FROM loyalty_accounts a WHERE a.memberId = m.id AND a.lastPurchaseAt >= :cutoff)', { cutoff })
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number }>();
    // One transaction per member: a long batch never holds many locks.
    for (const { id } of candidates) await inTransaction(dataSource, (tx) => this.anonymise(tx, Number(id), { source: 'system', actorId: null }, now));
    return candidates.length;
  }

  private async lockedMember(em: EntityManager, memberId: number): Promise<Member> {
    const qb = em.getRepository(Member).createQueryBuilder('m').where('m.id = :memberId', { memberId });
    if (dialectOf(em.connection) === 'mysql') qb.setLock('pessimistic_write');
    const member = await qb.getOne();
    if (!member) throw new NotFoundError('Member', String(memberId));
    return member;
  }
}

