import { z } from 'zod';
import { parseInput } from '../input';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { isUniqueViolation } from '../db/unique-violation';
import { loadByIds } from '../db/load-by-ids';
import { isValidTimeZone } from './calendar';
import { EXPIRY_POLICIES, Program, ROUNDINGS, TIER_REVIEWS, VALUE_KINDS } from './program.entity';
import { TIER_QUALIFIERS, TIER_WINDOWS, Tier } from './tier.entity';
import { Member } from '../members/member.entity';
import { findRow, findRowWithChildren, findRows } from '../db/find-rows';
import { watchForListeners } from '../rules/listeners-version';

const int = (min: number, max: number) => z.number().int('must be a whole number').min(min).max(max);

export const programInput = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1, 'is required').max(200),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code')
    .transform((c) => c.toUpperCase()),
  valueKind: z.enum(VALUE_KINDS),
  earnPoints: int(0, 1_000_000),
  earnPerMinor: int(1, 100_000_000),
  rounding: z.enum(ROUNDINGS),
  minPurchaseMinor: int(0, 2_000_000_000),
  pointValueMinor: int(0, 100_000_000),
  holdoutPercent: int(0, 50),
  maxRedeemPercent: int(0, 100),
  minRedeemPoints: int(0, 1_000_000_000),
  expiryPolicy: z.enum(EXPIRY_POLICIES),
  expiryDays: int(0, 3650),
  pendingDays: int(0, 365),
  timezone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Moscow'),
  tierReview: z.enum(TIER_REVIEWS),
  isDefault: z.boolean(),
}).refine((p) => p.valueKind !== 'cashback' || p.pointValueMinor === 1, {
  // Cashback is money: one "point" is one minor unit of the program's currency.
  message: 'a cashback program counts in minor units: pointValueMinor must be 1',
  path: ['pointValueMinor'],
});
export type ProgramInput = Partial<z.input<typeof programInput>>;

export const tierInput = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1, 'is required').max(200),
  rank: int(0, 100),
  qualifyBy: z.enum(TIER_QUALIFIERS),
  threshold: int(0, 2_000_000_000),
  window: z.enum(TIER_WINDOWS),
  windowDays: int(1, 3650),
  earnMultiplierPercent: int(0, 1000),
  discountPercent: int(0, 100),
  perks: z.array(z.string().trim().min(1).max(200)).max(50),
});
export type TierInput = Partial<z.input<typeof tierInput>>;

const PROGRAM_DEFAULTS = {
  currency: 'RUB',
  valueKind: 'points',
  earnPoints: 1,
  earnPerMinor: 100,
  rounding: 'floor',
  minPurchaseMinor: 0,
  pointValueMinor: 100,
  holdoutPercent: 0,
  maxRedeemPercent: 100,
  minRedeemPoints: 0,
  expiryPolicy: 'never',
  expiryDays: 0,
  pendingDays: 0,
  timezone: 'Europe/Moscow',
  tierReview: 'yearly',
  isDefault: false,
} as const;

const TIER_DEFAULTS = { qualifyBy: 'spend', threshold: 0, window: 'rolling', windowDays: 365, earnMultiplierPercent: 100, discountPercent: 0, perks: [] } as const;


/** Programs (the brand's rules of money) and their tiers. */
export class ProgramsService {
  /**
   * The programs the hot paths name (by the id a call gives; 0 for the default), with their
   * tiers, as last read. Every write to programs or tiers moves the programs' listeners
   * version in its own transaction (rules/listeners-version.ts), so an entry is good for a
   * transaction that read the version and found the entry's (LedgerService.lockNamedMember).
   * Frozen: one object serves every request, and none may change it.
   */
  private readonly remembered = new Map<number, { program: Program; tiers: Tier[] }>();

  constructor() {
    watchForListeners(Program);
    watchForListeners(Tier);
  }

  /** The program a call names (null: the default) with its tiers, as last remembered: to be checked against the version read. */
  inMemory(programId: number | null | undefined): { program: Program; tiers: Tier[] } | undefined {
    return this.remembered.get(programId ?? 0);
  }

  /** Keeps what a transaction read of a program and its tiers in one statement, if newer than what is kept (two reads may end in either order). */
  remember(programId: number | null | undefined, program: Program, tiers: Tier[]): void {
    const key = programId ?? 0;
    const known = this.remembered.get(key);
    if (known && known.program.listenersVersion >= program.listenersVersion) return;
    this.remembered.set(key, { program: Object.freeze(program), tiers: Object.freeze(tiers.map((tier) => Object.freeze(tier))) as Tier[] });
  }

  byIds(em: EntityManager, ids: readonly (number | string)[]) {
    return loadByIds(em, Program, ids);
  }

  list(em: EntityManager): Promise<Program[]> {
    return em.find(Program, { order: { id: 'ASC' } });
  }

  /** The program a call means: the one it names, or the default one. */
  async resolve(em: EntityManager, programId?: number | null): Promise<Program> {
    if (programId != null) {
      const program = Number.isSafeInteger(programId) ? await findRow(em, Program, { id: programId }) : null;
      if (!program) throw new NotFoundError('Program', String(programId));
      return program;
    }
    const program = (await findRow(em, Program, { isDefault: true })) ?? (await em.findOne(Program, { where: {}, order: { id: 'ASC' } }));
    if (!program) throw new NotFoundError('Program', 'default');
    return program;
  }

  /** The program a call means and its tiers by rank, in one statement: what a purchase needs before it earns. */
  async resolveWithTiers(em: EntityManager, programId?: number | null): Promise<{ program: Program; tiers: Tier[] }> {
    const where = programId == null ? { isDefault: true } : Number.isSafeInteger(programId) ? { id: programId } : null;
    const found = where ? await findRowWithChildren(em, Program, where, { entity: Tier, link: 'programId', orderBy: 'rank' }) : null;
    if (found) return { program: found.row, tiers: found.children };
    // Not found (resolve says so), or no program is the default (resolve takes the first).
    const program = await this.resolve(em, programId);
    return { program, tiers: await this.tiers(em, program.id) };
  }

  /**
   * The program a call means with its tiers, and the member the call names, in one
   * statement: what a purchase or a redemption reads before it locks the account. A member
   * that does not exist is NotFound, as the members service says it, before the program is
   * judged.
   */
  async resolveWithMember(em: EntityManager, programId: number | null | undefined, member: { id: number } | { externalId: string }): Promise<{ program: Program; tiers: Tier[]; member: Member }> {
    const where = programId == null ? { isDefault: true } : Number.isSafeInteger(programId) ? { id: programId } : null;
    const found = where ? await findRowWithChildren(em, Program, where, { entity: Tier, link: 'programId', orderBy: 'rank' }, { entity: Member, where: member }) : null;
    const missing = () => new NotFoundError('Member', String('id' in member ? member.id : member.externalId));
    if (found) {
      if (!found.besideRow) throw missing();
      return { program: found.row, tiers: found.children, member: found.besideRow };
    }
    // No such program, or none is the default: the member first, then as resolveWithTiers.
    const row = await findRow(em, Member, member);
    if (!row) throw missing();
    return { ...(await this.resolveWithTiers(em, programId)), member: row };
  }

  async create(em: EntityManager, input: ProgramInput): Promise<Program> {
    const data = parseInput(programInput, { ...PROGRAM_DEFAULTS, ...stripNulls(input) }, ['input']);
    const isFirst = !(await em.exists(Program));
    const program = em.create(Program, { ...data, isDefault: data.isDefault || isFirst });
    if (program.isDefault) await em.update(Program, { isDefault: true }, { isDefault: false });
    try {
      await em.save(program);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A program with code "${data.code}" already exists.`);
      throw error;
    }
    return program;
  }

  async update(em: EntityManager, id: number, input: Partial<ProgramInput>): Promise<Program> {
    const program = await this.resolve(em, id);
    const data = parseInput(programInput, { ...program, ...stripNulls(input) }, ['input']);
    if (data.code !== program.code && (await em.exists(Program, { where: { code: data.code } }))) {
      throw new ConflictError(`A program with code "${data.code}" already exists.`);
    }
    if (program.isDefault && !data.isDefault) throw ValidationError.of(['input', 'isDefault'], 'make another program the default instead');
    if (data.isDefault && !program.isDefault) await em.update(Program, { isDefault: true }, { isDefault: false });
    Object.assign(program, data, { updatedAt: new Date() });
    return em.save(program);
  }

  tiers(em: EntityManager, programId: number): Promise<Tier[]> {
    return findRows(em, Tier, { programId }, { orderBy: 'rank' });
  }

  /** Tiers of several programs in one query (DataLoader). */
  async tiersByProgram(em: EntityManager, programIds: readonly number[]): Promise<Tier[][]> {
    const rows = programIds.length ? await em.getRepository(Tier).createQueryBuilder('t').where('t.programId IN (:...ids)', { ids: [...new Set(programIds)] }).orderBy('t.rank', 'ASC').getMany() : [];
    return programIds.map((id) => rows.filter((tier) => tier.programId === id));
  }

  async saveTier(em: EntityManager, programId: number, input: TierInput, tierId?: number): Promise<Tier> {
    await this.resolve(em, programId);
    const existing = tierId ? await em.findOne(Tier, { where: { id: tierId, programId } }) : null;
    if (tierId && !existing) throw new NotFoundError('Tier', String(tierId));
    const data = parseInput(tierInput, { ...TIER_DEFAULTS, ...(existing ?? {}), ...stripNulls(input) }, ['input']);
    const clash = await em.findOne(Tier, { where: [{ programId, code: data.code }, { programId, rank: data.rank }] });
    if (clash && clash.id !== existing?.id) throw new ConflictError(`Another tier of this program has code "${data.code}" or rank ${data.rank}.`);
    const tier = existing ?? em.create(Tier, { programId });
    Object.assign(tier, data);
    return em.save(tier);
  }
}

function stripNulls<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
