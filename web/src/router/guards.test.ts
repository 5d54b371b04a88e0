import { describe, expect, it } from 'vitest';
import { decide, safeNext, signInLocation, type Viewer } from './guards';

const staff = (role: 'ADMIN' | 'SUPPORT'): Viewer => ({ __typename: 'StaffUser', id: 'S1', name: 'Sam', role });
const member: Viewer = { __typename: 'Member', id: 'M1', name: 'Anna', email: 'anna@example.com', locale: 'ru' };

describe('route guard', () => {
  const members = { fullPath: '/admin/members?search=x', meta: { area: 'admin', requires: 'staff', section: 'members' }, query: {} } as const;
  const settings = { fullPath: '/admin/settings/api-keys', meta: { area: 'admin', requires: 'staff', section: 'settings' }, query: {} } as const;
  const home = { fullPath: '/', meta: { area: 'portal', requires: 'member' }, query: {} } as const;

  it('sends anonymous visitors of the console to the staff sign-in, remembering where they were going', () => {
    expect(decide(members, null)).toEqual({ name: 'admin-login', query: { next: '/admin/members?search=x' } });
  });

  it('does not let a member session into the console', () => {
    expect(decide(members, member)).toEqual({ name: 'admin-login', query: { next: '/admin/members?search=x' } });
  });

  it('lets staff into sections their role allows and turns them back from others', () => {
    expect(decide(members, staff('SUPPORT'))).toBe(true);
    expect(decide(settings, staff('SUPPORT'))).toEqual({ name: 'admin-dashboard' });
    expect(decide(settings, staff('ADMIN'))).toBe(true);
  });

  it('sends visitors without a member session from the portal home to the portal sign-in', () => {
    expect(decide(home, null)).toEqual({ name: 'portal-signin' });
    expect(decide(home, staff('ADMIN'))).toEqual({ name: 'portal-signin' });
    expect(decide(home, member)).toBe(true);
  });

  it('moves signed-in people past sign-in pages', () => {
    const login = { fullPath: '/admin/login', meta: { area: 'admin', guestOnly: true }, query: { next: '/admin/members' } } as const;
    expect(decide(login, staff('ADMIN'))).toBe('/admin/members');
    expect(decide(login, null)).toBe(true);
    const signin = { fullPath: '/signin', meta: { area: 'portal', guestOnly: true }, query: {} } as const;
    expect(decide(signin, member)).toEqual({ name: 'portal-home' });
  });
});

describe('safeNext', () => {
  it('accepts console paths only', () => {
    expect(safeNext('/admin/members')).toBe('/admin/members');
    expect(safeNext('/admin')).toBe('/admin');
    expect(safeNext('//evil.example/admin')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/administrator')).toBeNull();
    expect(safeNext('/admin/login')).toBeNull();
    expect(safeNext(['/admin'])).toBeNull();
  });

  it('keeps the bare console path out of the sign-in query', () => {
    expect(signInLocation({ fullPath: '/admin', meta: { area: 'admin' } })).toEqual({ name: 'admin-login', query: {} });
  });
});
