import type { RouteLocationRaw, RouteMeta } from 'vue-router';
import { canOpen } from '../admin/access';
import type { ViewerQuery } from '../graphql/generated/graphql';

export type Viewer = ViewerQuery['viewer'];

export interface GuardTarget {
  fullPath: string;
  meta: RouteMeta;
  query: Record<string, unknown>;
}

/**
 * Where a `next` query parameter may send someone after sign-in: only back into the
 * console, never to another site (`//evil.example`) — an open redirect otherwise.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string') return null;
  if (!/^\/admin(\/|$|\?)/.test(next) || next.startsWith('//') || next.includes('\\')) return null;
  if (next.startsWith('/admin/login')) return null;
  return next;
}

/** The sign-in page for the area a path belongs to. */
export function signInLocation(target: { fullPath: string; meta: RouteMeta }): RouteLocationRaw {
  const admin = target.meta.area === 'admin' || target.fullPath.startsWith('/admin');
  if (!admin) return { name: 'portal-signin' };
  const next = safeNext(target.fullPath);
  return { name: 'admin-login', query: next && next !== '/admin' ? { next } : {} };
}

/** Decides a navigation: true to go ahead, or where to go instead. Pure, for tests. */
export function decide(to: GuardTarget, viewer: Viewer): true | RouteLocationRaw {
  const { meta } = to;
  const staff = viewer?.__typename === 'StaffUser' ? viewer : null;
  const member = viewer?.__typename === 'Member' ? viewer : null;

  if (meta.requires === 'staff') {
    if (!staff) return signInLocation(to);
    if (meta.section && !canOpen(staff.role, meta.section)) return { name: 'admin-dashboard' };
  }
  if (meta.requires === 'member' && !member) return signInLocation(to);
  if (meta.guestOnly && meta.area === 'admin' && staff) return safeNext(to.query.next) ?? { name: 'admin-dashboard' };
  if (meta.guestOnly && meta.area === 'portal' && member) return { name: 'portal-home' };
  return true;
}
