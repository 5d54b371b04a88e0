import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { mountOptions, settle } from '../testing';
import { PORTAL_SECTIONS, childSections, tabOfRoute } from '../sections';
import { portalRoutes } from '../routes';
import PortalNav from './PortalNav.vue';

describe('PortalNav', () => {
  it('draws one link per section, in order, and marks the current one', async () => {
    const options = mountOptions({});
    const router = createRouter({ history: createMemoryHistory(), routes: portalRoutes });
    const wrapper = mount(PortalNav, { global: { plugins: [options.global.plugins[0], router] }, props: { active: 'portal-history' } });
    // The router's first navigation loads the lazy pages: let it finish inside the test.
    await router.isReady();
    await settle(1);
    const links = wrapper.findAll('a');
    expect(links.map((a) => a.text())).toEqual(['Wallet', 'Rewards', 'History', 'Friends', 'Surveys', 'Profile']);
    expect(links.map((a) => a.attributes('href'))).toEqual(['/', '/rewards', '/history', '/referrals', '/surveys', '/profile']);
    expect(links[2].attributes('aria-current')).toBe('page');
    expect(links.filter((a) => a.attributes('aria-current'))).toHaveLength(1);
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Sections');
  });

  it('gives every section a member-only route', () => {
    const children = portalRoutes[0].children ?? [];
    for (const section of PORTAL_SECTIONS) {
      const route = children.find((r) => r.name === `portal-${section.key}`);
      expect(route?.meta).toMatchObject({ area: 'portal', requires: 'member', title: `portal.${section.key}.title` });
    }
  });

  it('keeps the tab bar at six: the perks and the forum open from the wallet, which stays highlighted', () => {
    expect(childSections('home').map((s) => s.key)).toEqual(['offers', 'challenges', 'club', 'community']);
    for (const key of ['offers', 'challenges', 'club', 'community']) expect(tabOfRoute(`portal-${key}`)).toBe('portal-home');
    // The forum's inner pages too.
    expect(tabOfRoute('portal-community-topic')).toBe('portal-home');
    expect(tabOfRoute('portal-history')).toBe('portal-history');
    expect(tabOfRoute(undefined)).toBeUndefined();
  });
});
