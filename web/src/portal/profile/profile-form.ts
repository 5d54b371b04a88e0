import type { Locale } from '@patron/schema';

export interface ProfileValues {
  name: string;
  phone: string;
  birthday: string;
  locale: Locale;
  consentEmail: boolean;
  consentSms: boolean;
}

/** The fields a member may change about themselves (UpdateMemberInput says which). */
export const PROFILE_FIELDS = ['name', 'phone', 'birthday', 'locale', 'consentEmail', 'consentSms'] as const;

/** Only what changed goes to the server: fields left out stay as they are. */
export function changedFields(before: ProfileValues, after: ProfileValues): Partial<ProfileValues> {
  const changes: Partial<ProfileValues> = {};
  for (const field of PROFILE_FIELDS) {
    const next = typeof after[field] === 'string' ? (after[field] as string).trim() : after[field];
    if (next !== before[field]) (changes as Record<string, unknown>)[field] = next;
  }
  return changes;
}
