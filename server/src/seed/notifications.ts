import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import type { Services } from '../services';

/**
 * The built-in email templates, written out so that the console lists them for editing,
 * and one webhook subscription, switched off, so that the webhooks page has something to
 * show. It points at example.invalid (a name that never resolves) and its secret is never
 * shown: a brand creates its own subscription to receive events.
 */
export async function seedNotifications(dataSource: DataSource, services: Services): Promise<{ templates: number; webhooks: number }> {
  return inTransaction(dataSource, async (em) => {
    const templates = await services.notifications.seedDefaults(em);
    const existing = await services.webhooks.list(em);
    if (existing.length > 0) return { templates, webhooks: 0 };
    await services.webhooks.create(em, { url: 'https://example.invalid/hooks', eventTypes: ['purchase', 'signup', 'tierChanged'], description: 'Example: switch on after pointing it at your own endpoint', active: false });
    return { templates, webhooks: 1 };
  });
}
