import type { Context } from '../graphql/context';
import { actorKeyOf, type Writer } from './profiles.service';

/** Members, staff and keys with community:read read the forum. */
export const canReadForum = (ctx: Context) => ctx.actor.kind === 'member' || ctx.actor.kind === 'staff' || (ctx.actor.kind === 'apiKey' && ctx.actor.partnerId === null && ctx.actor.scopes.includes('community:read'));
export const forumReaders = { $any: { member: true, staff: true, apiScope: 'community:read' as const } };
/** Members write for themselves; staff write as moderators or marketers (announcements). */
export const forumWriters = { $any: { member: true, roles: ['moderator' as const, 'marketer' as const] } };
export const moderators = { roles: ['moderator' as const] };

export const isModerator = (ctx: Context) => ctx.actor.kind === 'staff' && (ctx.actor.role === 'admin' || ctx.actor.role === 'moderator');

/** The writer a signed-in member or staff user is; the scopes above let no one else this far. */
export function writerOf(ctx: Context): Writer {
  if (ctx.actor.kind === 'member') return { kind: 'member', memberId: ctx.actor.memberId };
  if (ctx.actor.kind === 'staff') return { kind: 'staff', staffUserId: ctx.actor.staffUserId };
  throw new Error('writerOf: not a member or staff');
}

/** 'm:<id>' / 's:<id>' of the viewer, as reactions record it. */
export const viewerKey = (ctx: Context) => (ctx.actor.kind === 'member' || ctx.actor.kind === 'staff' ? actorKeyOf(writerOf(ctx)) : null);

export const viewerMemberId = (ctx: Context) => (ctx.actor.kind === 'member' ? ctx.actor.memberId : null);
