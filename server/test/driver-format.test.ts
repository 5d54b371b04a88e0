import fc from 'fast-check';
import { format } from 'mysql2';
import { describe, expect, it } from 'vitest';
import { formatFromTemplate, templateOf } from '../src/db/driver-tuning';

/**
 * The statements Patron sends to MySQL are formatted from a template cut once at their
 * placeholders (db/driver-tuning.ts): the text must be mysql2's own, byte for byte, for
 * any values, and for texts the cut cannot serve (literals, comments, `??`, objects to
 * expand, a count that differs) mysql2's format decides.
 */
describe('statements formatted from their templates', () => {
  const value = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.bigInt(),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom("'; DROP TABLE members; --", 'a\\b', '\0\n\r\x1a"', '?', '??', null, undefined, true, false),
    fc.date(),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.record({ name: fc.string() }),
  );
  const piece = fc.constantFrom('SELECT * FROM `members` WHERE `id` = ', 'INSERT INTO t (a, b) VALUES (', ', ', ') ', " AND name = 'x?' ", ' -- ? ', ' /* ? */ ', ' # ', ' `col?` ', ' ?? ', 'UPDATE t SET ', ';\n');

  /** The text, or the error where mysql2 refuses the values (an object without a prototype). */
  const outcome = (formatting: () => string) => {
    try {
      return formatting();
    } catch (error) {
      return `throws ${String(error)}`;
    }
  };

  it('gives mysql2’s text for any statement and values, in any time zone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 8 }), fc.array(value, { maxLength: 9 }), fc.constantFrom('Z', 'local', '+03:00'), (pieces, values, timezone) => {
        const sql = pieces.map(([text, placeholder]) => (placeholder ? `${text}?` : text)).join('');
        const expected = outcome(() => format(sql, values as never, false, timezone));
        expect(outcome(() => formatFromTemplate(sql, values, timezone))).toBe(expected);
        // Twice: the second time from the template kept.
        expect(outcome(() => formatFromTemplate(sql, values, timezone))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to mysql2 a text with a literal, a comment or a double placeholder', () => {
    for (const sql of ["SELECT * FROM t WHERE a = ? AND b = 'x?'", 'SELECT ? -- ?', 'SELECT ? /* ? */', 'SELECT ?? FROM t WHERE a = ?', 'SELECT ? # ?']) expect(templateOf(sql)).toBeNull();
  });

  it('formats a ledger entry’s insert from its template as mysql2 does', () => {
    const sql = 'INSERT INTO `ledger_entries` (`accountId`, `kind`, `availableChange`, `reason`, `occurredAt`, `purchaseId`) VALUES (?, ?, ?, ?, ?, ?)';
    const values = [7, 'earn', -500, "it's \\ \"quoted\"", new Date('2026-12-05T03:30:00.123Z'), null];
    // Cut once at its six placeholders, the backquoted names kept whole.
    expect(templateOf(sql)).toHaveLength(7);
    const text = formatFromTemplate(sql, values, 'Z');
    expect(text).toBe(format(sql, values as never, false, 'Z'));
    expect(text).toBe("INSERT INTO `ledger_entries` (`accountId`, `kind`, `availableChange`, `reason`, `occurredAt`, `purchaseId`) VALUES (7, 'earn', -500, 'it\\'s \\\\ \\\"quoted\\\"', '2026-12-05 03:30:00.123', NULL)");
  });
});
