import type { StaffRole } from '../../graphql/generated/graphql';

/** Marketers draw and publish campaigns; analysts may open them to read and simulate. */
export function canEditCampaigns(role: StaffRole | null | undefined): boolean {
  return role === 'MARKETER' || role === 'ADMIN';
}
