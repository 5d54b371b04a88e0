import type { WebhookSubscriptionInput, WebhookSubscriptionRowFragment } from '../../../graphql/generated/graphql';

/**
 * What a subscription may listen to: the flow trigger events and the notify action
 * (WEBHOOK_EVENT_TYPES on the server). Listed here rather than imported from
 * @patron/schema/flow, which would pull the whole node catalog into this screen; the
 * test keeps the two lists equal.
 */
export const WEBHOOK_EVENT_TYPES = [
  'purchase',
  'custom',
  'signup',
  'birthday',
  'referral',
  'tierChanged',
  'communityPost',
  'surveyAnswered',
  'challengeCompleted',
  'schedule',
  'inactivity',
  'pointsExpiring',
  'notify',
] as const;

export const WEBHOOK_FIELDS = ['url', 'eventTypes', 'description', 'active'] as const;
export type WebhookIssue = 'required' | 'url' | 'https' | 'credentials' | 'tooLong' | 'events' | 'descriptionTooLong';

export interface WebhookFormValues {
  url: string;
  description: string;
  eventTypes: string[];
  active: boolean;
}

export function emptyWebhook(): WebhookFormValues {
  return { url: '', description: '', eventTypes: [], active: true };
}

export function fromWebhook(row: WebhookSubscriptionRowFragment): WebhookFormValues {
  return { url: row.url, description: row.description, eventTypes: [...row.eventTypes], active: row.active };
}

/**
 * Why a receiver URL is refused, or null. The server's guard (url-guard.ts) decides in the
 * end: it also refuses private and loopback addresses in production and checks DNS at
 * each send. The console asks for https everywhere: a signed payload still travels in
 * clear text over http.
 */
export function urlIssue(value: string): WebhookIssue | null {
  const url = value.trim();
  if (!url) return 'required';
  if (url.length > 2048) return 'tooLong';
  if (!URL.canParse(url)) return 'url';
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') return 'https';
  if (parsed.username || parsed.password) return 'credentials';
  if (!parsed.hostname) return 'url';
  return null;
}

export function toWebhookInput(values: WebhookFormValues): { input: WebhookSubscriptionInput; issues: Partial<Record<(typeof WEBHOOK_FIELDS)[number], WebhookIssue>> } {
  const issues: Partial<Record<(typeof WEBHOOK_FIELDS)[number], WebhookIssue>> = {};
  const url = values.url.trim();
  const description = values.description.trim();
  const problem = urlIssue(url);
  if (problem) issues.url = problem;
  const known = values.eventTypes.filter((type) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type));
  if (!known.length) issues.eventTypes = 'events';
  if (description.length > 200) issues.description = 'descriptionTooLong';
  return { input: { url, description, eventTypes: [...new Set(known)], active: values.active }, issues };
}
