import { useI18n } from 'vue-i18n';
import type { CommunityProfileFieldsFragment } from '../../graphql/generated/graphql';
import { formatDateTime } from '../../shared/format';
import { pluralKey } from '../points';

/** What a forum mutation answers when it did not do it (the CommunityWriteErrors fragment). */
export interface WriteError {
  __typename: string;
  message?: string;
  reason?: string;
  retryAfterSeconds?: number;
  fieldErrors?: readonly { path: readonly string[]; message: string; code: string }[];
}

type Profile = Pick<CommunityProfileFieldsFragment, 'penaltyKind' | 'penaltyEndsAt' | 'penaltyReason'> | null | undefined;

const REASONS = ['topicLocked', 'topicClosed', 'topicArchived', 'staffOnly', 'notAuthor', 'ownPost', 'memberInactive'] as const;

/** The forum's words: counts with their plural forms, times, and typed errors as sentences. */
export function useCommunityWords() {
  const { t, locale } = useI18n();
  const count = (key: string, n: number) => t(`${key}.${pluralKey(n, locale.value)}`, { n });

  function ago(iso: string): string {
    const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
    const format = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' });
    const abs = Math.abs(seconds);
    if (abs < 60) return format.format(Math.round(seconds), 'second');
    if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
    if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
    if (abs < 604_800) return format.format(Math.round(seconds / 86_400), 'day');
    return formatDateTime(iso, locale.value);
  }

  /** A penalty in words: "You are silenced until 5 Dec, 14:00", with the moderator's reason. */
  function penaltyText(profile: Profile): string | null {
    if (!profile?.penaltyKind) return null;
    const kind = profile.penaltyKind === 'suspend' ? 'suspended' : 'silenced';
    const until = formatDateTime(profile.penaltyEndsAt, locale.value);
    const text = until ? t(`portal.community.errors.${kind}`, { until }) : t(`portal.community.errors.${kind}NoDate`);
    return profile.penaltyReason ? `${text} ${t('portal.community.errors.reason', { reason: profile.penaltyReason })}` : text;
  }

  function errorText(error: WriteError, profile?: Profile, tierName?: string | null): string {
    switch (error.__typename) {
      case 'RateLimitedError': {
        const s = error.retryAfterSeconds ?? 60;
        return s < 60 ? t('portal.community.errors.rateLimitedSeconds', { n: s }) : count('portal.community.errors.rateLimitedMinutes', Math.ceil(s / 60));
      }
      case 'NotAllowedError': {
        const reason = error.reason ?? '';
        if (reason === 'silenced' || reason === 'suspended') {
          return penaltyText(profile?.penaltyKind ? profile : { penaltyKind: reason === 'suspended' ? 'suspend' : 'silence', penaltyEndsAt: null, penaltyReason: null })!;
        }
        if (reason === 'tierRequired') return tierName ? t('portal.community.errors.tierRequiredNamed', { tier: tierName }) : t('portal.community.errors.tierRequired');
        return (REASONS as readonly string[]).includes(reason) ? t(`portal.community.errors.${reason as (typeof REASONS)[number]}`) : t('portal.community.errors.notAllowed');
      }
      case 'ValidationError': {
        const fields = (error.fieldErrors ?? []).map((f) => {
          const field = f.path.at(-1);
          if (field === 'title') return t('portal.community.composer.titleLength');
          if (field === 'body' && f.code === 'too_small') return t('portal.community.composer.tooShort');
          return f.message;
        });
        return fields.length ? [...new Set(fields)].join(' ') : t('portal.community.errors.invalid');
      }
      case 'ConflictError':
        return t('portal.community.errors.conflict');
      case 'NotFoundError':
        return t('portal.community.errors.notFound');
      default:
        return t('common.unexpectedError');
    }
  }

  return { t, locale, count, ago, errorText, penaltyText };
}

/** Plain text of server-rendered HTML, parsed in an inert document (nothing loads or runs). */
export function textOfHtml(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  // Paragraphs and line breaks stay apart, so that a quote keeps its shape.
  for (const el of body.querySelectorAll('p, li, pre, blockquote, h1, h2, h3, h4, h5, h6')) el.after('\n\n');
  for (const el of body.querySelectorAll('br')) el.after('\n');
  return (body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

/** A markdown quote of a post for the composer: each line behind "> ", then a blank line. */
export function quoteMarkdown(text: string, author?: string | null): string {
  const lines = text.trim().split('\n').map((line) => (line ? `> ${line}` : '>'));
  return `${author ? `@${author}:\n` : ''}${lines.join('\n')}\n\n`;
}

export const REACTIONS = ['LIKE', 'HEART', 'LAUGH', 'WOW', 'THANKS'] as const;
export const REACTION_EMOJI: Record<(typeof REACTIONS)[number], string> = { LIKE: '👍', HEART: '❤️', LAUGH: '😄', WOW: '😮', THANKS: '🙏' };
