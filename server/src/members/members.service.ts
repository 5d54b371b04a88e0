import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { parseInput } from '../input';
import { In, type EntityManager } from 'typeorm';
import { keysetPage, type PageRequest } from '../db/keyset-page';
import { loadByIds } from '../db/load-by-ids';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, validationErrorFromZod } from '../errors';
import { ConsentRecord, type ConsentSource } from './consent-record.entity';
import { Member, MEMBER_STATUSES, type MemberStatus } from './member.entity';
import { searchPageIds, whereMatches } from './member-search';
import { findRow } from '../db/find-rows';

const MAX_ATTRIBUTES_BYTES = 8 * 1024;

const birthday = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() < Date.now() && date.getUTCFullYear() >= 1900;
  }, 'must be a real date in the past');

const attributes = z
  .record(z.string().max(64), z.unknown())
  .refine((value) => JSON.stringify(value).length <= MAX_ATTRIBUTES_BYTES, `must be at most ${MAX_ATTRIBUTES_BYTES} bytes of JSON`);

const profile = {
  email: z
    .string()
    .trim()
    .max(191)
    .pipe(z.email('must be an email address'))
    .transform((v) => v.toLowerCase()),
  phone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s()-]/g, ''))
    .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an international number such as +79161234567')),
  name: z.string().trim().max(200),
  birthday,
  locale: z.enum(['ru', 'en']),
  consentEmail: z.boolean(),
  consentSms: z.boolean(),
  attributes,
};

const createInput = z.object({
  externalId: z.string().trim().min(1, 'is required').max(191),
  email: profile.email.nullable().optional(),
  phone: profile.phone.nullable().optional(),
  name: profile.name.optional(),
  birthday: profile.birthday.nullable().optional(),
  locale: profile.locale.optional(),
  consentEmail: profile.consentEmail.optional(),
  consentSms: profile.consentSms.optional(),
  attributes: profile.attributes.nullable().optional(),
});
export type CreateMemberInput = z.input<typeof createInput>;

const updateInput = createInput.omit({ externalId: true }).extend({
  externalId: z.string().trim().min(1).max(191).nullable().optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
});
export type UpdateMemberInput = z.input<typeof updateInput>;


// No 0/O, 1/I/L: a code read aloud at the till should not be misheard.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function referralCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Members: profiles, lookups and lists. */
export class MembersService {
  /** Members for the given ids, in the same order; null where none exists. */
  byIds(em: EntityManager, ids: readonly (number | string)[]): Promise<Member[]> {
    return loadByIds(em, Member, ids);
  }

  async byId(em: EntityManager, id: number): Promise<Member> {
    const member = Number.isSafeInteger(id) ? await findRow(em, Member, { id }) : null;
    if (!member) throw new NotFoundError('Member', String(id));
    return member;
  }

  async byExternalId(em: EntityManager, externalId: string): Promise<Member> {
    const member = await em.findOne(Member, { where: { externalId } });
    if (!member) throw new NotFoundError('Member', externalId);
    return member;
  }

  /** A page of members by id; `search`: see member-search.ts. */
  async page(em: EntityManager, page: PageRequest, search?: string | null, filter: { status?: MemberStatus | null } = {}): Promise<Member[]> {
    const term = search?.trim();
    const ids = term ? await searchPageIds(em, term, page, filter.status) : null;
    if (ids?.length === 0) return [];
    return keysetPage(em, Member, page, (qb, m) => {
      if (filter.status) qb.andWhere(`${m}.status = :status`, { status: filter.status });
      if (ids) qb.andWhere(`${m}.id IN (:...ids)`, { ids });
      else if (term) whereMatches(qb, m, term);
    });
  }

  /**
   * Creates a member the brand sends (CRM, POS). Idempotent on externalId: the same
   * call again answers with the member it created; a different profile under the same
   * externalId is a conflict.
   */
  async create(em: EntityManager, input: CreateMemberInput, origin: ConsentOrigin = { source: 'api', actorId: null }): Promise<{ member: Member; created: boolean }> {
    const data = parseInput(createInput, input, ['input']);
    const existing = await em.findOne(Member, { where: { externalId: data.externalId } });
    if (existing) {
      if (!sameProfile(existing, data)) throw new ConflictError(`Member ${data.externalId} already exists with a different profile.`);
      return { member: existing, created: false };
    }
    const member = em.create(Member, {
      ...data,
      name: data.name ?? '',
      consentUpdatedAt: data.consentEmail !== undefined || data.consentSms !== undefined ? new Date() : null,
    });
    await this.insertWithCode(em, member);
    await this.recordConsents(em, member, { consentEmail: undefined, consentSms: undefined }, origin);
    return { member, created: true };
  }

  async update(em: EntityManager, id: number, input: UpdateMemberInput, origin: ConsentOrigin = { source: 'api', actorId: null }): Promise<Member> {
    const data = parseInput(updateInput, input, ['input']);
    const member = await this.byId(em, id);
    const before = { consentEmail: member.consentEmail, consentSms: member.consentSms };
    if (member.status === 'anonymised') throw new ConflictError('An anonymised member cannot be changed.');
    const consentChanged =
      (data.consentEmail !== undefined && data.consentEmail !== member.consentEmail) || (data.consentSms !== undefined && data.consentSms !== member.consentSms);
    const changes = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    Object.assign(member, changes, { updatedAt: new Date() }, consentChanged ? { consentUpdatedAt: new Date() } : {});
    member.birthdayMonthDay = monthDayOf(member.birthday);
    try {
      await em.save(member);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Another member has this externalId.');
      throw error;
    }
    await this.recordConsents(em, member, before, origin);
    return member;
  }

  /** Writes a consent record for each channel whose consent was given for the first time or changed. */
  async recordConsents(em: EntityManager, member: Member, before: { consentEmail: boolean | undefined; consentSms: boolean | undefined }, origin: ConsentOrigin, now = new Date()) {
    const changes: Partial<ConsentRecord>[] = [];
    if (member.consentEmail !== before.consentEmail && (before.consentEmail !== undefined || member.consentEmail)) changes.push({ channel: 'email', granted: member.consentEmail });
    if (member.consentSms !== before.consentSms && (before.consentSms !== undefined || member.consentSms)) changes.push({ channel: 'sms', granted: member.consentSms });
    if (changes.length > 0) await em.insert(ConsentRecord, changes.map((c) => ({ ...c, memberId: member.id, source: origin.source, actorId: origin.actorId, recordedAt: now })) as never);
  }

  /** A member's consent history, newest first. */
  consentHistory(em: EntityManager, memberId: number, limit = 100): Promise<ConsentRecord[]> {
    return em.find(ConsentRecord, { where: { memberId }, order: { recordedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /**
   * Creates many members at once (bulk import), in the caller's transaction: one query for
   * those that exist, one multi-row insert for the new ones, one for their consents. Each
   * input gets its outcome: created, the same member sent before, or the error that refused it.
   */
  async createMany(em: EntityManager, inputs: unknown[], origin: ConsentOrigin): Promise<({ member: Member; created: boolean } | { error: Error })[]> {
    const outcomes: ({ member: Member; created: boolean } | { error: Error } | null)[] = inputs.map(() => null);
    const parsed: { index: number; data: z.output<typeof createInput> }[] = [];
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const result = createInput.safeParse(input);
      if (!result.success) outcomes[index] = { error: validationErrorFromZod(result.error.issues, ['input']) };
      else if (seen.has(result.data.externalId)) outcomes[index] = { error: new ConflictError(`Member ${result.data.externalId} is twice in this batch.`) };
      else {
        seen.add(result.data.externalId);
        parsed.push({ index, data: result.data });
      }
    });
    const existing = new Map((parsed.length ? await em.find(Member, { where: { externalId: In(parsed.map((p) => p.data.externalId)) } }) : []).map((m) => [m.externalId!, m]));
    const fresh: { index: number; member: Member }[] = [];
    for (const { index, data } of parsed) {
      const found = existing.get(data.externalId);
      if (found) outcomes[index] = sameProfile(found, data) ? { member: found, created: false } : { error: new ConflictError(`Member ${data.externalId} already exists with a different profile.`) };
      else {
        const member = em.create(Member, { ...data, name: data.name ?? '', consentUpdatedAt: data.consentEmail !== undefined || data.consentSms !== undefined ? new Date() : null });
        member.birthdayMonthDay = monthDayOf(member.birthday);
        member.referralCode = referralCode();
        fresh.push({ index, member });
      }
    }
    if (fresh.length) {
      try {
        await em.createQueryBuilder().insert().into(Member).values(fresh.map((f) => f.member) as never).updateEntity(false).execute();
      } catch (error) {
        // A referral code taken (or a member sent meanwhile): one at a time, which retries the code.
        if (!isUniqueViolation(error)) throw error;
        for (const f of fresh) {
          try {
            await this.insertWithCode(em, f.member);
          } catch (rowError) {
            if (!(rowError instanceof ConflictError)) throw rowError;
            outcomes[f.index] = { error: rowError };
          }
        }
      }
      const ids = new Map((await em.find(Member, { select: { id: true, externalId: true }, where: { externalId: In(fresh.map((f) => f.member.externalId!)) } })).map((m) => [m.externalId!, m.id]));
      const consents: Partial<ConsentRecord>[] = [];
      for (const f of fresh) {
        if (outcomes[f.index]) continue;
        f.member.id = ids.get(f.member.externalId!)!;
        outcomes[f.index] = { member: f.member, created: true };
        for (const channel of ['email', 'sms'] as const) {
          if (f.member[channel === 'email' ? 'consentEmail' : 'consentSms']) consents.push({ memberId: f.member.id, channel, granted: true, source: origin.source, actorId: origin.actorId, recordedAt: new Date() });
        }
      }
      if (consents.length) await em.createQueryBuilder().insert().into(ConsentRecord).values(consents as never).updateEntity(false).execute();
    }
    return outcomes as ({ member: Member; created: boolean } | { error: Error })[];
  }

  /** Inserts a member with a fresh referral code (retrying the rare collision). */
  async insertWithCode(em: EntityManager, member: Member): Promise<Member> {
    member.birthdayMonthDay = monthDayOf(member.birthday);
    for (let attempt = 0; ; attempt++) {
      member.referralCode = referralCode();
      try {
        await em.insert(Member, member as never);
        return member;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (member.externalId && (await em.exists(Member, { where: { externalId: member.externalId } }))) {
          throw new ConflictError(`Member ${member.externalId} already exists.`);
        }
        if (attempt >= 5) throw error;
      }
    }
  }
}

function sameProfile(member: Member, data: z.output<typeof createInput>): boolean {
  const pairs: [unknown, unknown][] = [
    [member.email, data.email ?? null],
    [member.phone, data.phone ?? null],
    [member.name, data.name ?? ''],
    [member.birthday, data.birthday ?? null],
    [JSON.stringify(member.attributes ?? null), JSON.stringify(data.attributes ?? null)],
  ];
  if (data.locale !== undefined) pairs.push([member.locale, data.locale]);
  if (data.consentEmail !== undefined) pairs.push([member.consentEmail, data.consentEmail]);
  if (data.consentSms !== undefined) pairs.push([member.consentSms, data.consentSms]);
  return pairs.every(([a, b]) => a === b);
}

/** Who changed a consent, for the evidence. */
export interface ConsentOrigin {
  source: ConsentSource;
  actorId: number | null;
}

/** MM-DD of a YYYY-MM-DD birthday. */
export const monthDayOf = (birthday: string | null | undefined) => (birthday ? birthday.slice(5, 10) : null);

