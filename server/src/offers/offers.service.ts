import { z } from 'zod';
import { In, type EntityManager } from 'typeorm';
import { keysetPage, type PageRequest } from '../db/keyset-page';
import { loadByIds } from '../db/load-by-ids';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import { addDays } from '../programs/calendar';
import type { ProgramsService } from '../programs/programs.service';
import type { SegmentsService } from '../segments/segments.service';
import { favouriteCategories } from './favourite-category';
import { MemberOffer, type MemberOfferState, type OfferOccasion } from './member-offer.entity';
import { Offer, OFFER_AUDIENCES, OFFER_KINDS, type OfferStatus } from './offer.entity';

const MAX_MINOR = 2_000_000_000;
const segmentCode = z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'a segment code');

const offerInput = z
  .object({
    programId: z.number().int().positive().nullable().optional(),
    code: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -'),
    title: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(1000).default(''),
    kind: z.enum(OFFER_KINDS),
    value: z.number().int('must be whole').min(1).max(1_000_000),
    category: z.string().trim().min(1).max(100).nullable().optional(),
    minPurchaseMinor: z.number().int().min(0).max(MAX_MINOR).default(0),
    validFrom: z.date().nullable().optional(),
    validUntil: z.date().nullable().optional(),
    maxUsesPerMember: z.number().int().min(1).max(1000).nullable().optional(),
    requiresActivation: z.boolean().default(false),
    audience: z.enum(OFFER_AUDIENCES),
    segment: segmentCode.nullable().optional(),
    favouriteDays: z.number().int().min(1).max(365).default(90),
    personalDays: z.number().int().min(1).max(365).default(14),
  })
  .refine((o) => o.kind !== 'pointsMultiplier' || (o.value > 100 && o.value <= 1000), { message: 'a multiplier is a percent above 100 (200 = 2×), at most 1000', path: ['value'] })
  .refine((o) => o.kind !== 'percentDiscount' || o.value <= 100, { message: 'a discount is 1–100 %', path: ['value'] })
  .refine((o) => !o.validFrom || !o.validUntil || o.validUntil > o.validFrom, { message: 'must be after validFrom', path: ['validUntil'] })
  .refine((o) => o.audience !== 'segment' || !!o.segment, { message: 'a segment offer needs its segment', path: ['segment'] })
  .refine((o) => o.audience === 'segment' || !o.segment, { message: 'only for the segment audience', path: ['segment'] })
  .refine((o) => o.audience !== 'favouriteCategory' || !o.category, { message: "a favourite-category offer takes each member's own category", path: ['category'] });
export type OfferInput = z.input<typeof offerInput>;

/** One offer as one member holds it: what the portal shows and what a purchase applies. */
export interface MemberOfferView {
  offer: Offer;
  memberId: number;
  state: MemberOfferState;
  /** The category the offer counts: the member's favourite, the offer's own, or null (the whole purchase). */
  category: string | null;
  /** The earlier of the offer's end and the personal grant's end. */
  validUntil: Date | null;
  uses: number;
  grantedAt: Date | null;
  /** What occasioned a personal grant (a birthday), when known. */
  occasion: OfferOccasion | null;
  activatedAt: Date | null;
  usedAt: Date | null;
  row: MemberOffer | null;
}

export interface OfferStats {
  reached: number;
  activated: number;
  used: number;
  uses: number;
  pointsGiven: number;
}

const earlier = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * Personal offers: staff create them; members see the ones meant for them and activate
 * them; purchases apply them (offer-purchases.ts). Knows no GraphQL.
 */
export class OffersService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly segments: SegmentsService,
  ) {}

  byIds(em: EntityManager, ids: readonly (number | string)[]) {
    return loadByIds(em, Offer, ids);
  }

  async get(em: EntityManager, id: number): Promise<Offer> {
    const offer = Number.isSafeInteger(id) ? await em.findOne(Offer, { where: { id } }) : null;
    if (!offer) throw new NotFoundError('Offer', String(id));
    return offer;
  }

  async page(em: EntityManager, page: PageRequest, programId?: number | null, status?: OfferStatus | null) {
    const program = await this.programs.resolve(em, programId);
    return keysetPage(em, Offer, page, (qb, o) => {
      qb.andWhere(`${o}.programId = :programId`, { programId: program.id });
      if (status) qb.andWhere(`${o}.status = :status`, { status });
    });
  }

  /** Codes flows may grant (action.grantOffer): the program's personal offers that are not archived. */
  async grantableCodes(em: EntityManager, programId: number): Promise<string[]> {
    const rows = await em.find(Offer, { select: { code: true }, where: { programId, audience: 'personal', status: In(['draft', 'active']) } });
    return rows.map((o) => o.code);
  }

  async create(em: EntityManager, raw: OfferInput): Promise<Offer> {
    const input = parseInput(offerInput, raw, ['input']);
    const program = await this.programs.resolve(em, input.programId);
    await this.checkSegment(em, program.id, input.segment ?? null);
    const offer = em.create(Offer, { ...input, programId: program.id, category: input.category ?? null, segment: input.segment ?? null, validFrom: input.validFrom ?? null, validUntil: input.validUntil ?? null, maxUsesPerMember: input.maxUsesPerMember ?? null });
    try {
      await em.insert(Offer, offer as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`An offer with the code "${input.code}" already exists.`);
      throw error;
    }
    return offer;
  }

  /** Changes an offer; its code stays (flows refer to it), and so do its kind and audience once members hold it. */
  async update(em: EntityManager, id: number, raw: Partial<OfferInput>): Promise<Offer> {
    const offer = await this.get(em, id);
    const { id: _id, programId: _p, status: _s, createdAt: _c, updatedAt: _u, ...current } = offer;
    const input = parseInput(offerInput, { ...current, ...raw }, ['input']);
    if (input.code !== offer.code) throw ValidationError.of(['input', 'code'], 'flows refer to the code: it cannot change');
    const held = await em.exists(MemberOffer, { where: { offerId: id } });
    if (held && (input.kind !== offer.kind || input.audience !== offer.audience)) throw new ConflictError('Members hold this offer: its kind and audience can no longer change. Create a new offer.');
    await this.checkSegment(em, offer.programId, input.segment ?? null);
    const { programId: _ignored, ...fields } = input;
    await em.update(Offer, id, { ...fields, category: input.category ?? null, segment: input.segment ?? null, validFrom: input.validFrom ?? null, validUntil: input.validUntil ?? null, maxUsesPerMember: input.maxUsesPerMember ?? null, updatedAt: new Date() });
    return this.get(em, id);
  }

  async setStatus(em: EntityManager, id: number, status: OfferStatus): Promise<Offer> {
    const offer = await this.get(em, id);
    if (status === 'draft' && offer.status !== 'draft') throw ValidationError.of(['status'], 'an offer cannot go back to draft');
    await em.update(Offer, id, { status, updatedAt: new Date() });
    return this.get(em, id);
  }

  private async checkSegment(em: EntityManager, programId: number, segment: string | null) {
    if (segment && !(await this.segments.codes(em, programId)).includes(segment)) throw ValidationError.of(['input', 'segment'], `no segment "${segment}" in this program`, 'invalid_value');
  }

  /**
   * The offers each member may see at `at`, in a fixed number of queries whatever the
   * number of members: active offers valid then, in the member's audience (a personal
   * offer only for the members it was granted to), with their state.
   */
  async forMembers(em: EntityManager, programId: number, memberIds: readonly number[], at: Date, options: { offerId?: number; excludePurchaseId?: number } = {}): Promise<MemberOfferView[][]> {
    if (memberIds.length === 0) return [];
    const qb = em
      .getRepository(Offer)
      .createQueryBuilder('o')
      .where('o.programId = :programId AND o.status = :active', { programId, active: 'active' })
      .andWhere('(o.validFrom IS NULL OR o.validFrom <= :at) AND (o.validUntil IS NULL OR o.validUntil > :at)', { at })
      .orderBy('o.id', 'ASC');
    if (options.offerId !== undefined) qb.andWhere('o.id = :offerId', { offerId: options.offerId });
    const offers = await qb.getMany();
    if (offers.length === 0) return memberIds.map(() => []);
    const rows = await em.find(MemberOffer, { where: { offerId: In(offers.map((o) => o.id)), memberId: In([...memberIds]) } });
    const rowOf = new Map(rows.map((r) => [`${r.offerId}:${r.memberId}`, r]));
    const segmentCodes = offers.some((o) => o.audience === 'segment') ? await this.segments.codesForMembers(em, programId, memberIds) : memberIds.map(() => []);
    const favourites = new Map<number, Map<number, string>>();
    for (const days of new Set(offers.filter((o) => o.audience === 'favouriteCategory').map((o) => o.favouriteDays))) {
      favourites.set(days, await favouriteCategories(em, programId, memberIds, days, at, options.excludePurchaseId));
    }
    return memberIds.map((memberId, index) =>
      offers.flatMap((offer) => {
        const row = rowOf.get(`${offer.id}:${memberId}`) ?? null;
        const favourite = offer.audience === 'favouriteCategory' ? (row?.category ?? favourites.get(offer.favouriteDays)?.get(memberId) ?? null) : null;
        const inAudience =
          offer.audience === 'everyone' ||
          (offer.audience === 'segment' && segmentCodes[index].includes(offer.segment ?? '')) ||
          (offer.audience === 'favouriteCategory' && favourite !== null) ||
          (offer.audience === 'personal' && row?.grantedAt != null);
        if (!inAudience) return [];
        const validUntil = earlier(offer.validUntil, offer.audience === 'personal' ? (row?.validUntil ?? null) : null);
        const usedUp = row !== null && (row.state === 'used' || (offer.maxUsesPerMember !== null && row.uses >= offer.maxUsesPerMember));
        const state: MemberOfferState = usedUp ? 'used' : validUntil && validUntil <= at ? 'expired' : (row?.state ?? 'available');
        return [{ offer, memberId, state, category: favourite ?? offer.category, validUntil, uses: row?.uses ?? 0, grantedAt: row?.grantedAt ?? null, occasion: offer.audience === 'personal' ? (row?.occasion ?? null) : null, activatedAt: row?.activatedAt ?? null, usedAt: row?.usedAt ?? null, row }];
      }),
    );
  }

  /** The signed-in member's offers in the default program (the portal's list). */
  async mine(em: EntityManager, memberId: number, now = new Date()): Promise<MemberOfferView[]> {
    const program = await this.programs.resolve(em);
    return (await this.forMembers(em, program.id, [memberId], now))[0];
  }

  /**
   * The member activates an offer that asks for it; again changes nothing. An offer the
   * member cannot see (someone else's personal offer, another segment's, a draft) is not
   * found; one used up or past its date is a conflict.
   */
  async activate(em: EntityManager, memberId: number, offerId: number, now = new Date()): Promise<MemberOfferView> {
    const offer = Number.isSafeInteger(offerId) ? await em.findOne(Offer, { where: { id: offerId } }) : null;
    const view = offer ? (await this.forMembers(em, offer.programId, [memberId], now, { offerId }))[0][0] : undefined;
    if (!offer || !view) throw new NotFoundError('Offer', String(offerId));
    if (view.state === 'used') throw new ConflictError('This offer has been used.');
    if (view.state === 'expired') throw new ConflictError('This offer has expired.');
    if (view.state === 'activated' || !offer.requiresActivation) return view;
    if (view.row) {
      await em
        .createQueryBuilder()
        .update(MemberOffer)
        .set({ state: 'activated', activatedAt: now, category: view.category })
        .where('id = :id AND state = :available', { id: view.row.id, available: 'available' })
        .execute();
    } else {
      try {
        await em.insert(MemberOffer, { offerId, memberId, state: 'activated', category: offer.audience === 'favouriteCategory' ? view.category : null, activatedAt: now, createdAt: now });
      } catch (error) {
        // Activated twice at once: the other request's row stands.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return (await this.forMembers(em, offer.programId, [memberId], now, { offerId }))[0][0];
  }

  /**
   * Grants a personal offer (action.grantOffer) for the offer's personalDays: false when
   * there is no such active personal offer or the member still holds it unused.
   */
  async grant(em: EntityManager, programId: number, memberId: number, code: string, now: Date, occasion: OfferOccasion | null = null): Promise<boolean> {
    const offer = await em.findOne(Offer, { where: { programId, code, audience: 'personal', status: 'active' } });
    if (!offer || (offer.validUntil && offer.validUntil <= now)) return false;
    const validUntil = earlier(addDays(now, offer.personalDays), offer.validUntil);
    const row = await em.findOne(MemberOffer, { where: { offerId: offer.id, memberId } });
    const held = row?.grantedAt && row.validUntil && row.validUntil > now && row.state !== 'used' && (offer.maxUsesPerMember === null || row.uses < offer.maxUsesPerMember);
    if (held) return false;
    // A new grant (next year's birthday) starts afresh; pointsGiven keeps adding up for the stats.
    const fresh = { state: 'available' as const, grantedAt: now, occasion, validUntil, uses: 0, activatedAt: null, usedAt: null, category: null };
    if (row) {
      await em.update(MemberOffer, row.id, fresh);
      return true;
    }
    try {
      await em.insert(MemberOffer, { offerId: offer.id, memberId, ...fresh, createdAt: now });
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    return true;
  }

  /** Members holding each offer, activated, used, and points given, in one query. */
  async stats(em: EntityManager, offerIds: readonly number[]): Promise<OfferStats[]> {
    if (offerIds.length === 0) return [];
    const rows: { offerId: number | string; reached: number | string; activated: number | string | null; used: number | string | null; uses: number | string | null; points: number | string | null }[] = await em
      .getRepository(MemberOffer)
      .createQueryBuilder('r')
      .select('r.offerId', 'offerId')
      .addSelect('COUNT(*)', 'reached')
      .addSelect('SUM(CASE WHEN r.activatedAt IS NOT NULL THEN 1 ELSE 0 END)', 'activated')
      .addSelect('SUM(CASE WHEN r.uses > 0 THEN 1 ELSE 0 END)', 'used')
      .addSelect('SUM(r.uses)', 'uses')
      .addSelect('SUM(r.pointsGiven)', 'points')
      .where('r.offerId IN (:...ids)', { ids: [...offerIds] })
      .groupBy('r.offerId')
      .getRawMany();
    const byId = new Map(rows.map((r) => [Number(r.offerId), r]));
    return offerIds.map((id) => {
      const r = byId.get(id);
      return { reached: Number(r?.reached ?? 0), activated: Number(r?.activated ?? 0), used: Number(r?.used ?? 0), uses: Number(r?.uses ?? 0), pointsGiven: Number(r?.points ?? 0) };
    });
  }
}
