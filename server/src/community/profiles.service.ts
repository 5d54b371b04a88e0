import { In, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotAllowedError, NotFoundError, ValidationError } from '../errors';
import { displayName } from '../gamification/leaderboard.service';
import { Member } from '../members/member.entity';
import { StaffUser } from '../auth/staff-user.entity';
import { CommunityPenalty } from './community-penalty.entity';
import { CommunityProfile } from './community-profile.entity';
import { USERNAME } from './markdown';
import { trustLevel, TRUST_LIMITS, type TrustLevel, type TrustLimits } from './trust';

/** Who writes: a member of the brand, or staff (whose posts carry the staff badge). */
export type Writer = { kind: 'member'; memberId: number } | { kind: 'staff'; staffUserId: number };

/** How an author is shown beside a post: a display name and @username, never a contact. */
export interface AuthorView {
  memberId: number | null;
  staffUserId: number | null;
  username: string | null;
  displayName: string;
  isStaff: boolean;
}

export interface MemberStanding {
  member: Member;
  profile: CommunityProfile;
  /** The rank of the member's tier in the program, null without one. */
  tierRank: number | null;
  trust: TrustLevel;
  limits: TrustLimits;
  penalty: CommunityPenalty | null;
}

/** Forum identities, authors as shown, trust and penalties. */
export class CommunityProfilesService {
  /** The member's forum profile, created with a generated @username on first use. */
  async ensure(em: EntityManager, memberId: number): Promise<CommunityProfile> {
    const found = await em.findOne(CommunityProfile, { where: { memberId } });
    if (found) return found;
    const member = await em.findOne(Member, { where: { id: memberId } });
    if (!member) throw new NotFoundError('Member', String(memberId));
    const base =
      (member.name.trim().split(/\s+/)[0] ?? '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_]/gu, '')
        .slice(0, 20) || 'member';
    const profile = em.create(CommunityProfile, { memberId, username: `${base}_${memberId}` });
    try {
      await em.insert(CommunityProfile, profile as never);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return em.findOneOrFail(CommunityProfile, { where: { memberId } });
    }
    return profile;
  }

  async setUsername(em: EntityManager, memberId: number, raw: string): Promise<CommunityProfile> {
    const username = raw.trim();
    if (!USERNAME.test(username)) throw ValidationError.of(['username'], 'from 2 to 30 letters, digits or _');
    const profile = await this.ensure(em, memberId);
    const taken = await em.findOne(CommunityProfile, { where: { username } });
    if (taken && taken.memberId !== memberId) throw new ConflictError(`@${username} is taken.`);
    try {
      await em.update(CommunityProfile, { memberId }, { username, updatedAt: new Date() });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`@${username} is taken.`);
      throw error;
    }
    return { ...profile, username };
  }

  /** Member ids for @usernames (case-insensitive as the collation compares on MySQL; lower-cased on SQLite). */
  async idsOf(em: EntityManager, usernames: string[]): Promise<Map<string, number>> {
    if (!usernames.length) return new Map();
    const rows: { memberId: number; username: string }[] = await em.query(
      `SELECT memberId, username FROM community_profiles WHERE LOWER(username) IN (${usernames.map(() => '?').join(', ')})`,
      usernames.map((u) => u.toLowerCase()),
    );
    return new Map(rows.map((r) => [r.username.toLowerCase(), Number(r.memberId)]));
  }

  /** Writer keys ('m:<id>') of members whose @username starts with `prefix`, for mention suggestions. */
  async usernamesStartingWith(em: EntityManager, prefix: string, limit: number): Promise<string[]> {
    const clean = prefix.replace(/^@/, '').toLowerCase();
    if (!USERNAME.test(clean)) return [];
    const rows: { memberId: number }[] = await em.query(
      `SELECT p.memberId AS memberId FROM community_profiles p INNER JOIN members m ON m.id = p.memberId WHERE LOWER(p.username) LIKE ? ESCAPE '!' AND m.status = 'active' ORDER BY p.postCount DESC, p.username LIMIT ?`,
      [`${clean.replace(/_/g, '!_')}%`, limit],
    );
    return rows.map((r) => `m:${r.memberId}`);
  }

  /** The member's standing, with their profile row locked on MySQL: the caller's limits then hold under concurrency. */
  async standing(em: EntityManager, memberId: number, programId: number, now: Date, options: { lock?: boolean } = {}): Promise<MemberStanding> {
    const member = Number.isSafeInteger(memberId) ? await em.findOne(Member, { where: { id: memberId } }) : null;
    if (!member) throw new NotFoundError('Member', String(memberId));
    if (member.status !== 'active') throw new NotAllowedError('memberInactive', `The member is ${member.status}.`);
    await this.ensure(em, memberId);
    const lock = options.lock && dialectOf(em.connection) === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const profile = await em.findOneOrFail(CommunityProfile, { where: { memberId }, ...lock });
    const [rank] = await em.query('SELECT t.`rank` AS tierRank FROM loyalty_accounts a INNER JOIN tiers t ON t.id = a.tierId WHERE a.memberId = ? AND a.programId = ?', [memberId, programId]);
    const tierRank = rank ? Number(rank.tierRank) : null;
    const trust = trustLevel({ postCount: profile.postCount, memberSince: member.createdAt, tierRank }, now);
    return { member, profile, tierRank, trust, limits: TRUST_LIMITS[trust], penalty: await this.activePenalty(em, memberId, now) };
  }

  async activePenalty(em: EntityManager, memberId: number, now: Date): Promise<CommunityPenalty | null> {
    const penalties = await em.find(CommunityPenalty, { where: { memberId, liftedAt: IsNull(), endsAt: MoreThan(now) }, order: { id: 'DESC' } });
    return penalties.find((p) => p.kind === 'suspend' && p.startsAt <= now) ?? penalties.find((p) => p.startsAt <= now) ?? null;
  }

  /** Authors as shown, for many writers in two queries (a page of posts costs the same as one). */
  async authors(em: EntityManager, keys: readonly string[]): Promise<AuthorView[]> {
    const memberIds = [...new Set(keys.filter((k) => k.startsWith('m:')).map((k) => Number(k.slice(2))))];
    const staffIds = [...new Set(keys.filter((k) => k.startsWith('s:')).map((k) => Number(k.slice(2))))];
    const [members, profiles, staff] = await Promise.all([
      memberIds.length ? em.find(Member, { where: { id: In(memberIds) }, select: { id: true, name: true, status: true } }) : [],
      memberIds.length ? em.find(CommunityProfile, { where: { memberId: In(memberIds) } }) : [],
      staffIds.length ? em.find(StaffUser, { where: { id: In(staffIds) }, select: { id: true, name: true } }) : [],
    ]);
    const memberById = new Map(members.map((m) => [m.id, m]));
    const profileById = new Map(profiles.map((p) => [p.memberId, p]));
    const staffById = new Map(staff.map((s) => [s.id, s]));
    return keys.map((key) => {
      const id = Number(key.slice(2));
      if (key.startsWith('s:')) return { memberId: null, staffUserId: id, username: null, displayName: staffById.get(id)?.name || 'Staff', isStaff: true };
      const member = memberById.get(id);
      return { memberId: id, staffUserId: null, username: profileById.get(id)?.username ?? null, displayName: member && member.status !== 'anonymised' ? displayName(member.name) : displayName(''), isStaff: false };
    });
  }
}

export const writerKey = (row: { authorMemberId: number | null; authorStaffId: number | null }) => (row.authorStaffId !== null ? `s:${row.authorStaffId}` : `m:${row.authorMemberId}`);
export const actorKeyOf = (writer: Writer) => (writer.kind === 'staff' ? `s:${writer.staffUserId}` : `m:${writer.memberId}`);
