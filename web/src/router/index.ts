import { createRouter, createWebHistory } from 'vue-router';
import './meta';
import { adminRoutes } from '../admin/routes';
import { apolloClient } from '../graphql/client';
import { loadConsoleMessages } from '../i18n';
import { portalRoutes } from '../portal/routes';
import { loadViewer } from '../shared/composables/useViewer';
import { decide, type Viewer } from './guards';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    ...adminRoutes,
    ...portalRoutes,
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('../shared/components/NotFoundPage.vue'),
      meta: { title: 'common.notFoundTitle' },
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  if (to.meta.area === 'admin') await loadConsoleMessages();
  if (!to.meta.requires && !to.meta.guestOnly) return true;
  let viewer: Viewer = null;
  try {
    viewer = await loadViewer(apolloClient, Boolean(to.meta.guestOnly));
  } catch {
    // Server unreachable: treat as signed out; the sign-in form then says what is wrong.
    viewer = null;
  }
  return decide(to, viewer);
});
