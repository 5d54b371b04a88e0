import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import ClubPage from './ClubPage.vue';

const plan = { __typename: 'ClubPlan', id: 'Q1A6MQ==', code: 'coffee-plus', name: 'Coffee club+', description: 'For daily visitors.', priceMinor: 29_900, currency: 'RUB', periodUnit: 'MONTH', periodCount: 1, trialDays: 0, perks: ['Bigger cup for free', '2× points'] };
const quarterly = { ...plan, id: 'Q1A6Mg==', code: 'quarter', name: 'Quarter', priceMinor: 79_900, periodCount: 3, trialDays: 14, perks: [] };
const subscription = (status: string, extra: object = {}) => ({
  __typename: 'ClubSubscription',
  id: 'U3ViOjE=',
  status,
  currentPeriodEnd: '2026-12-01T10:00:00Z',
  cancelAtPeriodEnd: false,
  graceDays: 5,
  plan: { __typename: 'ClubPlan', id: plan.id, code: plan.code, name: plan.name },
  ...extra,
});
const answer = (subscriptions: object[], plans: object[] = [plan, quarterly]) => ({ viewer: { __typename: 'Member', id: 'TWVtYmVyOjE=', clubSubscriptions: subscriptions }, clubPlans: plans });

describe('ClubPage', () => {
  it('has loading, error and empty states', async () => {
    const loading = mount(ClubPage, mountOptions({ Club: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(ClubPage, mountOptions({ Club: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('The club could not be loaded.');
    const empty = mount(ClubPage, mountOptions({ Club: () => answer([], []) }));
    await settle();
    expect(empty.text()).toContain('No club to join yet');
  });

  it('shows plans with price, period, trial and perks, and how joining works', async () => {
    const wrapper = mount(ClubPage, mountOptions({ Club: () => answer([]) }));
    await settle();
    const [monthly, quarter] = wrapper.findAll('[data-test="club-plan"]');
    expect(monthly.get('[data-test="club-price"]').text()).toMatch(/^RUB\s?299 a month$/);
    expect(monthly.findAll('li').map((li) => li.text())).toEqual(['Bigger cup for free', '2× points']);
    expect(monthly.text()).toContain('your membership starts once your first payment is recorded at the till');
    expect(quarter.get('[data-test="club-price"]').text()).toMatch(/for 3 months$/);
    expect(quarter.text()).toContain('New members try it free for 14 days');
    expect(wrapper.find('[data-test="membership"]').exists()).toBe(false);
  });

  it('joins a plan (pending until paid) and shows the membership', async () => {
    let subs: object[] = [];
    const options = mountOptions({
      Club: () => answer(subs),
      SubscribeToClub: () => {
        subs = [subscription('PENDING', { currentPeriodEnd: null })];
        return { subscribeToClub: subs[0] };
      },
    });
    const wrapper = mount(ClubPage, options);
    await settle();
    await wrapper.get('[data-code="coffee-plus"] [data-test="club-join"]').trigger('click');
    await settle();
    expect(options.calls.find((c) => c.operationName === 'SubscribeToClub')?.variables).toEqual({ planCode: 'coffee-plus' });
    expect(wrapper.get('[data-test="club-notice"]').text()).toBe('You are signed up for “Coffee club+”. Pay for the first period to start.');
    expect(wrapper.get('[data-test="membership-status"]').text()).toBe('Waiting for payment');
    expect(wrapper.find('[data-code="coffee-plus"] [data-test="club-join"]').exists()).toBe(false);
    expect(wrapper.find('[data-code="quarter"] [data-test="club-join"]').exists()).toBe(true);
  });

  it('says when an active membership renews, when a past-due one must be paid by, and cancels at period end', async () => {
    const pastDue = mount(ClubPage, mountOptions({ Club: () => answer([subscription('PAST_DUE')]) }));
    await settle();
    expect(pastDue.get('[data-test="membership-detail"]').text()).toBe('Your last period ended on Dec 1, 2026. Pay by Dec 6, 2026 to keep the perks.');
    let subs = [subscription('ACTIVE')];
    const options = mountOptions({
      Club: () => answer(subs),
      CancelClubSubscription: () => {
        subs = [subscription('ACTIVE', { cancelAtPeriodEnd: true })];
        return { cancelClubSubscription: subs[0] };
      },
    });
    const wrapper = mount(ClubPage, options);
    await settle();
    expect(wrapper.get('[data-test="membership-detail"]').text()).toBe('Renews on Dec 1, 2026.');
    await wrapper.get('[data-test="club-cancel"]').trigger('click');
    expect(options.calls.some((c) => c.operationName === 'CancelClubSubscription')).toBe(false);
    await wrapper.get('[data-test="club-cancel-confirm"]').trigger('click');
    await settle();
    expect(options.calls.find((c) => c.operationName === 'CancelClubSubscription')?.variables).toEqual({ id: 'U3ViOjE=' });
    expect(wrapper.get('[data-test="membership-detail"]').text()).toBe('Ends on Dec 1, 2026; it will not renew.');
    expect(wrapper.find('[data-test="club-cancel"]').exists()).toBe(false);
  });

  it('tells a refused join in words, in Russian too', async () => {
    const wrapper = mount(ClubPage, mountOptions({ Club: () => answer([]), SubscribeToClub: () => ({ subscribeToClub: { __typename: 'ConflictError', message: 'no' } }) }, 'ru'));
    await settle();
    expect(wrapper.get('h1').text()).toBe('Клуб');
    await wrapper.get('[data-test="club-join"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="club-notice"]').attributes('role')).toBe('alert');
    expect(wrapper.get('[data-test="club-notice"]').text()).toBe('Вы уже в этом клубе, или он не принимает новых участников.');
  });
});
