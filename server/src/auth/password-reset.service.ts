import { IsNull, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { RateLimitedError } from '../errors';
import { parseInput } from '../input';
import { Member } from '../members/member.entity';
import type { NotificationsService } from '../notifications/notifications.service';
import type { ClientInfo, IssuedSession } from './auth.service';
import { MemberCredential } from './member-credential.entity';
import { MemberPasswordReset } from './member-password-reset.entity';
import { InvalidResetTokenError } from './password-reset-errors';
import type { RateLimiter } from './rate-limiter';
import { hashPassword, hmacSha256, newToken } from './secrets';
import { Session } from './session.entity';

export interface PasswordResetSettings {
  /** How long a link holds. */
  tokenMinutes: number;
  signInRateLimit: number;
  signInRateWindowSeconds: number;
  sessionSecret: string;
  /** Where the portal is: the link in the mail is `<publicUrl>/reset?token=…`. */
  publicUrl: string;
}

export const PASSWORD_RESET_TEMPLATE = 'password-reset';

const requestInput = z.object({
  email: z
    .string()
    .trim()
    .max(191)
    .pipe(z.email('must be an email address'))
    .transform((v) => v.toLowerCase()),
});
const resetInput = z.object({
  // Tokens are `pwr_` + 43 characters; anything far longer is not one of ours.
  token: z.string().trim().min(1, 'is required').max(200),
  newPassword: z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters'),
});

/**
 * "Forgot password" for members: a single-use, expiring link by email, then a new
 * password that ends every session the member had. Knows no GraphQL.
 */
export class PasswordResetService {
  constructor(
    private readonly settings: PasswordResetSettings,
    private readonly rateLimiter: RateLimiter,
    private readonly notifications: NotificationsService,
    private readonly issueSession: (em: EntityManager, memberId: number, client: ClientInfo) => Promise<IssuedSession>,
  ) {}

  /**
   * Mails a reset link when the address belongs to an active member with a sign-in, and
   * answers the same whether or not it does, so that nobody can learn who is a member.
   * Every request counts against the limits (per address and email, and per email from
   * anywhere), so the form cannot be used to flood someone's mailbox.
   */
  async request(em: EntityManager, raw: { email: string }, client: ClientInfo, now = new Date()): Promise<void> {
    const { email } = parseInput(requestInput, raw, ['input']);
    const { signInRateLimit: limit, signInRateWindowSeconds: window } = this.settings;
    for (const [key, max] of [
      [`pwreset:${client.ip ?? '-'}:${email}`, limit],
      [`pwreset:*:${email}`, limit],
      [`pwreset:${client.ip ?? '-'}:*`, limit * 5],
    ] as const) {
      const hit = await this.rateLimiter.hit(key, max, window);
      if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds);
    }
    const credential = await em.findOne(MemberCredential, { where: { email }, relations: { member: true } });
    if (!credential?.member || credential.member.status !== 'active') return;
    // Only the newest link works: an older one in the mailbox is spent.
    await em.update(MemberPasswordReset, { memberId: credential.memberId, usedAt: IsNull() }, { usedAt: now });
    const token = newToken('pwr');
    await em.insert(MemberPasswordReset, {
      memberId: credential.memberId,
      tokenHash: this.hash(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.settings.tokenMinutes * 60_000),
      ip: client.ip?.slice(0, 64) ?? null,
    });
    const link = `${this.settings.publicUrl.replace(/\/+$/, '')}/reset?token=${encodeURIComponent(token)}`;
    await this.notifications.queueEmail(em, { memberId: credential.memberId, template: PASSWORD_RESET_TEMPLATE, recipient: credential.email, vars: { link } }, now);
  }

  /**
   * Spends the link and sets the new password: the link is claimed by a guarded update, so
   * two resets with one link at once cannot both pass. Every session the member had is
   * revoked; the one returned is new.
   */
  async reset(em: EntityManager, raw: { token: string; newPassword: string }, client: ClientInfo, now = new Date()): Promise<IssuedSession & { member: Member }> {
    const { token, newPassword } = parseInput(resetInput, raw, ['input']);
    // Tokens cannot be guessed (256 random bits); the limit keeps an address from burning
    // argon2 time with made-up ones. Like sign-in, only failures add up.
    const { signInRateLimit: limit, signInRateWindowSeconds: window } = this.settings;
    const throttleKey = `pwreset-use:${client.ip ?? '-'}`;
    const hit = await this.rateLimiter.hit(throttleKey, limit * 5, window);
    if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds);
    const row = await em.findOne(MemberPasswordReset, { where: { tokenHash: this.hash(token) } });
    if (!row || row.usedAt || row.expiresAt <= now) throw new InvalidResetTokenError();
    const claimed = await em
      .createQueryBuilder()
      .update(MemberPasswordReset)
      .set({ usedAt: now })
      .where('id = :id AND usedAt IS NULL AND expiresAt > :now', { id: row.id, now })
      .execute();
    if (claimed.affected !== 1) throw new InvalidResetTokenError();
    const credential = await em.findOne(MemberCredential, { where: { memberId: row.memberId }, relations: { member: true } });
    if (!credential?.member || credential.member.status !== 'active') throw new InvalidResetTokenError();
    await em.update(MemberCredential, row.memberId, { passwordHash: await hashPassword(newPassword) });
    await em.update(Session, { memberId: row.memberId, revokedAt: IsNull() }, { revokedAt: now });
    await em.update(MemberPasswordReset, { memberId: row.memberId, usedAt: IsNull() }, { usedAt: now });
    const issued = await this.issueSession(em, row.memberId, client);
    await this.rateLimiter.reset(throttleKey);
    return { ...issued, member: credential.member };
  }

  private hash(token: string): string {
    return hmacSha256(this.settings.sessionSecret, token);
  }
}
