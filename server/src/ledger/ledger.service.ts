import type { EntityManager } from 'typeorm';
import { report } from '../activity';
import { InsufficientPointsError, NotFoundError, ValidationError } from '../errors';
import { isUniqueViolation } from '../db/unique-violation';
import { dialectOf } from '../db/data-source';
import { inHoldout } from '../programs/holdout';
import { Program } from '../programs/program.entity';
import { LoyaltyAccount } from './account.entity';
import { LedgerEntry, type EntryKind } from './ledger-entry.entity';
import { PointLot } from './point-lot.entity';
import { findRow, lockRowWithJoined } from '../db/find-rows';
import { Member } from '../members/member.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { Tier } from '../programs/tier.entity';
import { movedIn } from '../rules/listeners-version';
import { HeldMembers, type NamedMember } from './held-members';
import { insertRow, insertRowsWithoutIds, updateRowsLater } from '../db/write-rows';
import { expired, lotsToSpend, takeFrom, takeFromLots } from './lots';
import type { AccountStats, Changes, EarnInput, EntryContext } from './ledger-inputs';

export type { AccountStats, EarnInput, EntryContext } from './ledger-inputs';

/** The program's version, read beside the member and their account (its id the one parameter). */
const PROGRAM_VERSION = '(SELECT listenersVersion FROM programs WHERE id = ?)';

// Points are whole and an int column holds them: refuse what would overflow.
export const MAX_POINTS = 1_000_000_000;

/**
 * The points ledger: the only writer of balances, entries and lots. Every method runs in
 * the caller's transaction and starts by locking the account row (SELECT … FOR UPDATE on
 * MySQL; SQLite runs one transaction at a time), so that concurrent writers for one
 * member queue up and none can spend the same points twice.
 */
export class LedgerService {
  constructor(private readonly programs: ProgramsService) {}

  /** By transaction (its manager, one per transaction: see inTransaction), the copy of each account it last locked or wrote through. */
  private readonly current = new WeakMap<EntityManager, Map<number, LoyaltyAccount>>();
  /** Members a write group's purchase left locked, for the member's next write in the group (held-members.ts). */
  readonly held = new HeldMembers();

  /** The account as this transaction has left it, though another service may have locked and earned on its own copy. */
  latest(em: EntityManager, account: LoyaltyAccount): LoyaltyAccount {
    return this.current.get(em)?.get(account.id) ?? account;
  }

  private track(em: EntityManager, account: LoyaltyAccount): LoyaltyAccount {
    if (!em.queryRunner) return account;
    let accounts = this.current.get(em);
    if (!accounts) this.current.set(em, (accounts = new Map()));
    accounts.set(account.id, account);
    return account;
  }

  /** The member's account in a program, created on first use. */
  async openAccount(em: EntityManager, memberId: number, programId: number): Promise<LoyaltyAccount> {
    const existing = await em.findOne(LoyaltyAccount, { where: { memberId, programId } });
    if (existing) return existing;
    const program = await em.findOneOrFail(Program, { where: { id: programId } });
    try {
      await em.insert(LoyaltyAccount, em.create(LoyaltyAccount, { memberId, programId, holdout: inHoldout(program, memberId) }));
    } catch (error) {
      // Two first purchases at once: the unique index lets one insert win.
      if (!isUniqueViolation(error)) throw error;
    }
    return em.findOneOrFail(LoyaltyAccount, { where: { memberId, programId } });
  }

  /** Locks and re-reads the account: every balance change goes through here first. */
  async lock(em: EntityManager, accountId: number): Promise<LoyaltyAccount> {
    const qb = em.getRepository(LoyaltyAccount).createQueryBuilder('a').where('a.id = :accountId', { accountId });
    if (dialectOf(em.connection) === 'mysql') qb.setLock('pessimistic_write');
    return this.track(em, await qb.getOneOrFail());
  }

  /**
   * What a purchase or a redemption reads first: the program the call names (null: the
   * default) with its tiers, the member it names, and the member's account in the program,
   * locked (null if the member has none yet: `openLocked` opens it). When the program is
   * in memory this is one statement: the member and the account locked together, with the
   * program's version beside them (not locked), which says whether memory is still right.
   * Otherwise, or when the version has moved, the program and the member are read, and the
   * account is left to `openLocked`. The member's row is locked as well as the account's:
   * another writer to the member (a status change, an erasure) waits for the purchase.
   */
  async lockNamedMember(
    em: EntityManager,
    programId: number | null | undefined,
    named: NamedMember,
  ): Promise<{ program: Program; tiers: Tier[]; member: Member; account: LoyaltyAccount | null }> {
    // A transaction that wrote programs or tiers reads its own writes, and keeps nothing.
    const own = movedIn(em);
    const known = own ? undefined : this.programs.inMemory(programId);
    const held = known && this.held.take(em, named, known.program);
    // A copy: the write before answers with the account as it left it.
    if (held) return { ...known, member: held.member, account: this.track(em, Object.assign(new LoyaltyAccount(), this.latest(em, held.account))) };
    let locked: { row: Member; joined: LoyaltyAccount | null } | null = null;
    if (known) {
      const found = await lockRowWithJoined(em, { entity: Member, where: named }, { entity: LoyaltyAccount, link: 'memberId', where: { programId: known.program.id } }, [PROGRAM_VERSION], [known.program.id]);
      if (!found) throw new NotFoundError('Member', String('id' in named ? named.id : named.externalId));
      if (Number(found.head[0]) === known.program.listenersVersion) {
        return { ...known, member: found.row, account: found.joined && this.track(em, found.joined) };
      }
      // The program or its tiers changed since they were kept: read them again, below.
      locked = found;
    }
    const { program, tiers, member } = await this.programs.resolveWithMember(em, programId, named);
    // Kept only when read in one statement (a named program, or the default one).
    if (!own && (programId != null || program.isDefault)) this.programs.remember(programId, program, tiers);
    // The account locked above is still the one, unless the call's program is another now (a new default).
    const account = locked?.joined && locked.joined.programId === program.id ? this.track(em, locked.joined) : null;
    return { program, tiers, member, account };
  }

  /**
   * The member's account in a program, locked, in one read (two more only the first time,
   * to open it). The hot paths (a purchase, a redemption) start here and hand the locked
   * account to `earn`/`spend`, which then need not read it again.
   */
  async openLocked(em: EntityManager, memberId: number, program: Program): Promise<LoyaltyAccount> {
    const find = async () => {
      const account = await findRow(em, LoyaltyAccount, { memberId, programId: program.id }, { lock: true });
      return account && this.track(em, account);
    };
    const existing = await find();
    if (existing) return existing;
    try {
      await em.insert(LoyaltyAccount, em.create(LoyaltyAccount, { memberId, programId: program.id, holdout: inHoldout(program, memberId) }));
    } catch (error) {
      // Two first purchases at once: the unique index lets one insert win.
      if (!isUniqueViolation(error)) throw error;
    }
    const opened = await find();
    if (!opened) throw new Error(`ledger: account of member ${memberId} in program ${program.id} vanished after opening`);
    return opened;
  }

  /** An account given by id is locked here; one given as an entity must come from `lock`/`openLocked` in this transaction. */
  private locked(em: EntityManager, account: number | LoyaltyAccount): Promise<LoyaltyAccount> {
    return typeof account === 'number' ? this.lock(em, account) : Promise.resolve(account);
  }

  /**
   * Adds earned points. Refund debt is settled first; the rest becomes a lot that is
   * pending until `availableAt` and expires at `expiresAt`.
   */
  async earn(em: EntityManager, accountOrId: number | LoyaltyAccount, kind: Extract<EntryKind, 'earn' | 'adjust'>, input: EarnInput, now = new Date(), stats?: AccountStats) {
    assertPoints(input.points, 'points');
    const account = await this.locked(em, accountOrId);
    const accountId = account.id;
    const settled = Math.min(account.debt, input.points);
    const lotPoints = input.points - settled;
    const pendingLot = input.availableAt.getTime() > now.getTime();
    const changes: Changes = {
      debt: -settled,
      available: pendingLot ? 0 : lotPoints,
      pending: pendingLot ? lotPoints : 0,
      lifetimePoints: kind === 'earn' ? input.points : 0,
    };
    const entry = await this.write(em, account, kind, changes, input, now, stats);
    if (lotPoints > 0) {
      // Nobody reads a lot's id back: it rides with the transaction's next statement.
      await insertRowsWithoutIds(em, PointLot, [{
        accountId,
        entryId: entry.id,
        purchaseId: input.purchaseId ?? null,
        points: lotPoints,
        remaining: lotPoints,
        state: pendingLot ? 'pending' : 'available',
        availableAt: input.availableAt,
        expiresAt: input.expiresAt,
        createdAt: now,
      }]);
    }
    return { entry, settled };
  }

  /**
   * Spends available points, from the lots that expire first. Refuses with
   * InsufficientPointsError, and changes nothing, when the balance does not cover them.
   */
  async spend(em: EntityManager, accountOrId: number | LoyaltyAccount, kind: Extract<EntryKind, 'redeem' | 'adjust'>, points: number, context: EntryContext, now = new Date()) {
    assertPoints(points, 'points');
    const account = await this.locked(em, accountOrId);
    const lots = await lotsToSpend(em, account.id, points, now);
    const due = lots.filter((lot) => expired(lot, now));
    await this.closeExpired(em, account, due, now);
    if (account.available < points) throw new InsufficientPointsError(account.available, points);
    await takeFrom(em, lots.filter((lot) => !expired(lot, now) && lot.remaining > 0), points, 'available');
    return this.write(em, account, kind, { available: -points }, context, now);
  }

  /**
   * Claws back `points` that a refunded purchase earned: from the purchase's own lots
   * first (pending, then available), then from the rest of the available balance; what
   * is still missing (already spent) becomes debt. The balance never goes below zero.
   */
  async reverse(em: EntityManager, accountId: number, purchaseId: number, points: number, context: EntryContext, now = new Date()) {
    assertPoints(points, 'points');
    const account = await this.lock(em, accountId);
    await this.expireLocked(em, account, now);
    const fromPending = await takeFromLots(em, accountId, points, { state: 'pending', purchaseId });
    const fromOwn = await takeFromLots(em, accountId, points - fromPending, { state: 'available', purchaseId });
    const fromBalance = await takeFromLots(em, accountId, points - fromPending - fromOwn, { state: 'available' });
    const debt = points - fromPending - fromOwn - fromBalance;
    const entry = await this.write(em, account, 'reverse', { pending: -fromPending, available: -(fromOwn + fromBalance), debt }, context, now);
    return { entry, fromLots: fromPending + fromOwn + fromBalance, debt };
  }

  private async expireLocked(em: EntityManager, account: LoyaltyAccount, now: Date): Promise<LedgerEntry | null> {
    const lots = await em
      .getRepository(PointLot)
      .createQueryBuilder('l')
      .where('l.accountId = :accountId AND l.state = :state AND l.neverExpires = 0 AND l.expiresAt <= :now', { accountId: account.id, state: 'available', now })
      .getMany();
    return this.closeExpired(em, account, lots, now);
  }

  /** Closes the account's available lots past their date and takes what was left on them off the balance. */
  private async closeExpired(em: EntityManager, account: LoyaltyAccount, lots: PointLot[], now: Date): Promise<LedgerEntry | null> {
    const points = lots.reduce((sum, lot) => sum + lot.remaining, 0);
    if (lots.length === 0) return null;
    await em.getRepository(PointLot).update(lots.map((l) => l.id), { remaining: 0, state: 'closed' });
    if (points === 0) return null;
    return this.write(em, account, 'expire', { available: -points }, { source: 'expiry', occurredAt: now }, now);
  }

  /**
   * The daily work on a batch of accounts, in the caller's transaction and a fixed number of
   * statements whatever the batch's size: the accounts locked in one statement (in id order,
   * so two batches or a batch and a purchase cannot lock in opposite orders), their due lots
   * read in one, the lots, balances and entries written in one or two each. Per account, as
   * before: pending lots past their return period are released (one `release` entry), then
   * available lots past their date expire (one `expire` entry), a lot that is both included.
   */
  async settleDue(em: EntityManager, accountIds: readonly number[], now = new Date()): Promise<{ accountId: number; released: number; expired: number }[]> {
    if (accountIds.length === 0) return [];
    const locking = em.getRepository(LoyaltyAccount).createQueryBuilder('a').where('a.id IN (:...accountIds)', { accountIds }).orderBy('a.id', 'ASC');
    if (dialectOf(em.connection) === 'mysql') locking.setLock('pessimistic_write');
    const accounts = await locking.getMany();
    if (accounts.length === 0) return [];
    const lots = await em
      .getRepository(PointLot)
      .createQueryBuilder('l')
      .where('l.accountId IN (:...accountIds)', { accountIds: accounts.map((a) => a.id) })
      .andWhere('((l.state = :pending AND l.availableAt <= :now) OR (l.state = :available AND l.expiresAt <= :now))', { pending: 'pending', available: 'available', now })
      .orderBy('l.id', 'ASC')
      .getMany();
    const toAvailable: number[] = [];
    const toClosed: number[] = [];
    const changed: { account: LoyaltyAccount; was: Pick<LoyaltyAccount, 'available' | 'pending' | 'debt'> }[] = [];
    const entries: LedgerEntry[] = [];
    const results = accounts.map((account) => {
      const own = lots.filter((l) => l.accountId === account.id);
      const was = { available: account.available, pending: account.pending, debt: account.debt };
      // Released: a lot a refund emptied while pending is closed rather than made available.
      const released = own.filter((l) => l.state === 'pending');
      const releasedPoints = released.reduce((sum, lot) => sum + lot.remaining, 0);
      for (const lot of released) (lot.remaining > 0 && !expired(lot, now) ? toAvailable : toClosed).push(lot.id);
      if (releasedPoints > 0) entries.push(this.apply(account, 'release', { pending: -releasedPoints, available: releasedPoints }, { source: 'purchase', occurredAt: now }, now));
      // Expired: the available lots past their date, and the ones just released that are too.
      const due = own.filter((l) => expired(l, now) && (l.state === 'available' || l.remaining > 0));
      const expiredPoints = due.reduce((sum, lot) => sum + lot.remaining, 0);
      for (const lot of due) if (lot.state === 'available') toClosed.push(lot.id);
      if (expiredPoints > 0) entries.push(this.apply(account, 'expire', { available: -expiredPoints }, { source: 'expiry', occurredAt: now }, now));
      if (releasedPoints > 0 || expiredPoints > 0) changed.push({ account, was });
      return { accountId: account.id, released: releasedPoints, expired: expiredPoints };
    });
    if (toAvailable.length) await em.getRepository(PointLot).update(toAvailable, { state: 'available' });
    if (toClosed.length) await em.getRepository(PointLot).update(toClosed, { remaining: 0, state: 'closed' });
    if (changed.length) {
      // One guarded update for every balance: each row must still hold what was read under the lock.
      const params: Record<string, number> = {};
      const cases = (column: 'available' | 'pending') => `CASE id ${changed.map((_, i) => `WHEN :id${i} THEN :${column}${i}`).join(' ')} END`;
      const guard = changed.map((_, i) => `(id = :id${i} AND available = :wasAvailable${i} AND pending = :wasPending${i} AND debt = :wasDebt${i})`).join(' OR ');
      changed.forEach(({ account, was }, i) => {
        Object.assign(params, { [`id${i}`]: account.id, [`available${i}`]: account.available, [`pending${i}`]: account.pending });
        Object.assign(params, { [`wasAvailable${i}`]: was.available, [`wasPending${i}`]: was.pending, [`wasDebt${i}`]: was.debt });
      });
      const result = await em
        .createQueryBuilder()
        .update(LoyaltyAccount)
        .set({ available: () => cases('available'), pending: () => cases('pending'), updatedAt: now })
        .where(guard, params)
        .execute();
      if (result.affected !== changed.length) throw new Error(`ledger: ${changed.length - (result.affected ?? 0)} of ${changed.length} accounts changed under their locks`);
      await em.createQueryBuilder().insert().into(LedgerEntry).values(entries).updateEntity(false).execute();
      for (const entry of entries) report({ kind: 'ledgerEntry', entryKind: entry.kind });
    }
    return results;
  }

  /**
   * A purchase's counters (not balances), set on the locked account. With points earned they
   * ride on the balance update; without, this writes them alone.
   */
  async recordStats(em: EntityManager, account: LoyaltyAccount, stats: AccountStats): Promise<void> {
    await em.update(LoyaltyAccount, account.id, stats);
    Object.assign(account, stats);
  }

  /** Applies the changes to the account with a guarded update and appends the entry. */
  private async write(em: EntityManager, account: LoyaltyAccount, kind: EntryKind, changes: Changes, context: EntryContext, now: Date, stats?: AccountStats): Promise<LedgerEntry> {
    const was = { available: account.available, pending: account.pending, debt: account.debt };
    const entry = this.apply(account, kind, changes, context, now);
    // Guarded: the row must still hold what was read under the lock. Checked when the
    // entry's insert, which carries it (db/round-trips.ts), is answered.
    await updateRowsLater(
      em,
      LoyaltyAccount,
      { ...stats, available: account.available, pending: account.pending, debt: account.debt, lifetimePoints: account.lifetimePoints, updatedAt: now },
      { id: account.id, available: was.available, pending: was.pending, debt: was.debt },
      () => new Error(`ledger: account ${account.id} changed under its lock`),
    );
    this.track(em, account);
    if (stats) Object.assign(account, stats);
    await insertRow(em, LedgerEntry, entry);
    report({ kind: 'ledgerEntry', entryKind: kind });
    return entry;
  }

  /**
   * The changes applied to the locked account in memory, and the entry that records them;
   * the caller writes both (one account at a time in `write`, a batch in `settleDue`).
   */
  private apply(account: LoyaltyAccount, kind: EntryKind, changes: Changes, context: EntryContext, now: Date): LedgerEntry {
    const available = account.available + (changes.available ?? 0);
    const pending = account.pending + (changes.pending ?? 0);
    const debt = account.debt + (changes.debt ?? 0);
    if (available < 0 || pending < 0 || debt < 0) {
      throw new Error(`ledger invariant: account ${account.id} would go negative (${available}/${pending}/${debt})`);
    }
    account.available = available;
    account.pending = pending;
    account.debt = debt;
    account.lifetimePoints += changes.lifetimePoints ?? 0;
    account.updatedAt = now;
    const entry = new LedgerEntry();
    Object.assign(entry, {
      accountId: account.id,
      memberId: account.memberId,
      programId: account.programId,
      kind,
      source: context.source,
      availableChange: changes.available ?? 0,
      pendingChange: changes.pending ?? 0,
      debtChange: changes.debt ?? 0,
      availableAfter: available,
      pendingAfter: pending,
      debtAfter: debt,
      purchaseId: context.purchaseId ?? null,
      refundId: context.refundId ?? null,
      partnerId: context.partnerId ?? null,
      campaignId: context.campaignId ?? null,
      campaignVersion: context.campaignVersion ?? null,
      variantKey: context.variantKey ?? null,
      traceId: context.traceId ?? null,
      idempotencyKey: context.idempotencyKey ?? null,
      actorKind: context.actorKind ?? 'system',
      actorId: context.actorId ?? null,
      reason: context.reason?.slice(0, 500) ?? null,
      occurredAt: context.occurredAt ?? now,
      createdAt: now,
    });
    return entry;
  }
}

function assertPoints(points: number, field: string) {
  if (!Number.isSafeInteger(points) || points <= 0 || points > MAX_POINTS) {
    throw ValidationError.of(['input', field], `must be a whole number from 1 to ${MAX_POINTS}`, 'invalid_value');
  }
}
