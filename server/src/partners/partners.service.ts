import { z } from 'zod';
import { In, type EntityManager } from 'typeorm';
import type { ApiKeyScope } from '@patron/schema';
import { ApiKey } from '../auth/api-key.entity';
import { dialectOf } from '../db/data-source';
import { keysetPage, type PageRequest } from '../db/keyset-page';
import { sqlDate, sqlMonth } from '../db/sql-date';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import { LoyaltyAccount } from '../ledger/account.entity';
import { Member } from '../members/member.entity';
import type { ProgramsService } from '../programs/programs.service';
import { PARTNER_KINDS, PARTNER_STATUSES, Partner } from './partner.entity';
import { addTotals, figuresFor, pointsOfRow, ZERO, type PointTotals, type SettlementFigures } from './settlement';

/** What a partner's key may be given: recording its sales and taking points as payment. */
export const PARTNER_KEY_SCOPES: readonly ApiKeyScope[] = ['purchases:write', 'points:redeem'];

const rate = z.number().int('must be whole minor units').min(0).max(1_000_000);
const partnerInput = z
  .object({
    programId: z.number().int().positive(),
    code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
    name: z.string().trim().min(1, 'is required').max(200),
    kind: z.enum(PARTNER_KINDS),
    contactEmail: z.string().trim().max(191).pipe(z.email('must be an email address')).nullable(),
    status: z.enum(PARTNER_STATUSES),
    issueRateMinor: rate,
    redeemRateMinor: rate,
    ratePoints: z.number().int().min(1).max(1_000_000),
    earnPoints: z.number().int().min(0).max(1_000_000).nullable(),
    earnPerMinor: z.number().int().min(1).max(100_000_000).nullable(),
  })
  .refine((p) => (p.earnPoints === null) === (p.earnPerMinor === null), { message: 'give earnPoints and earnPerMinor together, or neither', path: ['earnPerMinor'] });
export type PartnerInput = Partial<z.input<typeof partnerInput>>;

const DEFAULTS = { kind: 'other', contactEmail: null, status: 'active', issueRateMinor: 0, redeemRateMinor: 0, ratePoints: 1, earnPoints: null, earnPerMinor: null } as const;
const MAX_PERIOD_MS = 3 * 366 * 86_400_000;

export interface Settlement extends SettlementFigures {
  partner: Partner;
  from: Date;
  to: Date;
  currency: string;
  /** The same figures per calendar month (UTC), each line rounded on its own. */
  months: ({ month: string } & SettlementFigures)[];
}

const stripNulls = <T extends Record<string, unknown>>(input: T, keep: string[]) =>
  Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && (v !== null || keep.includes(k))));

/** Coalition partners, their keys and what each side owes. Knows no GraphQL. */
export class PartnersService {
  constructor(private readonly programs: ProgramsService) {}

  async create(em: EntityManager, input: PartnerInput): Promise<Partner> {
    const program = await this.programs.resolve(em, input.programId);
    const data = parseInput(partnerInput, { ...DEFAULTS, ...stripNulls(input, []), programId: program.id });
    return this.save(em, em.create(Partner, data));
  }

  async update(em: EntityManager, id: number, input: PartnerInput): Promise<Partner> {
    const partner = await this.byId(em, id);
    // The program is fixed: the partner's history is in its ledger.
    const data = parseInput(partnerInput, { ...partner, ...stripNulls(input, ['contactEmail', 'earnPoints', 'earnPerMinor']), programId: partner.programId });
    Object.assign(partner, data, { updatedAt: new Date() });
    return this.save(em, partner);
  }

  private async save(em: EntityManager, partner: Partner): Promise<Partner> {
    try {
      return await em.save(partner);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A partner with code "${partner.code}" already exists in this program.`);
      throw error;
    }
  }

  async byId(em: EntityManager, id: number): Promise<Partner> {
    const partner = await em.findOne(Partner, { where: { id } });
    if (!partner) throw new NotFoundError('Partner', String(id));
    return partner;
  }

  /** The partner a key acts for, or null when it is gone or suspended. */
  async active(em: EntityManager, id: number): Promise<Partner | null> {
    const partner = await em.findOne(Partner, { where: { id } });
    return partner?.status === 'active' ? partner : null;
  }

  page(em: EntityManager, filter: { programId?: number | null; status?: string | null }, page: PageRequest): Promise<Partner[]> {
    return keysetPage(em, Partner, page, (qb, p) => {
      if (filter.programId) qb.andWhere(`${p}.programId = :programId`, { programId: filter.programId });
      if (filter.status) qb.andWhere(`${p}.status = :status`, { status: filter.status });
    });
  }

  /** True when the member (by id or by the brand's customer id) has an account in the program. */
  async memberInProgram(em: EntityManager, member: { memberId?: number | null; memberExternalId?: string | null }, programId: number): Promise<boolean> {
    const memberId = member.memberId ?? (member.memberExternalId ? (await em.findOne(Member, { where: { externalId: member.memberExternalId } }))?.id : null);
    return memberId ? em.exists(LoyaltyAccount, { where: { memberId, programId } }) : false;
  }

  /** Checks what a partner's key may be given; the key itself is made by AuthService. */
  keyScopes(scopes: readonly ApiKeyScope[]): ApiKeyScope[] {
    const refused = scopes.filter((s) => !PARTNER_KEY_SCOPES.includes(s));
    if (refused.length) throw ValidationError.of(['scopes'], `a partner key may hold only ${PARTNER_KEY_SCOPES.join(', ')}`, 'invalid_value');
    return [...new Set(scopes)];
  }

  /** The keys of several partners in one query (DataLoader). */
  async keysByPartner(em: EntityManager, partnerIds: readonly number[]): Promise<ApiKey[][]> {
    const rows = partnerIds.length ? await em.find(ApiKey, { where: { partnerId: In([...new Set(partnerIds)]) }, order: { id: 'ASC' } }) : [];
    return partnerIds.map((id) => rows.filter((key) => key.partnerId === id));
  }

  async settlement(em: EntityManager, partnerId: number, from: Date, to: Date): Promise<Settlement> {
    const partner = await this.byId(em, partnerId);
    const [settlement] = await this.settle(em, [partner], from, to);
    return settlement;
  }

  /** Every partner of the program, in one query over the ledger. */
  async settlements(em: EntityManager, programId: number, from: Date, to: Date): Promise<Settlement[]> {
    const program = await this.programs.resolve(em, programId);
    const partners = await em.find(Partner, { where: { programId: program.id }, order: { id: 'ASC' } });
    return this.settle(em, partners, from, to);
  }

  private async settle(em: EntityManager, partners: Partner[], from: Date, to: Date): Promise<Settlement[]> {
    if (!(from.getTime() < to.getTime())) throw ValidationError.of(['to'], 'must be after from', 'invalid_value');
    if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw ValidationError.of(['to'], 'a period is at most three years', 'too_big');
    const currency = partners.length ? (await this.programs.resolve(em, partners[0].programId)).currency : '';
    const byPartner = new Map<number, Map<string, PointTotals>>(partners.map((p) => [p.id, new Map()]));
    if (partners.length) {
      const dialect = dialectOf(em.connection);
      const month = sqlMonth(dialect, 'e.occurredAt');
      const rows: { partnerId: number; kind: string; month: string; available: string | number; pending: string | number; debt: string | number }[] = await em.query(
        `SELECT e.partnerId AS partnerId, e.kind AS kind, ${month} AS month,
                SUM(e.availableChange) AS available, SUM(e.pendingChange) AS pending, SUM(e.debtChange) AS debt
           FROM ledger_entries e
          WHERE e.partnerId IN (${partners.map(() => '?').join(', ')}) AND e.occurredAt >= ? AND e.occurredAt < ?
          GROUP BY e.partnerId, e.kind, ${month}`,
        [...partners.map((p) => p.id), sqlDate(dialect, from), sqlDate(dialect, to)],
      );
      for (const row of rows) {
        const months = byPartner.get(Number(row.partnerId));
        if (!months) continue;
        const points = pointsOfRow({ kind: row.kind, available: Number(row.available), pending: Number(row.pending), debt: Number(row.debt) });
        months.set(row.month, addTotals(months.get(row.month) ?? ZERO, points));
      }
    }
    return partners.map((partner) => {
      const months = [...(byPartner.get(partner.id) ?? new Map<string, PointTotals>()).entries()].sort(([a], [b]) => a.localeCompare(b));
      const total = months.reduce((sum, [, points]) => addTotals(sum, points), ZERO);
      return {
        partner,
        from,
        to,
        currency,
        ...figuresFor(partner, total),
        months: months.map(([m, points]) => ({ month: m, ...figuresFor(partner, points) })),
      };
    });
  }
}
