/**
 * Who may do what: the staff roles and API key scopes the server enforces and the
 * console offers. Kept here once so that server and web agree.
 */
export const STAFF_ROLES = ['admin', 'marketer', 'moderator', 'analyst', 'support'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Scopes an API key (POS, storefront, partner server) can be given. */
export const API_KEY_SCOPES = [
  'members:read',
  'members:write',
  'purchases:write',
  'points:redeem',
  'points:adjust',
  'events:write',
  'rewards:read',
  'community:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
