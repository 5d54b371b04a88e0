import { randomBytes } from 'node:crypto';

/**
 * Crockford's base32: no I, L, O or U, so nothing reads as something else. 32 symbols
 * make every random byte's low 5 bits an unbiased pick; 12 symbols carry 60 bits, too
 * many to guess at any rate a server answers.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

/** A fresh code such as 7K3M-Q9TX-A2RD. */
export function generateCouponCode(): string {
  const bytes = randomBytes(LENGTH);
  let raw = '';
  for (const byte of bytes) raw += ALPHABET[byte & 31];
  return format(raw);
}

const format = (raw: string) => `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;

/**
 * The stored forms a typed code may match: ours as people type it (any case, spaces or
 * dashes, O for 0, I or L for 1), and an imported partner code as given (upper case).
 */
export function couponCodeCandidates(typed: string): string[] {
  const upper = typed.normalize('NFKC').trim().toUpperCase();
  if (upper.length === 0 || upper.length > 64) return [];
  const compact = upper.replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const candidates = [upper];
  if (compact.length === LENGTH && [...compact].every((c) => ALPHABET.includes(c))) candidates.unshift(format(compact));
  return [...new Set(candidates)];
}

/** What an imported partner code may look like. */
export const IMPORTED_CODE = /^[A-Z0-9][A-Z0-9_-]{3,63}$/;
