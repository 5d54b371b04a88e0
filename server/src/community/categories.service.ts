import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotAllowedError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import type { ProgramsService } from '../programs/programs.service';
import { Tier } from '../programs/tier.entity';
import { CATEGORY_KINDS, CommunityCategory, POST_POLICIES } from './category.entity';
import type { MemberStanding, Writer } from './profiles.service';

const categoryInput = z
  .object({
    programId: z.number().int().positive().nullable().optional(),
    slug: z.string().trim().regex(/^[a-z0-9-]{1,64}$/, 'lower-case letters, digits and -'),
    name: z.string().trim().min(1, 'is required').max(100),
    description: z.string().trim().max(1000).optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #RRGGBB').optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    kind: z.enum(CATEGORY_KINDS).optional(),
    postPolicy: z.enum(POST_POLICIES).optional(),
    minTierId: z.number().int().positive().nullable().optional(),
    archived: z.boolean().optional(),
  })
  .refine((c) => c.postPolicy !== 'tier' || c.minTierId, { message: 'name the lowest tier that may post', path: ['minTierId'] });
export type CategoryInput = z.input<typeof categoryInput>;

/** Forum categories of a program and who may post in each. */
export class CommunityCategoriesService {
  constructor(private readonly programs: ProgramsService) {}

  async get(em: EntityManager, id: number): Promise<CommunityCategory> {
    const category = Number.isSafeInteger(id) ? await em.findOne(CommunityCategory, { where: { id } }) : null;
    if (!category) throw new NotFoundError('CommunityCategory', String(id));
    return category;
  }

  async list(em: EntityManager, programId: number | null, includeArchived: boolean): Promise<CommunityCategory[]> {
    const program = await this.programs.resolve(em, programId);
    return em.find(CommunityCategory, { where: { programId: program.id, ...(includeArchived ? {} : { archived: false }) }, order: { position: 'ASC', id: 'ASC' } });
  }

  async bySlug(em: EntityManager, programId: number | null, slug: string): Promise<CommunityCategory | null> {
    const program = await this.programs.resolve(em, programId);
    return em.findOne(CommunityCategory, { where: { programId: program.id, slug } });
  }

  async create(em: EntityManager, raw: CategoryInput): Promise<CommunityCategory> {
    const input = parseInput(categoryInput, raw, ['input']);
    const program = await this.programs.resolve(em, input.programId);
    await this.checkTier(em, program.id, input.minTierId ?? null);
    const category = em.create(CommunityCategory, { ...input, programId: program.id, minTierId: input.postPolicy === 'tier' ? input.minTierId! : null });
    try {
      await em.insert(CommunityCategory, category as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A category with the slug "${input.slug}" already exists.`);
      throw error;
    }
    return category;
  }

  async update(em: EntityManager, id: number, raw: Partial<CategoryInput>): Promise<CommunityCategory> {
    const category = await this.get(em, id);
    const input = parseInput(categoryInput, { ...category, ...raw, programId: undefined }, ['input']);
    if (input.slug !== category.slug && (await em.exists(CommunityCategory, { where: { programId: category.programId, slug: input.slug } }))) {
      throw new ConflictError(`A category with the slug "${input.slug}" already exists.`);
    }
    await this.checkTier(em, category.programId, input.minTierId ?? null);
    const { programId: _ignored, ...fields } = input;
    await em.update(CommunityCategory, id, { ...fields, minTierId: input.postPolicy === 'tier' ? input.minTierId! : null, updatedAt: new Date() });
    return this.get(em, id);
  }

  /** Throws NotAllowedError when the writer may not post here; staff may post everywhere. */
  async assertCanPost(em: EntityManager, category: CommunityCategory, writer: Writer, standing: MemberStanding | null): Promise<void> {
    if (writer.kind === 'staff') return;
    if (category.archived) throw new NotAllowedError('categoryArchived', 'This category is archived.');
    if (category.postPolicy === 'staff') throw new NotAllowedError('staffOnly', 'Only staff post in this category.');
    if (category.postPolicy === 'tier' && category.minTierId) {
      const needed = await em.findOne(Tier, { where: { id: category.minTierId } });
      // The standing was taken in this category's program, so its tier rank is the one to compare.
      if (needed && (standing!.tierRank === null || standing!.tierRank < needed.rank)) throw new NotAllowedError('tierRequired', `Members of the ${needed.name} tier and above post here.`);
    }
  }

  /** Whether a writer may post in each category (for the composer), without throwing. */
  async canPost(em: EntityManager, category: CommunityCategory, writer: Writer | null, standing: MemberStanding | null): Promise<boolean> {
    if (!writer) return false;
    try {
      await this.assertCanPost(em, category, writer, standing);
      return !standing?.penalty;
    } catch (error) {
      if (error instanceof NotAllowedError) return false;
      throw error;
    }
  }

  private async checkTier(em: EntityManager, programId: number, tierId: number | null) {
    if (tierId && !(await em.exists(Tier, { where: { id: tierId, programId } }))) throw ValidationError.of(['input', 'minTierId'], 'not a tier of this program');
  }
}
