import { z } from 'zod';
import { In, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import { Member } from '../members/member.entity';
import type { ProgramsService } from '../programs/programs.service';
import { badgeImageProblem } from './badge-image';
import { Badge, BADGE_STATUSES, type BadgeStatus } from './badge.entity';
import { MemberBadge, type BadgeSource } from './member-badge.entity';

const badgeInput = z.object({
  programId: z.number().int().positive().nullable().optional(),
  code: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -'),
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(2000).optional(),
  image: z
    .string()
    .trim()
    .nullable()
    .optional()
    .superRefine((image, ctx) => {
      const problem = image ? badgeImageProblem(image) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  status: z.enum(BADGE_STATUSES).optional(),
});
export type BadgeInput = z.input<typeof badgeInput>;

/** Badges of a program and the members who hold them (one of each per member). */
export class BadgesService {
  constructor(private readonly programs: ProgramsService) {}

  async get(em: EntityManager, id: number): Promise<Badge> {
    const badge = Number.isSafeInteger(id) ? await em.findOne(Badge, { where: { id } }) : null;
    if (!badge) throw new NotFoundError('Badge', String(id));
    return badge;
  }

  async list(em: EntityManager, programId?: number | null, status?: BadgeStatus | null): Promise<Badge[]> {
    const program = await this.programs.resolve(em, programId);
    return em.find(Badge, { where: { programId: program.id, ...(status ? { status } : {}) }, order: { id: 'ASC' } });
  }

  /** Codes flows may refer to (action.grantBadge): the program's active badges. */
  async codes(em: EntityManager, programId: number): Promise<string[]> {
    return (await em.find(Badge, { where: { programId, status: 'active' }, select: { code: true } })).map((b) => b.code);
  }

  async create(em: EntityManager, raw: BadgeInput): Promise<Badge> {
    const input = parseInput(badgeInput, raw, ['input']);
    const program = await this.programs.resolve(em, input.programId);
    const badge = em.create(Badge, { programId: program.id, code: input.code, name: input.name, description: input.description ?? '', image: input.image || null, status: input.status ?? 'active' });
    try {
      await em.insert(Badge, badge as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A badge with the code "${input.code}" already exists.`);
      throw error;
    }
    return badge;
  }

  async update(em: EntityManager, id: number, raw: Partial<BadgeInput>): Promise<Badge> {
    const badge = await this.get(em, id);
    const input = parseInput(badgeInput, { code: badge.code, name: badge.name, description: badge.description, image: badge.image, status: badge.status, ...raw, programId: undefined }, ['input']);
    if (input.code !== badge.code) throw ValidationError.of(['input', 'code'], 'flows refer to the code: it cannot change');
    await em.update(Badge, id, { name: input.name, description: input.description ?? '', image: input.image || null, status: input.status ?? badge.status, updatedAt: new Date() });
    return this.get(em, id);
  }

  /** Grants a badge once: false when the member holds it already (even if granted at this instant elsewhere). */
  async grant(em: EntityManager, memberId: number, badgeId: number, source: BadgeSource, now = new Date()): Promise<boolean> {
    if (await em.exists(MemberBadge, { where: { memberId, badgeId } })) return false;
    try {
      await em.insert(MemberBadge, { memberId, badgeId, source, awardedAt: now });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Staff grant: the member and an active badge must exist; holding it already is a conflict. */
  async grantByStaff(em: EntityManager, memberId: number, badgeId: number, now = new Date()): Promise<MemberBadge> {
    const badge = await this.get(em, badgeId);
    if (badge.status !== 'active') throw ValidationError.of(['badgeId'], 'the badge is archived');
    if (!Number.isSafeInteger(memberId) || !(await em.exists(Member, { where: { id: memberId } }))) throw new NotFoundError('Member', String(memberId));
    if (!(await this.grant(em, memberId, badge.id, 'staff', now))) throw new ConflictError('The member already holds this badge.');
    return em.findOneOrFail(MemberBadge, { where: { memberId, badgeId } });
  }

  async revoke(em: EntityManager, memberId: number, badgeId: number): Promise<void> {
    const result = Number.isSafeInteger(memberId) && Number.isSafeInteger(badgeId) ? await em.delete(MemberBadge, { memberId, badgeId }) : { affected: 0 };
    if (!result.affected) throw new NotFoundError('MemberBadge', `${memberId}/${badgeId}`);
  }

  /** The grant a flow's action.grantBadge asks for: false when the badge is unknown or archived, or already held. */
  async grantFromCampaign(em: EntityManager, programId: number, memberId: number, code: string, now: Date): Promise<boolean> {
    const badge = await em.findOne(Badge, { where: { programId, code, status: 'active' } });
    return badge ? this.grant(em, memberId, badge.id, 'campaign', now) : false;
  }

  /** Badges of many members in one query, newest first (Member.badges). */
  async forMembers(em: EntityManager, memberIds: readonly number[]): Promise<MemberBadge[][]> {
    const rows = memberIds.length ? await em.find(MemberBadge, { where: { memberId: In([...new Set(memberIds)]) }, order: { awardedAt: 'DESC', id: 'DESC' } }) : [];
    return memberIds.map((id) => rows.filter((r) => r.memberId === id));
  }
}
