import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import type { StaffRole } from '../../graphql/generated/graphql';
import AdminNav from './AdminNav.vue';

function render(role: StaffRole, active?: string, counts?: Record<string, number>) {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
  return mount(AdminNav, {
    props: { role, active: active as never, counts },
    global: {
      plugins: [i18n],
      // RouterLink custom slot needs href and navigate; the stub gives neither, so a tiny stand-in.
      stubs: {
        RouterLink: {
          props: ['to', 'custom'],
          template: '<slot :href="`/x/${to.name}`" :navigate="() => {}" />',
        },
      },
    },
  });
}

const labels = (wrapper: ReturnType<typeof render>) => wrapper.findAll('a').map((a) => a.text());

describe('AdminNav', () => {
  it('shows an administrator every section', () => {
    expect(labels(render('ADMIN'))).toEqual([
      'Dashboard', 'Members', 'Programs', 'Templates', 'Campaigns', 'Rewards', 'Engagement', 'Segments', 'Community', 'Surveys', 'Partners', 'Imports', 'Settings',
    ]);
  });

  it('shows each other role only its sections', () => {
    expect(labels(render('MARKETER'))).toEqual(['Dashboard', 'Members', 'Programs', 'Templates', 'Campaigns', 'Rewards', 'Engagement', 'Segments', 'Surveys', 'Partners']);
    expect(labels(render('MODERATOR'))).toEqual(['Dashboard', 'Members', 'Community']);
    expect(labels(render('ANALYST'))).toEqual(['Dashboard', 'Members', 'Templates', 'Campaigns', 'Rewards', 'Engagement', 'Segments', 'Surveys', 'Partners']);
    expect(labels(render('SUPPORT'))).toEqual(['Dashboard', 'Members', 'Imports']);
  });

  it('links each item to its route and marks the current one', () => {
    const wrapper = render('SUPPORT', 'members');
    const links = wrapper.findAll('a');
    expect(links.map((a) => a.attributes('href'))).toEqual(['/x/admin-dashboard', '/x/admin-members', '/x/admin-imports']);
    expect(links[1].attributes('aria-current')).toBe('page');
    expect(links[0].attributes('aria-current')).toBeUndefined();
    expect(wrapper.find('nav').attributes('aria-label')).toBe('Sections');
  });

  it('shows work waiting in a section as a badge, with words for screen readers', () => {
    const wrapper = render('MODERATOR', undefined, { community: 4 });
    const community = wrapper.find('[data-section="community"]');
    expect(community.find('[data-count="community"]').text()).toBe('4');
    expect(community.find('.visually-hidden').text()).toBe('(4 waiting)');
    expect(render('MODERATOR', undefined, { community: 0 }).find('[data-count]').exists()).toBe(false);
  });
});
