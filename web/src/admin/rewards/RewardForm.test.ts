import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { RewardRowFragment } from '../../graphql/generated/graphql';
import CouponImportForm from './CouponImportForm.vue';
import RewardForm from './RewardForm.vue';
import RewardsTable from './RewardsTable.vue';
import { emptyReward, fromReward, toRewardInput } from './reward-form';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const reward: RewardRowFragment = {
  id: 'UmV3YXJkOjE=',
  code: 'coffee',
  name: 'Free coffee',
  description: '',
  kind: 'FIXED_DISCOUNT',
  status: 'ACTIVE',
  costPoints: 300,
  stock: null,
  perMemberLimit: 2,
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: null,
  minTier: 'gold',
  couponValidDays: 30,
  imageUrl: null,
  valueMinor: 15050,
  percent: null,
  capMinor: null,
  sku: null,
  issuedCount: 12,
  poolRemaining: null,
  program: { id: 'UHJvZ3JhbTox', currency: 'RUB' },
};

describe('reward form values', () => {
  it('turns roubles into kopecks and days into instants', () => {
    const { input, issues } = toRewardInput({ ...emptyReward(), name: 'Tea', code: 'tea', kind: 'FIXED_DISCOUNT', costPoints: '100', value: '99,90', validFrom: '2026-03-01', validUntil: '2026-03-31' });
    expect(issues).toEqual({});
    expect(input).toMatchObject({ valueMinor: 9990, costPoints: 100, validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T23:59:59.999Z', stock: null });
  });

  it('reads an existing reward back into the form', () => {
    expect(fromReward(reward)).toMatchObject({ value: '150.5', costPoints: '300', stock: '', validFrom: '2026-01-01', minTier: 'gold' });
  });
});

describe('reward form', () => {
  it('shows what the browser can tell at once and does not submit', async () => {
    const wrapper = mount(RewardForm, { props: {}, global: { plugins: [i18n()] } });
    await wrapper.find('#reward-name').setValue('Tea');
    await wrapper.find('#reward-code').setValue('tea');
    await wrapper.find('#reward-cost').setValue('ten');
    await wrapper.find('#reward-from').setValue('01.03.2026');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="reward-cost"]').text()).toContain('Enter a whole number.');
    expect(wrapper.find('[data-field="reward-from"]').text()).toContain('YYYY-MM-DD');
    expect(wrapper.text()).toContain('Check the highlighted fields.');
  });

  it('shows the server’s ValidationError under each field, in the kind’s own fields too', async () => {
    const wrapper = mount(RewardForm, { props: { initial: fromReward(reward), editing: true, fieldErrors: { valueMinor: 'must be positive', imageUrl: 'must be an https:// URL' } }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.find('[data-field="reward-value"]').text()).toContain('must be positive');
    expect(wrapper.find('[data-field="reward-image"]').text()).toContain('https://');
    expect(wrapper.find('[data-testid="reward-submit"]').text()).toBe('Сохранить');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ valueMinor: 15050, kind: 'FIXED_DISCOUNT' });
  });
});

describe('rewards table', () => {
  const table = (props: Record<string, unknown>) =>
    mount(RewardsTable, { props: { rows: [reward], loading: false, error: null, canEdit: true, busyId: null, filtered: true, ...props }, global: { plugins: [i18n()] } });

  it('lists rewards and archives one', async () => {
    const wrapper = table({});
    expect(wrapper.text()).toContain('Free coffee');
    expect(wrapper.text()).toContain('Discount, amount');
    await wrapper.find('[data-testid="reward-archive"]').trigger('click');
    expect(wrapper.emitted('status')).toEqual([[reward.id, 'ARCHIVED']]);
  });

  it('shows empty and error states', () => {
    expect(table({ rows: [] }).text()).toContain('No rewards with this status');
    expect(table({ rows: [], filtered: false }).text()).toContain('No rewards yet');
    expect(table({ rows: [], error: new Error('x') }).text()).toContain('The rewards could not be loaded.');
  });
});

describe('coupon import', () => {
  it('shows the counts and the refused rows by line', () => {
    const wrapper = mount(CouponImportForm, {
      props: { outcome: { imported: 3, duplicates: 1, poolSize: 10, errors: [{ line: 4, message: 'code is empty' }] } },
      global: { plugins: [i18n()] },
    });
    expect(wrapper.find('[data-testid="coupon-outcome"]').text()).toContain('Imported 3, skipped 1');
    expect(wrapper.find('[data-testid="coupon-errors"]').text()).toContain('Line 4: code is empty');
  });
});
