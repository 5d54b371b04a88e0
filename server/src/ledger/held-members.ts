import type { EntityManager } from 'typeorm';
import { inWriteGroup } from '../db/write-groups';
import type { Member } from '../members/member.entity';
import type { Program } from '../programs/program.entity';
import type { LoyaltyAccount } from './account.entity';

/** How a call names its member: by id or by external id. */
export type NamedMember = { id: number } | { externalId: string };

interface Held {
  member: Member;
  account: LoyaltyAccount;
  programId: number;
  listenersVersion: number;
}

/** The member as a call names them, as a key: the write groups' key (db/write-groups.ts), so that what one write holds the next of its key finds. */
export const keyOf = (named: NamedMember) => ('id' in named ? `id:${named.id}` : `external:${named.externalId}`);

/**
 * By transaction, the members a write left locked, by how it named them. A write group
 * (db/write-groups.ts) runs one member's writes one after another in one transaction: after
 * a purchase that changed the account only through the ledger (which keeps it current in
 * memory), the member stays locked to the end of the transaction, and the member's next write
 * in it takes member and account from here (LedgerService.lockNamedMember) instead of
 * reading them again: one round trip less for each of a regular's purchases.
 */
export class HeldMembers {
  private readonly byTransaction = new WeakMap<EntityManager, Map<string, Held>>();

  /** Held only in a write group's transaction: elsewhere no next write of the member shares it. */
  hold(em: EntityManager, named: NamedMember, member: Member, account: LoyaltyAccount, program: Program): void {
    if (!inWriteGroup(em)) return;
    let held = this.byTransaction.get(em);
    if (!held) this.byTransaction.set(em, (held = new Map()));
    held.set(keyOf(named), { member, account, programId: program.id, listenersVersion: program.listenersVersion });
  }

  /** What `hold` left, once, while the program in memory is the one it was left under. */
  take(em: EntityManager, named: NamedMember, program: Program): Held | null {
    const held = this.byTransaction.get(em);
    const found = held?.get(keyOf(named));
    if (!found) return null;
    held!.delete(keyOf(named));
    return found.programId === program.id && found.listenersVersion === program.listenersVersion ? found : null;
  }
}
