import type { RouteRecordRaw } from 'vue-router';
import { PORTAL_SECTIONS, sectionRoute } from './sections';

// The member portal is its own lazy area: nothing here imports console code.
export const portalRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('./PortalLayout.vue'),
    meta: { area: 'portal' },
    children: [
      ...PORTAL_SECTIONS.map(
        (section): RouteRecordRaw => ({
          path: section.path,
          name: sectionRoute(section),
          component: section.page,
          meta: { area: 'portal', requires: 'member', title: `portal.${section.key}.title` },
        }),
      ),
      // The forum's inner pages; its home is a section. Lazy later-… chunks like the perks.
      ...(
        [
          ['topics/:slug?', 'topics', () => import('./community/TopicListPage.vue')],
          ['new/:slug', 'new', () => import('./community/NewTopicPage.vue')],
          ['t/:id', 'topic', () => import('./community/TopicPage.vue')],
          ['notifications', 'notifications', () => import('./community/NotificationsPage.vue')],
          ['search', 'search', () => import('./community/SearchPage.vue')],
        ] as const
      ).map(
        ([path, name, component]): RouteRecordRaw => ({
          path: `community/${path}`,
          name: `portal-community-${name}`,
          component,
          meta: { area: 'portal', requires: 'member', title: `portal.community.title` },
        }),
      ),
      {
        path: 'signin',
        name: 'portal-signin',
        component: () => import('./auth/SignInPage.vue'),
        meta: { area: 'portal', guestOnly: true, title: 'portal.signIn.title' },
      },
      {
        path: 'signup',
        name: 'portal-signup',
        component: () => import('./auth/SignUpPage.vue'),
        meta: { area: 'portal', guestOnly: true, title: 'portal.signUp.title' },
      },
      {
        path: 'forgot',
        name: 'portal-forgot',
        component: () => import('./password-reset/ForgotPasswordPage.vue'),
        meta: { area: 'portal', guestOnly: true, title: 'portal.passwordReset.forgotTitle' },
      },
      {
        // The link in the reset email; open to a signed-in member too (it is their mailbox).
        path: 'reset',
        name: 'portal-reset',
        component: () => import('./password-reset/ResetPasswordPage.vue'),
        meta: { area: 'portal', title: 'portal.passwordReset.resetTitle' },
      },
      {
        // The referral link a member shares: sign-up with the friend's code filled in.
        path: 'join',
        name: 'portal-join',
        component: () => import('./auth/SignUpPage.vue'),
        meta: { area: 'portal', guestOnly: true, title: 'portal.signUp.title' },
      },
    ],
  },
];
