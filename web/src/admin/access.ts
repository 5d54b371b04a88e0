import type { StaffRole } from '../graphql/generated/graphql';

/** Console sections in navigation order. */
export const ADMIN_SECTIONS = [
  'dashboard',
  'members',
  'programs',
  'templates',
  'campaigns',
  'rewards',
  'engagement',
  'segments',
  'community',
  'surveys',
  'partners',
  'imports',
  'settings',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/**
 * The one place that says which role sees which section. It shapes the navigation and
 * the route guard; the server enforces the same rights on every field regardless.
 */
const ROLE_SECTIONS: Record<StaffRole, readonly AdminSection[]> = {
  ADMIN: ADMIN_SECTIONS,
  MARKETER: ['dashboard', 'members', 'programs', 'templates', 'campaigns', 'rewards', 'engagement', 'segments', 'surveys', 'partners'],
  MODERATOR: ['dashboard', 'community', 'members'],
  ANALYST: ['dashboard', 'members', 'templates', 'campaigns', 'rewards', 'engagement', 'segments', 'surveys', 'partners'],
  SUPPORT: ['dashboard', 'members', 'imports'],
};

/** The sections a role may open, in navigation order. */
export function sectionsFor(role: StaffRole): AdminSection[] {
  const allowed = ROLE_SECTIONS[role] ?? [];
  return ADMIN_SECTIONS.filter((section) => allowed.includes(section));
}

export function canOpen(role: StaffRole, section: AdminSection): boolean {
  return (ROLE_SECTIONS[role] ?? []).includes(section);
}
