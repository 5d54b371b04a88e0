import type { StaffRole } from '../../graphql/generated/graphql';
import { canOpen } from '../access';

export interface MemberActions {
  /** adjustPoints: admin and support (server/test/authorization-rules.ts). */
  adjust: boolean;
  /** memberData: admin and support. */
  exportData: boolean;
  /** anonymizeMember: admin and support. */
  anonymise: boolean;
  /** The member's moderation record lives in the community section. */
  moderation: boolean;
  /** Segment names and links: roles that may open segments (all of them may call `segments`). */
  segmentNames: boolean;
}

const CARE_ROLES: readonly StaffRole[] = ['ADMIN', 'SUPPORT'];

/** What the profile offers a role: only what the server would let it do, so no button leads to "forbidden". */
export function memberActions(role: StaffRole | null | undefined): MemberActions {
  if (!role) return { adjust: false, exportData: false, anonymise: false, moderation: false, segmentNames: false };
  const care = CARE_ROLES.includes(role);
  return { adjust: care, exportData: care, anonymise: care, moderation: canOpen(role, 'community'), segmentNames: canOpen(role, 'segments') };
}
