import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { ClubPlanRowFragment } from '../../graphql/generated/graphql';
import ClubPlanForm from './ClubPlanForm.vue';
import ClubPlansTable from './ClubPlansTable.vue';
import ClubStats from './ClubStats.vue';
import ReferralTermsForm from './ReferralTermsForm.vue';
import { emptyClubPlan, fromClubPlan, toClubPlanInput } from './club-plan-form';
import { fromReferralTerms, toReferralInput } from './referral-form';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const plan: ClubPlanRowFragment = {
  id: 'Q2x1YlBsYW46MQ==',
  code: 'coffee-plus',
  name: 'Coffee club+',
  description: 'A bigger cup',
  currency: 'RUB',
  priceMinor: 29_900,
  periodUnit: 'MONTH',
  periodCount: 1,
  trialDays: 7,
  graceDays: 3,
  perks: ['Double points'],
  earnMultiplierPercent: 200,
  status: 'ACTIVE',
};

describe('club plan values', () => {
  it('sends the price in kopecks and a blank multiplier as none', () => {
    expect(fromClubPlan(plan)).toMatchObject({ price: '299', perks: 'Double points', earnMultiplierPercent: '200' });
    const { input, issues } = toClubPlanInput({ ...emptyClubPlan(), code: 'tea_club', name: 'Tea club', price: '2 990,50', periodCount: '12' });
    expect(issues).toEqual({});
    expect(input).toMatchObject({ code: 'tea_club', priceMinor: 299_050, periodUnit: 'MONTH', periodCount: 12, trialDays: 0, graceDays: 3, earnMultiplierPercent: null, perks: [] });
  });

  it('holds the server’s rules: months 1, 3 or 12, days up to 366, a price, no "any"', () => {
    const base = { ...emptyClubPlan(), code: 'club', name: 'Club', price: '100' };
    expect(toClubPlanInput({ ...base, periodCount: '2' }).issues.periodCount).toEqual({ code: 'periodMonths' });
    expect(toClubPlanInput({ ...base, periodCount: '24' }).issues.periodCount).toEqual({ code: 'periodMonths' });
    expect(toClubPlanInput({ ...base, periodUnit: 'DAY', periodCount: '400' }).issues.periodCount).toEqual({ code: 'periodDays' });
    expect(toClubPlanInput({ ...base, periodUnit: 'DAY', periodCount: '45' }).issues).toEqual({});
    const { issues } = toClubPlanInput({ ...base, code: 'any', price: '0', trialDays: '91', graceDays: '31', earnMultiplierPercent: '50' });
    expect(issues).toEqual({
      code: { code: 'clubCodeAny' },
      priceMinor: { code: 'moneyRange', params: { min: '0.01', max: '1000000' } },
      trialDays: { code: 'range', params: { min: 0, max: 90 } },
      graceDays: { code: 'range', params: { min: 0, max: 30 } },
      earnMultiplierPercent: { code: 'multiplier' },
    });
    expect(toClubPlanInput({ ...base, code: 'Coffee Plus', price: '' }).issues).toMatchObject({ code: { code: 'clubCode' }, priceMinor: { code: 'required' } });
  });
});

describe('club plan form and list', () => {
  it('points at the period and sends nothing; the code is fixed when editing', async () => {
    const wrapper = mount(ClubPlanForm, { props: {}, global: { plugins: [i18n()] } });
    await wrapper.find('#club-name').setValue('Tea club');
    await wrapper.find('#club-code').setValue('tea');
    await wrapper.find('#club-price').setValue('199');
    await wrapper.find('#club-period-count').setValue('6');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="club-period-count"]').text()).toContain('Months: 1, 3 or 12.');
    const editing = mount(ClubPlanForm, { props: { initial: fromClubPlan(plan), editing: true, fieldErrors: { priceMinor: 'Too big' } }, global: { plugins: [i18n('ru')] } });
    expect(editing.find('#club-code').exists()).toBe(false);
    expect(editing.find('[data-field="club-code"]').text()).toContain('coffee-plus');
    expect(editing.find('[data-field="club-price"]').text()).toContain('Too big');
  });

  it('lists plans with price per period, pauses one, and shows the figures', async () => {
    const table = mount(ClubPlansTable, { props: { rows: [plan], loading: false, error: null, busyId: null }, global: { plugins: [i18n()] } });
    expect(table.text().replace(/\s/g, ' ')).toContain('₽299 / 1 mo.');
    await table.find('[data-testid="club-pause"]').trigger('click');
    expect(table.emitted('status')).toEqual([[plan.id, 'ARCHIVED']]);
    expect(mount(ClubPlansTable, { props: { rows: [], loading: false, error: null, busyId: null }, global: { plugins: [i18n()] } }).text()).toContain('No paid clubs yet');
    const stats = mount(ClubStats, { props: { stats: { active: 12, trialing: 2, pastDue: 1, pending: 0, mrrMinor: 358_800, currency: 'RUB' } }, global: { plugins: [i18n('ru')] } });
    expect(stats.find('[data-figure="mrr"]').text().replace(/\s/g, ' ')).toContain('3 588 ₽');
    expect(stats.find('[data-figure="active"]').text()).toContain('12');
  });
});

describe('referral terms', () => {
  it('clears the window and the cap when left blank and checks their ranges', () => {
    const values = fromReferralTerms({ minPurchaseMinor: 50_000, windowDays: 30, monthlyCap: null });
    expect(values).toEqual({ minPurchase: '500', windowDays: '30', monthlyCap: '' });
    expect(toReferralInput({ ...values, windowDays: '' }, 'P1')).toEqual({ input: { programId: 'P1', minPurchaseMinor: 50_000, windowDays: null, monthlyCap: null }, issues: {} });
    expect(toReferralInput({ minPurchase: '', windowDays: '0', monthlyCap: '20000' }, 'P1').issues).toEqual({
      minPurchaseMinor: { code: 'required' },
      windowDays: { code: 'range', params: { min: 1, max: 3650 } },
      monthlyCap: { code: 'range', params: { min: 1, max: 10_000 } },
    });
  });

  it('shows the finding under the field and submits good terms', async () => {
    const wrapper = mount(ReferralTermsForm, { props: { initial: { minPurchase: '500', windowDays: '30', monthlyCap: '' }, programId: 'P1' }, global: { plugins: [i18n()] } });
    await wrapper.find('#referral-cap').setValue('0');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-field="referral-cap"]').text()).toContain('From 1 to 10000.');
    await wrapper.find('#referral-cap').setValue('5');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toEqual({ programId: 'P1', minPurchaseMinor: 50_000, windowDays: 30, monthlyCap: 5 });
  });
});
