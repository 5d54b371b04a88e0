import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { ProgramSettingsFragment } from '../../graphql/generated/graphql';
import ProgramForm from './ProgramForm.vue';
import { fromProgram, toProgramInput } from './program-form';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const program: ProgramSettingsFragment = {
  id: 'UHJvZ3JhbTox',
  code: 'coffee-club',
  name: 'Coffee club',
  currency: 'RUB',
  valueKind: 'POINTS',
  earnPoints: 1,
  earnPerMinor: 10_000,
  rounding: 'FLOOR',
  minPurchaseMinor: 5_050,
  pointValueMinor: 100,
  holdoutPercent: 0,
  maxRedeemPercent: 50,
  minRedeemPoints: 100,
  expiryPolicy: 'DAYS',
  expiryDays: 365,
  pendingDays: 14,
  timezone: 'Europe/Moscow',
  tierReview: 'YEARLY',
  isDefault: true,
};

describe('program settings values', () => {
  it('shows kopecks as roubles and sends roubles back as kopecks', () => {
    const values = fromProgram(program);
    expect(values).toMatchObject({ earnPer: '100', minPurchase: '50.5', pointValue: '1', expiryDays: '365' });
    const { input, issues } = toProgramInput({ ...values, earnPer: '1 000', minPurchase: '99,90', expiryDays: '180' });
    expect(issues).toEqual({});
    expect(input).toMatchObject({ earnPerMinor: 100_000, minPurchaseMinor: 9_990, pointValueMinor: 100, expiryDays: 180, pendingDays: 14, currency: 'RUB' });
  });

  it('holds the server’s limits: days, percents, codes, currency and time zone', () => {
    const { issues } = toProgramInput({
      ...fromProgram(program),
      code: 'Coffee Club',
      currency: 'рубль',
      timezone: 'Moscow',
      expiryDays: '4000',
      pendingDays: 'two weeks',
      holdoutPercent: '60',
      earnPer: '0',
      minPurchase: '10.005',
    });
    expect(issues).toEqual({
      code: { code: 'code' },
      currency: { code: 'currency' },
      timezone: { code: 'timezone' },
      expiryDays: { code: 'range', params: { min: 0, max: 3650 } },
      pendingDays: { code: 'wholeNumber' },
      holdoutPercent: { code: 'range', params: { min: 0, max: 50 } },
      earnPerMinor: { code: 'moneyRange', params: { min: '0.01', max: '1000000' } },
      minPurchaseMinor: { code: 'money' },
    });
  });

  it('refuses points that expire the day they are earned, and counts cashback in kopecks', () => {
    expect(toProgramInput({ ...fromProgram(program), expiryDays: '0' }).issues.expiryDays).toEqual({ code: 'expiryDays' });
    expect(toProgramInput({ ...fromProgram(program), expiryPolicy: 'NEVER', expiryDays: '0' }).issues).toEqual({});
    const cashback = toProgramInput({ ...fromProgram(program), valueKind: 'CASHBACK', pointValue: 'ignored' });
    expect(cashback.issues).toEqual({});
    expect(cashback.input.pointValueMinor).toBe(1);
  });
});

describe('program settings form', () => {
  it('points at each wrong field and sends nothing', async () => {
    const wrapper = mount(ProgramForm, { props: { initial: fromProgram(program), wasDefault: true }, global: { plugins: [i18n()] } });
    await wrapper.find('#program-expiryDays').setValue('5000');
    await wrapper.find('#program-timezone').setValue('Mars/Olympus');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="program-expiryDays"]').text()).toContain('From 0 to 3650.');
    expect(wrapper.find('[data-field="program-timezone"]').text()).toContain('Europe/Moscow');
    expect(wrapper.text()).toContain('Check the highlighted fields.');
    expect(wrapper.find('#program-isDefault').attributes('disabled')).toBeDefined();
  });

  it('hides the expiry days when points never expire and sends the change', async () => {
    const wrapper = mount(ProgramForm, { props: { initial: fromProgram(program) }, global: { plugins: [i18n()] } });
    await wrapper.find('#program-expiryPolicy').setValue('NEVER');
    expect(wrapper.find('#program-expiryDays').exists()).toBe(false);
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ expiryPolicy: 'NEVER', earnPerMinor: 10_000 });
  });

  it('shows the server’s ValidationError under its field, in Russian around it', () => {
    const wrapper = mount(ProgramForm, { props: { initial: fromProgram(program), fieldErrors: { pendingDays: 'Too big: expected number to be <=365', isDefault: 'make another program the default instead' } }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.find('[data-field="program-pendingDays"]').text()).toContain('<=365');
    expect(wrapper.find('[data-field="program-isDefault"]').text()).toContain('make another program the default');
    expect(wrapper.find('[data-field="program-earnPer"]').text()).toContain('За каждые (₽)');
    expect(wrapper.find('[data-testid="program-submit"]').text()).toBe('Сохранить настройки');
  });
});
