import { describe, expect, it } from 'vitest';
import { memberActions } from './member-access';

// Mirrors server/test/authorization-rules.ts: adjustPoints, memberData and anonymizeMember are admin and support only.
describe('member profile actions by role', () => {
  it('offers the points and data actions to admin and support only', () => {
    for (const role of ['ADMIN', 'SUPPORT'] as const) expect(memberActions(role)).toMatchObject({ adjust: true, exportData: true, anonymise: true });
    for (const role of ['MARKETER', 'MODERATOR', 'ANALYST'] as const) expect(memberActions(role)).toMatchObject({ adjust: false, exportData: false, anonymise: false });
  });

  it('links the moderation record and segment names where the role may open them', () => {
    expect(memberActions('MODERATOR')).toMatchObject({ moderation: true, segmentNames: false });
    expect(memberActions('SUPPORT')).toMatchObject({ moderation: false, segmentNames: false });
    expect(memberActions('MARKETER')).toMatchObject({ moderation: false, segmentNames: true });
    expect(memberActions(null)).toEqual({ adjust: false, exportData: false, anonymise: false, moderation: false, segmentNames: false });
  });
});
