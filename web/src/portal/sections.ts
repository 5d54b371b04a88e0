import type { RouteComponent } from 'vue-router';

/**
 * The portal's sections, in tab order: the one list the routes and both navigations
 * (bottom tabs on phones, top links on desktop) are drawn from. A new area (rewards,
 * offers, challenges, referrals, club) adds one line here and its page folder.
 */
export interface PortalSection {
  /** Route name `portal-<key>`; i18n label `portal.nav.<key>`. */
  key: 'home' | 'rewards' | 'history' | 'referrals' | 'surveys' | 'profile';
  path: string;
  page: () => Promise<RouteComponent>;
  /** A 24×24 outline icon as SVG path data: icons cost no extra request or library. */
  icon: string;
}

export const PORTAL_SECTIONS: readonly PortalSection[] = [
  {
    key: 'home',
    path: '',
    page: () => import('./home/HomePage.vue'),
    icon: 'M3 7a2 2 0 0 1 2-2h13a2 2 0 0 1 2 2v2h-5a3 3 0 0 0 0 6h5v2a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7zm12 4h6v2h-6a1 1 0 0 1 0-2z',
  },
  {
    key: 'rewards',
    path: 'rewards',
    page: () => import('./rewards/RewardsPage.vue'),
    icon: 'M4 11h16v9H4v-9zm-1-4h18v4H3V7zm9 0v13M12 7c-1.5-3-5-3.5-5-1.2C7 7 9 7 12 7zm0 0c1.5-3 5-3.5 5-1.2C17 7 15 7 12 7z',
  },
  {
    key: 'history',
    path: 'history',
    page: () => import('./history/HistoryPage.vue'),
    icon: 'M12 3a9 9 0 1 1-8.5 6M3 4v5h5M12 7v5l3 3',
  },
  {
    key: 'referrals',
    path: 'referrals',
    page: () => import('./referrals/ReferralsPage.vue'),
    icon: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-6.5 9a6.5 6.5 0 0 1 13 0M19 8v6M16 11h6',
  },
  {
    key: 'surveys',
    path: 'surveys',
    page: () => import('./surveys/SurveysPage.vue'),
    icon: 'M4 5h16v11H8l-4 4V5zM8 9h8M8 12h5',
  },
  {
    key: 'profile',
    path: 'profile',
    page: () => import('./profile/ProfilePage.vue'),
    icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8a8 8 0 0 1 16 0',
  },
];

export const sectionRoute = (section: PortalSection) => `portal-${section.key}`;
