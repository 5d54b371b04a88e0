import type { ApiKeyScope, StaffRole } from '@patron/schema';

/** Who is making a request. Resolvers decide from this alone. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'staff'; staffUserId: number; role: StaffRole; sessionId: number }
  | { kind: 'member'; memberId: number; sessionId: number }
  | { kind: 'apiKey'; apiKeyId: number; scopes: ApiKeyScope[]; partnerId: number | null };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** Where a change a member agreed to came from, for the consent evidence. */
export function consentOrigin(actor: Actor): { source: 'portal' | 'staff' | 'api' | 'system'; actorId: number | null } {
  if (actor.kind === 'member') return { source: 'portal', actorId: null };
  if (actor.kind === 'staff') return { source: 'staff', actorId: actor.staffUserId };
  if (actor.kind === 'apiKey') return { source: 'api', actorId: actor.apiKeyId };
  return { source: 'system', actorId: null };
}
