import { describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, STAFF_ROLES, isApiKeyScope, isStaffRole } from './access';

describe('roles and scopes', () => {
  it('knows the five staff roles', () => {
    expect(STAFF_ROLES).toEqual(['admin', 'marketer', 'moderator', 'analyst', 'support']);
    expect(isStaffRole('marketer')).toBe(true);
    expect(isStaffRole('root')).toBe(false);
  });

  it('names scopes as resource:action', () => {
    for (const scope of API_KEY_SCOPES) expect(scope).toMatch(/^[a-z]+:[a-z]+$/);
    expect(isApiKeyScope('members:read')).toBe(true);
    expect(isApiKeyScope('members:delete')).toBe(false);
  });
});
