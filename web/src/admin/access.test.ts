import { describe, expect, it } from 'vitest';
import { ADMIN_SECTIONS, canOpen, sectionsFor } from './access';

describe('sections by role', () => {
  it('gives admins every section', () => {
    expect(sectionsFor('ADMIN')).toEqual([...ADMIN_SECTIONS]);
  });

  it('gives each other role exactly its sections, in navigation order', () => {
    expect(sectionsFor('MARKETER')).toEqual(['dashboard', 'members', 'programs', 'templates', 'campaigns', 'rewards', 'engagement', 'segments', 'surveys', 'partners']);
    expect(sectionsFor('MODERATOR')).toEqual(['dashboard', 'members', 'community']);
    expect(sectionsFor('ANALYST')).toEqual(['dashboard', 'members', 'templates', 'campaigns', 'rewards', 'engagement', 'segments', 'surveys', 'partners']);
    expect(sectionsFor('SUPPORT')).toEqual(['dashboard', 'members', 'imports']);
  });

  it('opens engagement to the roles the server lets read offers: admins and marketers edit, analysts read', () => {
    for (const role of ['ADMIN', 'MARKETER', 'ANALYST'] as const) expect(canOpen(role, 'engagement')).toBe(true);
    // Moderators and support may read challenges and badges but not offers (authorization-rules.ts).
    for (const role of ['MODERATOR', 'SUPPORT'] as const) expect(canOpen(role, 'engagement')).toBe(false);
  });

  it('keeps settings (API keys, staff users) to admins', () => {
    for (const role of ['MARKETER', 'MODERATOR', 'ANALYST', 'SUPPORT'] as const) {
      expect(canOpen(role, 'settings')).toBe(false);
    }
    expect(canOpen('ADMIN', 'settings')).toBe(true);
  });
});
