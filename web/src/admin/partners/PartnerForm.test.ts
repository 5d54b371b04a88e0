import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { PartnerRowFragment } from '../../graphql/generated/graphql';
import PartnerForm from './PartnerForm.vue';
import PartnerSettlementReport, { type Settlement } from './PartnerSettlementReport.vue';
import PartnersTable from './PartnersTable.vue';
import { emptyPartner, toPartnerInput } from './partner-form';
import { periodRange } from './usePartnerSettlement';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const partner: PartnerRowFragment = {
  id: 'UGFydG5lcjox',
  code: 'cafe',
  name: 'Corner Café',
  kind: 'CAFE',
  status: 'ACTIVE',
  contactEmail: null,
  issueRateMinor: 35,
  redeemRateMinor: 30,
  ratePoints: 100,
  earnPoints: null,
  earnPerMinor: null,
  program: { id: 'UHJvZ3JhbTox', currency: 'RUB' },
};

describe('partner form values', () => {
  it('sends rates in kopecks', () => {
    const { input, issues } = toPartnerInput({ ...emptyPartner(), name: 'Gym', code: 'gym', issueRate: '0,35', redeemRate: '0.3', ratePoints: '100' });
    expect(issues).toEqual({});
    expect(input).toMatchObject({ issueRateMinor: 35, redeemRateMinor: 30, ratePoints: 100, earnPoints: null, earnPerMinor: null });
  });

  it('wants both parts of its own earn rate', () => {
    expect(toPartnerInput({ ...emptyPartner(), name: 'Gym', code: 'gym', issueRate: '1', redeemRate: '1', earnPoints: '5' }).issues).toEqual({ earnPoints: 'earnPair' });
  });

  it('reads the last day of a period as included', () => {
    expect(periodRange({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' });
    expect(periodRange({ from: '2026-02-01', to: '2026-01-31' })).toBeNull();
  });
});

describe('partner form', () => {
  it('shows money slips at once and the server’s messages under their fields', async () => {
    const wrapper = mount(PartnerForm, { props: { fieldErrors: { contactEmail: 'must be an email address' } }, global: { plugins: [i18n()] } });
    expect(wrapper.find('[data-field="partner-email"]').text()).toContain('must be an email address');
    await wrapper.find('#partner-name').setValue('Gym');
    await wrapper.find('#partner-code').setValue('gym');
    await wrapper.find('#partner-issue-rate').setValue('35 kop');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="partner-issue-rate"]').text()).toContain('Enter an amount');
    expect(wrapper.find('[data-field="partner-redeem-rate"]').text()).toContain('Required.');
  });
});

describe('partners table', () => {
  const table = (props: Record<string, unknown>, locale: 'en' | 'ru' = 'en') =>
    mount(PartnersTable, { props: { rows: [partner], loading: false, error: null, canEdit: true, canCreateKeys: false, selectedId: null, ...props }, global: { plugins: [i18n(locale)] } });

  it('shows rates as money per points, not kopecks', () => {
    const text = table({}, 'ru').text().replace(/\u00a0/g, ' ');
    expect(text).toContain('0,35 ₽ за 100 баллов');
    expect(text).not.toMatch(/(^|[^,\d])35 ₽/);
  });

  it('offers keys to admins only', () => {
    expect(table({}).find('[data-testid="partner-key"]').exists()).toBe(false);
    expect(table({ canCreateKeys: true }).find('[data-testid="partner-key"]').exists()).toBe(true);
  });

  it('shows empty and error states', () => {
    expect(table({ rows: [] }).text()).toContain('No partners yet');
    expect(table({ rows: [], error: new Error('x') }).text()).toContain('The partners could not be loaded.');
  });
});

describe('settlement report', () => {
  const settlement: Settlement = {
    __typename: 'PartnerSettlement',
    currency: 'RUB',
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-03-01T00:00:00.000Z',
    pointsIssued: 1000,
    pointsReversed: 100,
    pointsRedeemed: 400,
    netPointsIssued: 900,
    partnerOwesMinor: 315,
    coalitionOwesMinor: 120,
    netMinor: 195,
    months: [{ month: '2026-01', pointsIssued: 1000, pointsReversed: 100, pointsRedeemed: 400, netPointsIssued: 900, partnerOwesMinor: 315, coalitionOwesMinor: 120, netMinor: 195 }],
  };
  const report = (props: Record<string, unknown>) =>
    mount(PartnerSettlementReport, { props: { partnerName: 'Corner Café', period: { from: '2026-01-01', to: '2026-02-28' }, settlement, loading: false, error: null, message: null, ...props }, global: { plugins: [i18n()] } });

  it('says who pays whom, with the months', () => {
    const wrapper = report({});
    expect(wrapper.find('[data-figure="net"]').text().replace(/\u00a0/g, ' ')).toMatch(/partner pays .*1\.95/);
    expect(wrapper.find('tbody').text()).toContain('January 2026');
  });

  it('shows loading, empty, error and a bad period', () => {
    expect(report({ settlement: null, loading: true }).find('[data-test="loading"]').exists()).toBe(true);
    expect(report({ settlement: { ...settlement, months: [] } }).find('[data-testid="settlement-empty"]').exists()).toBe(true);
    expect(report({ settlement: null, error: new Error('x') }).text()).toContain('The settlement could not be loaded.');
    expect(report({ settlement: null, message: 'Choose a period' }).find('[role="alert"]').text()).toBe('Choose a period');
  });
});
