import type { RouteRecordRaw } from 'vue-router';

// The member portal is its own lazy area: nothing here imports console code.
export const portalRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('./PortalLayout.vue'),
    meta: { area: 'portal' },
    children: [
      {
        path: '',
        name: 'portal-home',
        component: () => import('./home/HomePage.vue'),
        meta: { area: 'portal', requires: 'member', title: 'portal.home.title' },
      },
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
    ],
  },
];
