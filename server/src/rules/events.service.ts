import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { idempotent, requestHash } from '../db/idempotent';
import { parseInput } from '../input';
import { ConflictError, ValidationError } from '../errors';
import type { MembersService } from '../members/members.service';
import type { ProgramsService } from '../programs/programs.service';
import { MemberEvent } from './member-event.entity';
import type { CampaignOutcome, RulesService } from './rules.service';

const eventInput = z
  .object({
    externalId: z.string().trim().min(1, 'is required').max(191),
    memberId: z.number().int().positive().nullable().optional(),
    memberExternalId: z.string().trim().min(1).max(191).nullable().optional(),
    programId: z.number().int().positive().nullable().optional(),
    name: z.string().trim().regex(/^[a-z0-9_.:-]{1,64}$/i, 'letters, digits and _ . : - (at most 64)'),
    data: z
      .record(z.string().max(64), z.unknown())
      .refine((d) => JSON.stringify(d).length <= 4096, 'at most 4 KB of JSON')
      .nullable()
      .optional(),
    occurredAt: z
      .date()
      .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, 'cannot be in the future')
      .nullable()
      .optional(),
  })
  .refine((e) => Boolean(e.memberId) !== Boolean(e.memberExternalId), { message: 'give memberId or memberExternalId', path: ['memberId'] });
export type RecordEventInput = z.input<typeof eventInput>;

export interface EventReceipt {
  event: MemberEvent;
  campaigns: CampaignOutcome[];
  replayed: boolean;
}

/** Custom events a brand sends (trigger.event): recorded once per externalId, then run through the campaigns. */
export class EventsService {
  constructor(
    private readonly members: MembersService,
    private readonly programs: ProgramsService,
    private readonly rules: RulesService,
  ) {}

  async record(dataSource: DataSource, raw: RecordEventInput): Promise<EventReceipt> {
    const input = parseInput(eventInput, raw);
    const hash = requestHash({ ...input, occurredAt: input.occurredAt?.toISOString() ?? null });
    return idempotent(
      dataSource,
      async (em) => {
        const existing = await em.findOne(MemberEvent, { where: { externalId: input.externalId } });
        return existing ? this.replay(existing, hash) : null;
      },
      async (em) => {
        const member = input.memberId ? await this.members.byId(em, input.memberId) : await this.members.byExternalId(em, input.memberExternalId!);
        if (member.status !== 'active') throw ValidationError.of(['input', 'memberId'], `the member is ${member.status}`);
        const program = await this.programs.resolve(em, input.programId);
        const now = new Date();
        const event = em.create(MemberEvent, { externalId: input.externalId, requestHash: hash, memberId: member.id, programId: program.id, name: input.name, data: input.data ?? null, occurredAt: input.occurredAt ?? now, createdAt: now });
        await em.insert(MemberEvent, event as never);
        const campaigns = await this.rules.onEvent(em, program, member.id, { type: 'custom', name: input.name, memberId: String(member.id), occurredAt: event.occurredAt.toISOString(), data: input.data ?? {} }, { now });
        event.pointsAwarded = campaigns.reduce((sum, o) => sum + o.points, 0);
        if (event.pointsAwarded) await em.update(MemberEvent, event.id, { pointsAwarded: event.pointsAwarded });
        return { event, campaigns, replayed: false };
      },
    );
  }

  private replay(event: MemberEvent, hash: string): EventReceipt {
    if (event.requestHash !== hash) throw new ConflictError(`Event ${event.externalId} was already recorded with different details.`);
    return { event, campaigns: [], replayed: true };
  }
}
