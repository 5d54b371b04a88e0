import { i18n } from '../i18n';

/**
 * The messages of a page that is not on a member's first load (rewards, referrals, the
 * privacy block) come with that page's chunk: the wallet stays within its weight budget.
 * en.ts and ru.ts still list them, so that keys are type-checked and tests see them.
 */
export function addPortalMessages(key: string, en: object, ru: object): void {
  i18n.global.mergeLocaleMessage('en', { portal: { [key]: en } } as never);
  i18n.global.mergeLocaleMessage('ru', { portal: { [key]: ru } } as never);
}
