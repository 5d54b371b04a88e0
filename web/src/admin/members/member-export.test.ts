import { describe, expect, it } from 'vitest';
import { countLines, exportProgress, exportUrl, mayExportMembers } from './member-export';

describe('member export', () => {
  it('asks for everyone or one segment, the code escaped', () => {
    expect(exportUrl(null)).toBe('/export/members.csv');
    expect(exportUrl('vip')).toBe('/export/members.csv?segment=vip');
    expect(exportUrl('a&b=c')).toBe('/export/members.csv?segment=a%26b%3Dc');
  });

  it('counts rows as they arrive against X-Total-Count, the header line aside', () => {
    const chunk = new TextEncoder().encode('id,email\n1,a@x\n2,b@x\n');
    expect(countLines(chunk)).toBe(3);
    expect(exportProgress(1, 4)).toBe(0);
    expect(exportProgress(3, 4)).toBe(50);
    expect(exportProgress(9, 4)).toBe(100);
    expect(exportProgress(1, 0)).toBe(100);
    expect(exportProgress(5, null)).toBeNull();
  });

  it('is offered to the roles the server lets export', () => {
    expect(['ADMIN', 'MARKETER', 'ANALYST', 'MODERATOR', 'SUPPORT'].filter((r) => mayExportMembers(r as never))).toEqual(['ADMIN', 'MARKETER', 'ANALYST']);
  });
});
