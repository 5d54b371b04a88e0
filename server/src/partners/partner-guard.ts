import type { Context } from '../graphql/context';
import { forbidden } from '../graphql/request-errors';
import type { Partner } from './partner.entity';

/**
 * The partner whose key makes this request: null for anyone else. A suspended (or
 * deleted) partner's keys are refused here, before anything is read or written.
 */
export async function actingPartner(ctx: Context): Promise<Partner | null> {
  const { actor } = ctx;
  if (actor.kind !== 'apiKey' || actor.partnerId === null) return null;
  const partner = await ctx.services.partners.active(ctx.em, actor.partnerId);
  if (!partner) throw forbidden('This partner is suspended.');
  return partner;
}

/**
 * A partner's key writes only in its own program and only for members who have an
 * account there: naming another program, or a member of another program, is FORBIDDEN
 * and writes nothing. Returns the partner (null for the brand's own callers).
 */
export async function partnerWriteScope(ctx: Context, target: { memberId?: number | null; memberExternalId?: string | null; programId?: number | null }): Promise<Partner | null> {
  const partner = await actingPartner(ctx);
  if (!partner) return null;
  if (target.programId && target.programId !== partner.programId) throw forbidden("A partner's key works only in the partner's program.");
  if ((target.memberId || target.memberExternalId) && !(await ctx.services.partners.memberInProgram(ctx.em, target, partner.programId))) {
    throw forbidden("This member is not in the partner's program.");
  }
  return partner;
}

/** Staff who read settlements, or the partner itself for its own. */
export function canReadSettlement(ctx: Context, partnerId: number): boolean {
  const { actor } = ctx;
  if (actor.kind === 'staff') return ['admin', 'marketer', 'analyst'].includes(actor.role);
  return actor.kind === 'apiKey' && actor.partnerId === partnerId;
}
