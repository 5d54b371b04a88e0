import type { AdminSection } from '../admin/access';

export type Area = 'admin' | 'portal';

declare module 'vue-router' {
  interface RouteMeta {
    /** Which area the page belongs to; decides the sign-in page to send visitors to. */
    area?: Area;
    /** Who must be signed in to see the page. */
    requires?: 'staff' | 'member';
    /** A sign-in page: someone already signed in for this area moves on. */
    guestOnly?: boolean;
    /** The console section, for role checks and the active nav item. */
    section?: AdminSection;
    /** i18n key of the page title. */
    title?: string;
  }
}
