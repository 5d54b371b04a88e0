/**
 * How the guards compare people: one person should not be able to invite themself by
 * writing their email in capitals, adding a +tag, or spacing their phone differently.
 */

/** Lower-cased and trimmed; the +tag of the local part dropped ("Anna+2@X.ru" → "anna@x.ru"). */
export function canonicalEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  if (!value) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0) return value;
  const local = value.slice(0, at).split('+')[0];
  return `${local}@${value.slice(at + 1)}`;
}

/** E.164: digits with a leading +; a Russian 8XXXXXXXXXX becomes +7XXXXXXXXXX. */
export function canonicalPhone(phone: string | null | undefined): string | null {
  const trimmed = phone?.trim();
  if (!trimmed) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (!digits) return null;
  if (!trimmed.startsWith('+') && digits.length === 11 && digits.startsWith('8')) return `+7${digits.slice(1)}`;
  return `+${digits}`;
}

/** "Анна Иванова" → "Анна И.": enough for a member to recognise a friend, too little to find them. */
export function maskedName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '—';
  const [first, ...rest] = parts;
  const last = rest.at(-1);
  return last ? `${first} ${Array.from(last)[0].toUpperCase()}.` : first;
}
