import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import OffersPage from './OffersPage.vue';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const offer = (code: string, state: string, extra: object = {}) => ({
  __typename: 'MemberOffer',
  offerId: `T2ZmZXI6${code}`,
  code,
  title: `Offer ${code}`,
  description: '',
  summary: `2× points (${code})`,
  kind: 'POINTS_MULTIPLIER',
  state,
  occasion: null,
  requiresActivation: true,
  validUntil: '2099-12-01T10:00:00Z',
  maxUses: null,
  uses: 0,
  activatedAt: state === 'ACTIVATED' ? '2026-11-01T10:00:00Z' : null,
  usedAt: state === 'USED' ? '2026-11-02T10:00:00Z' : null,
  ...extra,
});

describe('OffersPage', () => {
  it('has loading, error and empty states', async () => {
    const loading = mount(OffersPage, mountOptions({ MyOffers: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(OffersPage, mountOptions({ MyOffers: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('Your offers could not be loaded.');
    const empty = mount(OffersPage, mountOptions({ MyOffers: () => ({ myOffers: [] }) }));
    await settle();
    expect(empty.text()).toContain('No offers right now');
  });

  it('groups offers by state, says when each ends, and shows the birthday gift on top', async () => {
    const options = mountOptions({
      MyOffers: () => ({
        myOffers: [
          offer('fav', 'AVAILABLE', { validUntil: inDays(2.5) }),
          offer('auto', 'AVAILABLE', { requiresActivation: false, validUntil: null }),
          offer('on', 'ACTIVATED'),
          offer('done', 'USED'),
          offer('birthday', 'AVAILABLE', { occasion: 'BIRTHDAY', title: 'Birthday ×3', summary: '3× points on one purchase' }),
        ],
      }),
    });
    const wrapper = mount(OffersPage, options);
    await settle();
    expect(options.calls[0].variables).toEqual({ locale: 'EN' });
    const gift = wrapper.get('[data-test="birthday-gift"]');
    expect(gift.text()).toContain('Happy birthday!');
    expect(gift.text()).toContain('A gift for you: 3× points on one purchase.');
    expect(wrapper.findAll('[data-group]').map((g) => g.attributes('data-group'))).toEqual(['available', 'activated', 'used']);
    const card = (code: string) => wrapper.get(`[data-test="offer"][data-code="${code}"]`);
    expect(card('fav').get('[data-test="offer-when"]').text()).toMatch(/^Ends .+ — 3 days left$/);
    expect(card('fav').find('[data-test="activate"]').exists()).toBe(true);
    expect(card('auto').text()).toContain('Applies by itself at checkout');
    expect(card('auto').text()).toContain('No end date');
    expect(card('auto').find('[data-test="activate"]').exists()).toBe(false);
    expect(card('on').text()).toContain('Activated on Nov 1, 2026');
    expect(card('done').text()).toContain('Used on Nov 2, 2026');
    expect(card('done').find('[data-test="activate"]').exists()).toBe(false);
  });

  it('hides a birthday gift once it is used', async () => {
    const wrapper = mount(OffersPage, mountOptions({ MyOffers: () => ({ myOffers: [offer('birthday', 'USED', { occasion: 'BIRTHDAY' })] }) }));
    await settle();
    expect(wrapper.find('[data-test="birthday-gift"]').exists()).toBe(false);
    expect(wrapper.find('[data-group="used"]').exists()).toBe(true);
  });

  it('activates an offer and says so; a conflict is told in words', async () => {
    let state = 'AVAILABLE';
    let n = 0;
    const options = mountOptions({
      MyOffers: () => ({ myOffers: [offer('fav', state)] }),
      ActivateOffer: () => {
        if (++n === 1) return { activateOffer: { __typename: 'ConflictError', message: 'This offer has expired.' } };
        state = 'ACTIVATED';
        return { activateOffer: { __typename: 'MemberOffer', offerId: 'T2ZmZXI6fav', code: 'fav', state: 'ACTIVATED', summary: '2×', activatedAt: '2026-11-01T10:00:00Z', validUntil: null } };
      },
    });
    const wrapper = mount(OffersPage, options);
    await settle();
    await wrapper.get('[data-test="activate"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="offer-notice"]').attributes('role')).toBe('alert');
    expect(wrapper.get('[data-test="offer-notice"]').text()).toBe('This offer can no longer be activated: it has been used or has ended.');
    await wrapper.get('[data-test="activate"]').trigger('click');
    await settle();
    expect(options.calls.filter((c) => c.operationName === 'ActivateOffer').map((c) => c.variables)).toEqual([
      { offerId: 'T2ZmZXI6fav', locale: 'EN' },
      { offerId: 'T2ZmZXI6fav', locale: 'EN' },
    ]);
    expect(wrapper.get('[data-test="offer-notice"]').text()).toBe('“Offer fav” is active. It applies to your next purchases.');
    expect(wrapper.get('[data-test="offer"]').text()).toContain('Activated');
    expect(wrapper.find('[data-test="activate"]').exists()).toBe(false);
  });

  it('speaks Russian and asks for Russian summaries', async () => {
    const options = mountOptions({ MyOffers: () => ({ myOffers: [offer('fav', 'AVAILABLE', { validUntil: inDays(4.5) })] }) }, 'ru');
    const wrapper = mount(OffersPage, options);
    await settle();
    expect(options.calls[0].variables).toEqual({ locale: 'RU' });
    expect(wrapper.get('h1').text()).toBe('Предложения');
    expect(wrapper.get('[data-test="offer-when"]').text()).toMatch(/осталось 5 дней$/);
  });
});
