import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import RewardsPage from './RewardsPage.vue';
import CouponList from './CouponList.vue';

const member = { __typename: 'Member', id: 'TWVtYmVyOjE=', account: { __typename: 'LoyaltyAccount', id: 'QWNjOjE=', available: 400 } };
const reward = (id: string, name: string, costPoints: number, extra: object = {}) => ({
  __typename: 'Reward',
  id,
  name,
  description: `${name}, described`,
  kind: 'FREE_PRODUCT',
  costPoints,
  minTier: null,
  stock: null,
  perMemberLimit: null,
  couponValidDays: 30,
  program: { __typename: 'Program', id: 'UDox', tiers: [{ __typename: 'Tier', id: 'VDoz', code: 'gold', name: 'Gold' }] },
  ...extra,
});
const catalog = [
  { __typename: 'RewardOffer', affordable: true, reasons: [], reward: reward('UjE=', 'Free coffee', 300) },
  { __typename: 'RewardOffer', affordable: false, reasons: ['NOT_ENOUGH_POINTS'], reward: reward('UjI=', 'Ten percent off', 500) },
  { __typename: 'RewardOffer', affordable: false, reasons: ['TIER_TOO_LOW', 'OUT_OF_STOCK'], reward: reward('UjM=', 'Gold tasting', 1000, { minTier: 'gold', stock: 0 }) },
];
const coupon = (code: string, state: string) => ({
  __typename: 'Coupon',
  code,
  state,
  issuedAt: '2026-11-01T10:00:00Z',
  expiresAt: '2026-12-01T10:00:00Z',
  usedAt: state === 'USED' ? '2026-11-10T10:00:00Z' : null,
  reward: { __typename: 'Reward', id: 'UjE=', name: 'Free coffee', description: '' },
});
const coupons = (nodes: object[]) => ({ viewer: { ...member, coupons: { __typename: 'CouponConnection', edges: nodes.map((node) => ({ __typename: 'CouponEdge', node })) } } });

describe('RewardsPage catalog', () => {
  it('shows loading, then an error with a retry', async () => {
    const loading = mount(RewardsPage, mountOptions({ RewardCatalog: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(RewardsPage, mountOptions({ RewardCatalog: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('The rewards could not be loaded.');
  });

  it('says so when there are no rewards', async () => {
    const wrapper = mount(RewardsPage, mountOptions({ RewardCatalog: () => ({ viewer: member, rewardCatalog: [] }) }));
    await settle();
    expect(wrapper.text()).toContain('No rewards yet');
  });

  it('shows what the member can afford and, in words, why not', async () => {
    const wrapper = mount(RewardsPage, mountOptions({ RewardCatalog: () => ({ viewer: member, rewardCatalog: catalog }) }));
    await settle();
    const cards = wrapper.findAll('[data-test="reward"]');
    expect(cards).toHaveLength(3);
    expect(cards[0].find('[data-test="redeem"]').exists()).toBe(true);
    expect(cards[1].get('[data-test="reasons"]').text()).toBe('Not enough points yet · 100 points more needed');
    expect(cards[2].get('[data-test="reasons"]').text()).toContain('For Gold members and above');
    expect(cards[2].get('[data-test="reasons"]').text()).toContain('Out of stock');
    expect(wrapper.get('[data-test="reward-balance"]').text()).toBe('You have 400 points.');
  });

  it('asks before spending, sends a fresh idempotency key each time, and shows the coupon', async () => {
    let n = 0;
    const options = mountOptions({
      RewardCatalog: () => ({ viewer: member, rewardCatalog: catalog }),
      MyCoupons: () => coupons([]),
      RedeemReward: () =>
        ++n === 1
          ? { redeemReward: { __typename: 'InsufficientPointsError', available: 100, requested: 300 } }
          : { redeemReward: { __typename: 'RewardRedeemed', replayed: false, coupon: { __typename: 'Coupon', code: 'CF-1234', state: 'ISSUED', expiresAt: null }, account: { ...member.account, available: 100 } } },
    });
    const wrapper = mount(RewardsPage, { ...options, attachTo: document.body });
    await settle();
    await wrapper.get('[data-test="redeem"]').trigger('click');
    await settle();
    expect(options.calls.some((c) => c.operationName === 'RedeemReward')).toBe(false);
    expect(wrapper.get('#redeem-title').text()).toBe('Get “Free coffee”?');
    expect(wrapper.text()).toContain('300 points will be taken from your balance.');
    await wrapper.get('[data-test="confirm-redeem"]').trigger('click');
    await settle();
    expect(wrapper.get('dialog [role="alert"]').text()).toBe('You have 100 points; this reward needs 300.');
    await wrapper.get('[data-test="confirm-redeem"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="new-coupon"]').text()).toBe('CF-1234');
    const keys = options.calls.filter((c) => c.operationName === 'RedeemReward').map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    expect(options.calls.find((c) => c.operationName === 'RedeemReward')?.variables.input).toMatchObject({ rewardId: 'UjE=' });
    wrapper.unmount();
  });

  it('speaks Russian', async () => {
    const wrapper = mount(RewardsPage, mountOptions({ RewardCatalog: () => ({ viewer: member, rewardCatalog: catalog }) }, 'ru'));
    await settle();
    expect(wrapper.get('h1').text()).toBe('Награды');
    expect(wrapper.findAll('[data-test="reward"]')[1].text()).toContain('Пока не хватает баллов');
  });
});

describe('CouponList', () => {
  it('shows active coupons with the code, and asks for used ones when the filter changes', async () => {
    const options = mountOptions({ MyCoupons: (v) => (v.state === 'USED' ? coupons([coupon('USED-1', 'USED')]) : coupons([coupon('CF-1234', 'ISSUED')])) });
    const wrapper = mount(CouponList, options);
    await settle();
    expect(wrapper.get('[data-test="coupon-code"]').text()).toBe('CF-1234');
    expect(wrapper.get('[data-test="coupon"]').text()).toContain('Active');
    expect(wrapper.get('[data-test="coupon"]').text()).toContain('Valid until Dec 1, 2026');
    expect(wrapper.get('[data-filter="ISSUED"]').attributes('aria-pressed')).toBe('true');
    await wrapper.get('[data-filter="USED"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="coupon-code"]').text()).toBe('USED-1');
    expect(wrapper.get('[data-test="coupon"]').text()).toContain('Used on Nov 10, 2026');
    expect(options.calls.filter((c) => c.operationName === 'MyCoupons').map((c) => c.variables.state)).toEqual(['ISSUED', 'USED']);
  });

  it('has empty, loading and error states', async () => {
    const empty = mount(CouponList, mountOptions({ MyCoupons: () => coupons([]) }));
    await settle();
    expect(empty.text()).toContain('You have no active coupons.');
    const loading = mount(CouponList, mountOptions({ MyCoupons: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(CouponList, mountOptions({ MyCoupons: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('Your coupons could not be loaded.');
  });
});
