export const SESSION_COOKIE = 'patron_session';

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The session cookie: httpOnly (scripts cannot read it), SameSite=Lax (other sites'
 * forms do not send it), Secure when served over https.
 */
export function sessionCookie(token: string | null, options: { secure: boolean; expiresAt?: Date }): string {
  const parts = [`${SESSION_COOKIE}=${token ? encodeURIComponent(token) : ''}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (!token) parts.push('Max-Age=0');
  else if (options.expiresAt) parts.push(`Expires=${options.expiresAt.toUTCString()}`);
  return parts.join('; ');
}
