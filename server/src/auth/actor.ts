import type { ApiKeyScope, StaffRole } from '@patron/schema';

/** Who is making a request. Resolvers decide from this alone. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'staff'; staffUserId: number; role: StaffRole; sessionId: number }
  | { kind: 'member'; memberId: number; sessionId: number }
  | { kind: 'apiKey'; apiKeyId: number; scopes: ApiKeyScope[]; partnerId: number | null };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
