import type { StaffRole } from '../../graphql/generated/graphql';

/** Marketers build segments and surveys; analysts and support may read them. */
export function canEditAudience(role: StaffRole | null | undefined): boolean {
  return role === 'MARKETER' || role === 'ADMIN';
}
