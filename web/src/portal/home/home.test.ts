import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import HomePage from './HomePage.vue';
import MemberGreeting from './MemberGreeting.vue';
import { byDay, formatMoney, formatShortDate, tierPercent } from './wallet-format';

const i18n = (locale: 'en' | 'ru') => createI18n({ legacy: false, locale, messages: { en, ru } });
const viewer = { viewer: { __typename: 'Member', id: 'TWVtYmVyOjE=', name: 'Анна Иванова', email: 'anna@example.com', locale: 'ru' } };

const tier = (name: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Tier',
  id: `T-${name}`,
  name,
  rank: 0,
  perks: [] as string[],
  discountPercent: 0,
  earnMultiplierPercent: 100,
  ...extra,
});

function wallet(account: Record<string, unknown> | null) {
  return {
    viewer: {
      __typename: 'Member',
      id: 'TWVtYmVyOjE=',
      name: 'Анна Иванова',
      externalId: 'CARD-0001',
      account: account && {
        __typename: 'LoyaltyAccount',
        id: 'A1',
        available: 1240,
        pending: 300,
        debt: 0,
        expiringPoints: [{ __typename: 'ExpiringPoints', points: 120, expiresAt: '2026-12-12T00:00:00.000Z' }],
        tier: tier('Basic', { perks: ['Бонусы за покупки'] }),
        tierProgress: {
          __typename: 'TierProgress',
          value: 1_000_000,
          remaining: 500_000,
          nextTier: { ...tier('Silver', { discountPercent: 3, earnMultiplierPercent: 125, perks: ['Free delivery'] }), qualifyBy: 'SPEND', threshold: 1_500_000 },
        },
        program: { __typename: 'Program', id: 'P1', name: 'Coffee', currency: 'RUB', pointValueMinor: 100 },
        ...account,
      },
    },
  };
}

describe('HomePage (wallet)', () => {
  it('shows a placeholder while the wallet loads', async () => {
    const options = mountOptions({ Viewer: () => viewer, PortalWallet: () => PENDING });
    const wrapper = mount(HomePage, options);
    await settle();
    expect(wrapper.find('[data-test="loading"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('Loading…');
  });

  it('says what failed and offers to try again', async () => {
    let fail = true;
    const options = mountOptions({ Viewer: () => viewer, PortalWallet: () => (fail ? networkError() : wallet({})) });
    const wrapper = mount(HomePage, options);
    await settle();
    expect(wrapper.get('[role="alert"]').text()).toContain('Your wallet could not be loaded.');
    fail = false;
    await wrapper.get('[role="alert"] button').trigger('click');
    await settle();
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="available"]').text()).toContain('1,240 points');
  });

  it('tells a member without purchases that points come with the first one, and still shows their card', async () => {
    const options = mountOptions({ Viewer: () => viewer, PortalWallet: () => wallet(null) });
    const wrapper = mount(HomePage, options);
    await settle();
    expect(wrapper.text()).toContain('Your points and rewards will appear here after your first purchase.');
    expect(wrapper.find('[data-test="available"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="member-id"]').text()).toBe('TWVtYmVyOjE=');
  });

  it('shows balance, worth, expiring points, tier progress with benefits and the card with a QR code', async () => {
    const options = mountOptions({ Viewer: () => viewer, PortalWallet: () => wallet({}) });
    const wrapper = mount(HomePage, options);
    await settle(8);
    expect(options.calls.find((c) => c.operationName === 'PortalWallet')?.variables).toEqual({ withinDays: 30 });
    expect(wrapper.get('[data-test="available"]').text()).toContain('1,240 points');
    expect(wrapper.get('[data-test="worth"]').text()).toMatch(/Worth RUB\s?1,240 at checkout/);
    expect(wrapper.get('[data-test="pending"]').text()).toContain('300 points');
    expect(wrapper.get('[data-test="expiring"]').text()).toContain('120 points on Dec 12');
    expect(wrapper.get('[data-test="expiring"]').text()).toContain('Don’t forget to spend them.');
    const bar = wrapper.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('66');
    expect(bar.attributes('aria-label')).toBe('Progress to Silver');
    expect(wrapper.get('[data-test="tier-next"]').text()).toMatch(/Spend RUB\s?5,000 more to reach Silver/);
    expect(wrapper.get('[data-test="tier"]').text()).toContain('Бонусы за покупки');
    expect(wrapper.get('[data-test="tier"]').text()).toContain('3% off every purchase');
    expect(wrapper.get('[data-test="tier"]').text()).toContain('×1.25 points on purchases');
    expect(wrapper.get('[data-test="external-id"]').text()).toBe('CARD-0001');
    // The perks have no tab: the wallet links to them.
    expect(wrapper.findAll('[data-perk]').map((a) => [a.attributes('href'), a.text()])).toEqual([
      ['/offers', 'Offers'],
      ['/challenges', 'Challenges'],
      ['/club', 'Club'],
      ['/community', 'Community'],
    ]);
    expect(wrapper.get('nav.perks').attributes('aria-label')).toBe('Your perks');
    await settle(8);
    const qr = wrapper.get('[data-test="qr"]');
    expect(qr.attributes('aria-label')).toBe('QR code of your member number');
    expect(qr.find('path').attributes('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
  });

  it('hides the expiring block when nothing expires soon and thanks a member at the top tier', async () => {
    const options = mountOptions({
      Viewer: () => viewer,
      PortalWallet: () => wallet({ expiringPoints: [], tier: tier('Gold'), tierProgress: { __typename: 'TierProgress', value: 9, remaining: 0, nextTier: null } }),
    });
    const wrapper = mount(HomePage, options);
    await settle();
    expect(wrapper.find('[data-test="expiring"]').exists()).toBe(false);
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="tier"]').text()).toContain('You are at the top tier. Thank you!');
  });

  it('speaks Russian with Russian plurals', async () => {
    const options = mountOptions({ Viewer: () => viewer, PortalWallet: () => wallet({ available: 1241, pending: 0 }) }, 'ru');
    const wrapper = mount(HomePage, options);
    await settle();
    expect(wrapper.get('[data-test="available"]').text().replace(/\s/g, ' ')).toContain('1 241 балл');
    expect(wrapper.get('[data-test="worth"]').text()).toMatch(/Это 1\s241\s₽ при оплате/);
    expect(wrapper.get('[data-test="expiring"]').text()).toContain('120 баллов');
  });
});

describe('wallet formatting', () => {
  it('formats money from minor units without empty kopecks', () => {
    expect(formatMoney(124_000, 'RUB', 'ru')).toMatch(/^1\s240\s₽$/);
    expect(formatMoney(1250, 'USD', 'en')).toBe('$12.50');
  });

  it('drops the year of dates in this year', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(formatShortDate('2026-11-12T12:00:00Z', 'en', now)).toBe('Nov 12');
    expect(formatShortDate('2025-11-12T12:00:00Z', 'en', now)).toBe('Nov 12, 2025');
  });

  it('joins lots that expire on the same day', () => {
    const lots = [
      { points: 100, expiresAt: '2026-12-21T08:00:00' },
      { points: 25, expiresAt: '2026-12-21T18:00:00' },
      { points: 5, expiresAt: '2026-12-22T08:00:00' },
    ];
    expect(byDay(lots).map((l) => l.points)).toEqual([125, 5]);
  });

  it('measures tier progress in whole percents, full at the top', () => {
    expect(tierPercent(1, 2)).toBe(33);
    expect(tierPercent(0, 0)).toBe(100);
    expect(tierPercent(0, 10)).toBe(0);
  });
});

describe('MemberGreeting', () => {
  it('greets the member by name and shows their email', () => {
    const wrapper = mount(MemberGreeting, { props: { name: 'Анна Иванова', email: 'anna@example.com' }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.get('h2').text()).toBe('Здравствуйте, Анна Иванова!');
    expect(wrapper.text()).toContain('Вы вошли как anna@example.com');
  });

  it('still greets a member who gave no name', () => {
    const wrapper = mount(MemberGreeting, { props: { name: '', email: null }, global: { plugins: [i18n('en')] } });
    expect(wrapper.get('h2').text()).toBe('Hello!');
    expect(wrapper.find('p').exists()).toBe(false);
  });
});
