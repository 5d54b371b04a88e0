import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import type { ProgramsService } from '../programs/programs.service';
import { Badge } from './badge.entity';
import { Challenge, CHALLENGE_METRICS, CHALLENGE_PERIODS, CHALLENGE_STATUSES, type ChallengeStatus } from './challenge.entity';

const code = z.string().trim().regex(/^[a-z0-9_.-]{1,64}$/, 'lower-case letters, digits, ., _ and -');
const MAX_GOAL = 1_000_000_000;

const challengeInput = z
  .object({
    programId: z.number().int().positive().nullable().optional(),
    code: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -'),
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(2000).optional(),
    goal: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_GOAL, `must be at most ${MAX_GOAL.toLocaleString('en')}`),
    metric: z.enum(CHALLENGE_METRICS),
    eventName: code.nullable().optional(),
    surveyCode: code.nullable().optional(),
    minScore: z.number().int().min(0).max(1000).nullable().optional(),
    period: z.enum(CHALLENGE_PERIODS),
    rollingDays: z.number().int().min(1, 'must be at least 1').max(366, 'must be at most 366').nullable().optional(),
    startsAt: z.date().nullable().optional(),
    endsAt: z.date().nullable().optional(),
    badgeId: z.number().int().positive().nullable().optional(),
    status: z.enum(CHALLENGE_STATUSES).optional(),
  })
  .refine((c) => c.metric !== 'customEvent' || !!c.eventName, { message: 'a custom-event challenge needs the event name', path: ['eventName'] })
  .refine((c) => c.metric !== 'quizPassed' || c.minScore != null, { message: 'a quiz challenge needs the passing score', path: ['minScore'] })
  .refine((c) => c.period !== 'rolling' || c.rollingDays != null, { message: 'a rolling period needs its length in days', path: ['rollingDays'] })
  .refine((c) => c.period !== 'fixed' || (c.startsAt && c.endsAt), { message: 'a fixed period needs startsAt and endsAt', path: ['endsAt'] })
  .refine((c) => !c.startsAt || !c.endsAt || c.startsAt < c.endsAt, { message: 'must be after startsAt', path: ['endsAt'] });
export type ChallengeInput = z.input<typeof challengeInput>;

/** Challenges of a program: what counts, the goal, the period, the badge on completion. */
export class ChallengesService {
  constructor(private readonly programs: ProgramsService) {}

  async get(em: EntityManager, id: number): Promise<Challenge> {
    const challenge = Number.isSafeInteger(id) ? await em.findOne(Challenge, { where: { id } }) : null;
    if (!challenge) throw new NotFoundError('Challenge', String(id));
    return challenge;
  }

  async list(em: EntityManager, programId?: number | null, status?: ChallengeStatus | null): Promise<Challenge[]> {
    const program = await this.programs.resolve(em, programId);
    return em.find(Challenge, { where: { programId: program.id, ...(status ? { status } : {}) }, order: { id: 'ASC' } });
  }

  /** Codes flows may refer to (action.challengeProgress, trigger.challengeCompleted). */
  async codes(em: EntityManager, programId: number): Promise<string[]> {
    return (await em.find(Challenge, { where: { programId }, select: { code: true, status: true } })).filter((c) => c.status !== 'archived').map((c) => c.code);
  }

  async create(em: EntityManager, raw: ChallengeInput): Promise<Challenge> {
    const input = parseInput(challengeInput, raw, ['input']);
    const program = await this.programs.resolve(em, input.programId);
    await this.checkBadge(em, program.id, input.badgeId);
    const challenge = em.create(Challenge, { ...this.columns(input), programId: program.id, code: input.code, status: input.status ?? 'draft' });
    try {
      await em.insert(Challenge, challenge as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A challenge with the code "${input.code}" already exists.`);
      throw error;
    }
    return challenge;
  }

  /** Edits a challenge; running periods keep the goal they began with. */
  async update(em: EntityManager, id: number, raw: Partial<ChallengeInput>): Promise<Challenge> {
    const challenge = await this.get(em, id);
    const { id: _id, programId: _p, createdAt: _c, updatedAt: _u, ...current } = challenge;
    const input = parseInput(challengeInput, { ...current, ...raw, programId: undefined }, ['input']);
    if (input.code !== challenge.code) throw ValidationError.of(['input', 'code'], 'flows refer to the code: it cannot change');
    await this.checkBadge(em, challenge.programId, input.badgeId);
    await em.update(Challenge, id, { ...this.columns(input), status: input.status ?? challenge.status, updatedAt: new Date() });
    return this.get(em, id);
  }

  private columns(input: z.output<typeof challengeInput>) {
    return {
      name: input.name,
      description: input.description ?? '',
      goal: input.goal,
      metric: input.metric,
      eventName: input.metric === 'customEvent' ? input.eventName! : null,
      surveyCode: input.metric === 'surveyAnswered' || input.metric === 'quizPassed' ? (input.surveyCode ?? null) : null,
      minScore: input.metric === 'quizPassed' ? input.minScore! : null,
      period: input.period,
      rollingDays: input.period === 'rolling' ? input.rollingDays! : null,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      badgeId: input.badgeId ?? null,
    };
  }

  private async checkBadge(em: EntityManager, programId: number, badgeId: number | null | undefined) {
    if (badgeId == null) return;
    if (!(await em.exists(Badge, { where: { id: badgeId, programId } }))) throw ValidationError.of(['input', 'badgeId'], 'no such badge in this program');
  }
}
