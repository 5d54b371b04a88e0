import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import ChallengesPage from './ChallengesPage.vue';

const member = (badges: object[] = []) => ({
  __typename: 'Member',
  id: 'TWVtYmVyOjE=',
  account: { __typename: 'LoyaltyAccount', id: 'QWNjOjE=', program: { __typename: 'Program', id: 'UDox', currency: 'RUB' } },
  badges,
});
const challenge = (id: string, extra: object = {}) => ({
  __typename: 'Challenge',
  id,
  name: `Challenge ${id}`,
  description: '',
  goal: 5,
  metric: 'PURCHASE_COUNT',
  period: 'ROLLING',
  endsAt: null,
  badge: { __typename: 'Badge', id: `B${id}`, name: 'Coffee lover', image: null },
  myProgress: null,
  ...extra,
});
const progress = (progress: number, goal: number, completedAt: string | null = null) => ({ __typename: 'ChallengeProgress', progress, goal, periodEnd: '2026-12-01T10:00:00Z', completedAt });
const held = { __typename: 'MemberBadge', awardedAt: '2026-11-05T10:00:00Z', badge: { __typename: 'Badge', id: 'Qjox', name: 'First purchase', description: 'For your first purchase', image: 'data:image/svg+xml;base64,PHN2Zy8+' } };

describe('ChallengesPage', () => {
  it('has loading, error and empty states', async () => {
    const loading = mount(ChallengesPage, mountOptions({ MyChallenges: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(ChallengesPage, mountOptions({ MyChallenges: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('Your challenges could not be loaded.');
    const empty = mount(ChallengesPage, mountOptions({ MyChallenges: () => ({ viewer: member(), challenges: [] }) }));
    await settle();
    expect(empty.text()).toContain('No challenges right now');
    expect(empty.get('[data-test="badges-empty"]').text()).toBe('No badges yet. Complete a challenge to earn your first.');
  });

  it('shows progress bars with the period end and reward badge, and the badges held', async () => {
    const wrapper = mount(
      ChallengesPage,
      mountOptions({
        MyChallenges: () => ({
          viewer: member([held]),
          challenges: [
            challenge('1', { myProgress: progress(3, 5) }),
            challenge('2', { metric: 'SPEND_MINOR', goal: 500_000, myProgress: progress(700_000, 500_000, '2026-11-20T10:00:00Z') }),
            challenge('3', { period: 'FIXED', endsAt: '2027-01-31T10:00:00Z', badge: null }),
          ],
        }),
      }),
    );
    await settle();
    const cards = wrapper.findAll('[data-test="challenge"]');
    expect(cards).toHaveLength(3);
    const bar = cards[0].get('[role="progressbar"]');
    expect(bar.attributes()).toMatchObject({ 'aria-valuenow': '3', 'aria-valuemax': '5', 'aria-valuetext': '3 of 5' });
    expect(cards[0].get('.challenge__fill').attributes('style')).toContain('width: 60%');
    expect(cards[0].get('[data-test="challenge-end"]').text()).toBe('Ends Dec 1, 2026');
    expect(cards[0].get('[data-test="challenge-badge"]').text()).toBe('Badge: Coffee lover');
    // Money goals read as money; a goal passed is full and done.
    expect(cards[1].get('[data-test="challenge-progress"]').text()).toMatch(/^RUB\s?5,000 of RUB\s?5,000/);
    expect(cards[1].text()).toContain('Done');
    expect(cards[1].get('.challenge__fill').attributes('style')).toContain('width: 100%');
    expect(cards[2].get('[data-test="challenge-end"]').text()).toBe('Ends Jan 31, 2027');
    expect(cards[2].get('[data-test="challenge-progress"]').text()).toBe('0 of 5');
    expect(cards[2].find('[data-test="challenge-badge"]').exists()).toBe(false);
    const badge = wrapper.get('[data-test="badge"]');
    expect(badge.text()).toContain('First purchase');
    expect(badge.text()).toContain('Earned Nov 5, 2026');
    expect(badge.get('img').attributes('alt')).toBe('');
  });

  it('speaks Russian', async () => {
    const wrapper = mount(ChallengesPage, mountOptions({ MyChallenges: () => ({ viewer: member(), challenges: [challenge('1', { myProgress: progress(1, 5) })] }) }, 'ru'));
    await settle();
    expect(wrapper.get('h1').text()).toBe('Задания');
    expect(wrapper.get('[data-test="challenge-progress"]').text()).toBe('1 из 5');
  });
});
