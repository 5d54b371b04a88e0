import type { RouteComponent } from 'vue-router';

/**
 * The portal's sections, in tab order: the one list the routes and both navigations
 * (bottom tabs on phones, top links on desktop) are drawn from. A new area (rewards,
 * offers, challenges, referrals, club) adds one line here and its page folder.
 */
export interface PortalSection {
  /** Route name `portal-<key>`; i18n label `portal.nav.<key>`. */
  key: 'home' | 'rewards' | 'history' | 'referrals' | 'surveys' | 'profile' | 'offers' | 'challenges' | 'club' | 'community';
  path: string;
  /**
   * The tab a section is reached from, when it has no tab of its own: six tabs already
   * fill a phone's bar, so the perks (offers, challenges, club) are links on the wallet,
   * which stays the highlighted tab while one of them is open.
   */
  parent?: 'home';
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
    key: 'offers',
    path: 'offers',
    parent: 'home',
    page: () => import('./offers/OffersPage.vue'),
    icon: 'M3 12V4h8l10 10-8 8-10-10zM7.5 7.5h.01',
  },
  {
    key: 'challenges',
    path: 'challenges',
    parent: 'home',
    page: () => import('./challenges/ChallengesPage.vue'),
    icon: 'M8 4h8v5a4 4 0 0 1-8 0V4zM8 6H5a3 3 0 0 0 3 4m8-4h3a3 3 0 0 1-3 4m-4 3v4m-4 3h8m-6-3h4',
  },
  {
    key: 'club',
    path: 'club',
    parent: 'home',
    page: () => import('./club/ClubPage.vue'),
    icon: 'M3 8l4.5 4L12 5l4.5 7L21 8l-2 11H5L3 8z',
  },
  {
    // The forum's home; its inner pages (topics, a topic, notifications, search) are routes.ts's.
    key: 'community',
    path: 'community',
    parent: 'home',
    page: () => import('./community/CommunityPage.vue'),
    icon: 'M4 5h11v8H8l-4 3V5zm15 4h1v10l-3-2.5h-7V15',
  },
  {
    key: 'profile',
    path: 'profile',
    page: () => import('./profile/ProfilePage.vue'),
    icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8a8 8 0 0 1 16 0',
  },
];

export const sectionRoute = (section: PortalSection) => `portal-${section.key}`;

/** The sections with a tab of their own, in tab order. */
export const PORTAL_TABS = PORTAL_SECTIONS.filter((section) => !section.parent);

/** The sections a tab links to from its page (the wallet's perks). */
export const childSections = (key: PortalSection['key']) => PORTAL_SECTIONS.filter((section) => section.parent === key);

/** The tab to highlight for a route: the section's own, or its parent's. */
export function tabOfRoute(routeName: string | undefined): string | undefined {
  // A section's inner pages are named after it (portal-community-topic).
  const section = PORTAL_SECTIONS.find((s) => routeName === sectionRoute(s) || routeName?.startsWith(`${sectionRoute(s)}-`));
  return section?.parent ? `portal-${section.parent}` : routeName;
}
