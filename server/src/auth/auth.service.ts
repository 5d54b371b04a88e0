import { z } from 'zod';
import { parseInput } from '../input';
import { IsNull, type EntityManager } from 'typeorm';
import { API_KEY_SCOPES, STAFF_ROLES, type ApiKeyScope, type StaffRole } from '@patron/schema';
import { ConflictError, InvalidCredentialsError, NotFoundError, RateLimitedError } from '../errors';
import { Member } from '../members/member.entity';
import type { MembersService } from '../members/members.service';
import { keysetPage, type PageRequest } from '../db/keyset-page';
import { isUniqueViolation } from '../db/unique-violation';
import type { Actor } from './actor';
import { ApiKey } from './api-key.entity';
import { MemberCredential } from './member-credential.entity';
import type { RateLimiter } from './rate-limiter';
import { generatePassword, hashPassword, hmacSha256, newToken, sha256, verifyAgainstDummy, verifyPassword } from './secrets';
import { Session } from './session.entity';
import { StaffUser } from './staff-user.entity';
import { columnOf, findRow } from '../db/find-rows';
import { rowsOf } from '../db/statement';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

export interface AuthSettings {
  staffSessionHours: number;
  memberSessionHours: number;
  signInRateLimit: number;
  signInRateWindowSeconds: number;
  /** Keys the stored session-token hashes (SESSION_SECRET). */
  sessionSecret: string;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  token: string;
  session: Session;
}

const email = z
  .string()
  .trim()
  .max(191)
  .pipe(z.email('must be an email address'))
  .transform((v) => v.toLowerCase());
// Argon2 cost grows with input: cap the length so a password cannot be a DoS.
const password = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');
const staffPassword = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');
const name = z.string().trim().max(200).default('');

const memberSignUpInput = z.object({
  email,
  password,
  name,
  locale: z.enum(['ru', 'en']).default('ru'),
});
const signInInput = z.object({ email, password: z.string().min(1, 'is required').max(200) });
const staffUserInput = z.object({
  email,
  password: staffPassword,
  name,
  role: z.enum(STAFF_ROLES),
});
const apiKeyInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'give the key at least one scope').max(API_KEY_SCOPES.length),
  partnerId: z.number().int().positive().nullable().default(null),
});


const hours = (n: number) => n * 3_600_000;
// Touching lastUsedAt on every request would turn every read into a write.
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

/** Staff users, member sign-ins, sessions and API keys. Knows no GraphQL. */
export class AuthService {
  private readonly tokenReads = new Map<string, Promise<Actor | null>>();

  constructor(
    private readonly settings: AuthSettings,
    private readonly rateLimiter: RateLimiter,
    private readonly members: MembersService,
  ) {}

  async signInStaff(em: EntityManager, input: { email: string; password: string }, client: ClientInfo): Promise<IssuedSession & { user: StaffUser }> {
    const { email, password } = parseInput(signInInput, input, ['input']);
    const attempt = await this.throttleSignIn('staff', email, client);
    const user = await em.findOne(StaffUser, { where: { email } });
    const ok = user && !user.disabledAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (!user || !ok) throw new InvalidCredentialsError();
    await attempt.succeeded();
    user.lastSignInAt = new Date();
    await em.update(StaffUser, user.id, { lastSignInAt: user.lastSignInAt });
    const issued = await this.issueSession(em, { subject: 'staff', staffUserId: user.id }, client);
    return { ...issued, user };
  }

  async signUpMember(
    em: EntityManager,
    input: { email: string; password: string; name?: string | null; locale?: string | null },
    client: ClientInfo,
  ): Promise<IssuedSession & { member: Member }> {
    const data = parseInput(memberSignUpInput, { ...input, name: input.name ?? undefined, locale: input.locale ?? undefined }, ['input']);
    await this.throttleSignUp(client);
    if (await em.exists(MemberCredential, { where: { email: data.email } })) {
      throw new ConflictError('An account with this email already exists. Sign in instead.');
    }
    const member = await this.members.insertWithCode(em, em.create(Member, { email: data.email, name: data.name, locale: data.locale }));
    const credential = em.create(MemberCredential, {
      memberId: member.id,
      email: data.email,
      passwordHash: await hashPassword(data.password),
    });
    try {
      await em.insert(MemberCredential, credential as never);
    } catch (error) {
      // Two sign-ups with one email at once: the unique index decides.
      if (isUniqueViolation(error)) throw new ConflictError('An account with this email already exists. Sign in instead.');
      throw error;
    }
    const issued = await this.issueSession(em, { subject: 'member', memberId: member.id }, client);
    return { ...issued, member };
  }

  async signInMember(em: EntityManager, input: { email: string; password: string }, client: ClientInfo): Promise<IssuedSession & { member: Member }> {
    const { email, password } = parseInput(signInInput, input, ['input']);
    const attempt = await this.throttleSignIn('member', email, client);
    const credential = await em.findOne(MemberCredential, { where: { email }, relations: { member: true } });
    const usable = credential?.member && credential.member.status === 'active';
    const ok = usable ? await verifyPassword(credential.passwordHash, password) : await verifyAgainstDummy(password);
    if (!credential?.member || !ok) throw new InvalidCredentialsError();
    await attempt.succeeded();
    await em.update(MemberCredential, credential.memberId, { lastSignInAt: new Date() });
    const issued = await this.issueSession(em, { subject: 'member', memberId: credential.memberId }, client);
    return { ...issued, member: credential.member };
  }

  /**
   * A signed-in member proves it is them before something that cannot be undone (deleting
   * the account), throttled like a sign-in so a stolen session cannot guess the password.
   */
  async confirmMemberPassword(em: EntityManager, memberId: number, password: string, client: ClientInfo): Promise<void> {
    const credential = await em.findOne(MemberCredential, { where: { memberId } });
    const attempt = await this.throttleSignIn('member', credential?.email ?? `member:${memberId}`, client);
    const ok = credential ? await verifyPassword(credential.passwordHash, password) : await verifyAgainstDummy(password);
    if (!ok) throw new InvalidCredentialsError();
    await attempt.succeeded();
  }

  /** Ends one session; a token that is already gone is not an error (logout is idempotent). */
  async signOut(em: EntityManager, sessionId: number): Promise<void> {
    await em.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * Turns a bearer token (session or API key) into an actor; null when the token is
   * unknown, expired or revoked, or its owner is disabled.
   */
  async resolveToken(em: EntityManager, token: string, now = new Date()): Promise<Actor | null> {
    if (token.length > 200) return null;
    if (em.queryRunner) return this.readToken(em, token, now);
    // Requests that arrive together with one token (a till sends many at once) share one
    // read. Nothing is kept once it returns: a revoked key or session is refused from the
    // next read on, exactly as before.
    let read = this.tokenReads.get(token);
    if (!read) {
      read = this.readToken(em, token, now).finally(() => this.tokenReads.delete(token));
      this.tokenReads.set(token, read);
    }
    const actor = await read;
    return actor && { ...actor };
  }

  private async readToken(em: EntityManager, token: string, now: Date): Promise<Actor | null> {
    if (token.startsWith('pk_')) {
      const key = await findRow(em, ApiKey, { tokenHash: sha256(token) });
      if (!key || key.revokedAt) return null;
      if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await em.update(ApiKey, key.id, { lastUsedAt: now });
      }
      return { kind: 'apiKey', apiKeyId: key.id, scopes: key.scopes, partnerId: key.partnerId };
    }
    const read = sessionRead(em);
    const [session] = await rowsOf(em, read.sql, [this.sessionTokenHash(token), em.connection.driver.preparePersistentValue(now, read.expiresAt)]);
    if (!session) return null;
    const sessionId = Number(session.sessionId);
    if (session.subject === 'staff') {
      return session.staffUserId == null ? null : { kind: 'staff', staffUserId: Number(session.staffUserId), role: session.role as StaffRole, sessionId };
    }
    return session.memberId == null ? null : { kind: 'member', memberId: Number(session.memberId), sessionId };
  }

  async createStaffUser(em: EntityManager, input: { email: string; password: string; name?: string | null; role: StaffRole }): Promise<StaffUser> {
    const data = parseInput(staffUserInput, { ...input, name: input.name ?? undefined }, ['input']);
    if (await em.exists(StaffUser, { where: { email: data.email } })) {
      throw new ConflictError('A staff user with this email already exists.');
    }
    const user = em.create(StaffUser, {
      email: data.email,
      name: data.name,
      role: data.role,
      passwordHash: await hashPassword(data.password),
    });
    return em.save(user);
  }

  /**
   * Makes sure the bootstrap admin exists. When no password is configured, one is
   * generated and returned so that the caller can print it once.
   */
  async ensureAdmin(em: EntityManager, email: string, configuredPassword?: string): Promise<{ created: boolean; password?: string }> {
    if (await em.exists(StaffUser, { where: { email: email.toLowerCase() } })) return { created: false };
    const password = configuredPassword ?? generatePassword();
    await this.createStaffUser(em, { email, password, name: 'Administrator', role: 'admin' });
    return { created: true, password: configuredPassword ? undefined : password };
  }

  /** Creates an API key; the secret is in the result and nowhere else. */
  async createApiKey(
    em: EntityManager,
    input: { name: string; scopes: string[]; partnerId?: number | null },
    createdByStaffId: number | null,
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const data = parseInput(apiKeyInput, { ...input, partnerId: input.partnerId ?? null }, ['input']);
    const secret = newToken('pk');
    const apiKey = em.create(ApiKey, {
      name: data.name,
      scopes: [...new Set(data.scopes)] as ApiKeyScope[],
      partnerId: data.partnerId,
      prefix: secret.slice(0, 10),
      tokenHash: sha256(secret),
      createdByStaffId,
    });
    await em.save(apiKey);
    return { apiKey, secret };
  }

  async revokeApiKey(em: EntityManager, id: number): Promise<ApiKey> {
    const apiKey = await em.findOne(ApiKey, { where: { id } });
    if (!apiKey) throw new NotFoundError('ApiKey', String(id));
    if (!apiKey.revokedAt) {
      apiKey.revokedAt = new Date();
      await em.update(ApiKey, id, { revokedAt: apiKey.revokedAt });
    }
    return apiKey;
  }

  staffUserPage(em: EntityManager, page: PageRequest): Promise<StaffUser[]> {
    return keysetPage(em, StaffUser, page);
  }

  apiKeyPage(em: EntityManager, page: PageRequest): Promise<ApiKey[]> {
    return keysetPage(em, ApiKey, page);
  }

  /** A new member session (after a password reset). */
  issueMemberSession(em: EntityManager, memberId: number, client: ClientInfo): Promise<IssuedSession> {
    return this.issueSession(em, { subject: 'member', memberId }, client);
  }

  sessionTokenHash(token: string): string {
    return hmacSha256(this.settings.sessionSecret, token);
  }

  private async issueSession(
    em: EntityManager,
    owner: { subject: 'staff'; staffUserId: number } | { subject: 'member'; memberId: number },
    client: ClientInfo,
  ): Promise<IssuedSession> {
    const token = newToken('pts');
    const lifetime = owner.subject === 'staff' ? this.settings.staffSessionHours : this.settings.memberSessionHours;
    const session = em.create(Session, {
      ...owner,
      tokenHash: this.sessionTokenHash(token),
      expiresAt: new Date(Date.now() + hours(lifetime)),
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
    });
    await em.save(session);
    return { token, session };
  }

  /**
   * Counts a sign-in attempt per address and account, and per account from all addresses
   * (many addresses guessing one password). A successful sign-in clears the counts, so
   * that only failures add up.
   */
  private async throttleSignIn(kind: string, subject: string, client: ClientInfo): Promise<{ succeeded(): Promise<void> }> {
    const { signInRateLimit: limit, signInRateWindowSeconds: window } = this.settings;
    const clientKey = `signin:${kind}:${client.ip ?? '-'}:${subject}`;
    const subjectKey = `signin:${kind}:*:${subject}`;
    const perClient = await this.rateLimiter.hit(clientKey, limit, window);
    const perSubject = await this.rateLimiter.hit(subjectKey, limit * 5, window);
    if (!perClient.allowed) throw new RateLimitedError(perClient.retryAfterSeconds);
    if (!perSubject.allowed) throw new RateLimitedError(perSubject.retryAfterSeconds);
    return {
      succeeded: async () => {
        await this.rateLimiter.reset(clientKey);
        await this.rateLimiter.reset(subjectKey);
      },
    };
  }

  /** Sign-ups per address: looser than sign-in, since many people may share one address. */
  private async throttleSignUp(client: ClientInfo): Promise<void> {
    const { signInRateLimit: limit, signInRateWindowSeconds: window } = this.settings;
    const result = await this.rateLimiter.hit(`signup:${client.ip ?? '-'}`, limit * 3, window);
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  }
}

const sessionReads = new WeakMap<object, { sql: string; expiresAt: ColumnMetadata }>();

/**
 * Every authenticated request reads its session: one statement that answers only for a
 * live session (not revoked, not expired) of an enabled staff user or an active member,
 * with the few columns the actor needs. em.findOne with the two relations took two
 * statements (TypeORM's DISTINCT probe, then the join) and hydrated both whole rows.
 * Built once per connection, with the column `now` is converted for.
 */
function sessionRead(em: EntityManager): { sql: string; expiresAt: ColumnMetadata } {
  const { connection } = em;
  const known = sessionReads.get(connection);
  if (known) return known;
  const q = (name: string) => connection.driver.escape(name);
  const sessions = connection.getMetadata(Session);
  const staff = connection.getMetadata(StaffUser);
  const members = connection.getMetadata(Member);
  const s = (name: string) => `s.${q(columnOf(sessions, name, 'sessionRead').databaseName)}`;
  const u = (name: string) => `u.${q(columnOf(staff, name, 'sessionRead').databaseName)}`;
  const m = (name: string) => `m.${q(columnOf(members, name, 'sessionRead').databaseName)}`;
  const sql =
    `SELECT ${s('id')} AS sessionId, ${s('subject')} AS subject, ${u('id')} AS staffUserId, ${u('role')} AS role, ${m('id')} AS memberId` +
    ` FROM ${q(sessions.tableName)} s` +
    ` LEFT JOIN ${q(staff.tableName)} u ON ${u('id')} = ${s('staffUserId')} AND ${u('disabledAt')} IS NULL` +
    ` LEFT JOIN ${q(members.tableName)} m ON ${m('id')} = ${s('memberId')} AND ${m('status')} = 'active'` +
    ` WHERE ${s('tokenHash')} = ? AND ${s('revokedAt')} IS NULL AND ${s('expiresAt')} > ?`;
  const read = { sql, expiresAt: columnOf(sessions, 'expiresAt', 'sessionRead') };
  sessionReads.set(connection, read);
  return read;
}
