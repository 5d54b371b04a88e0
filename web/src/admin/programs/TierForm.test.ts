import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { TierRowFragment } from '../../graphql/generated/graphql';
import TierForm from './TierForm.vue';
import TierLadder from './TierLadder.vue';
import { emptyTier, fromTier, toTierInput } from './tier-form';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const tier = (code: string, name: string, rank: number, threshold: number, extra: Partial<TierRowFragment> = {}): TierRowFragment => ({
  id: `VGllcjo${rank}`,
  code,
  name,
  rank,
  qualifyBy: 'SPEND',
  threshold,
  window: 'ROLLING',
  windowDays: 365,
  earnMultiplierPercent: 100,
  discountPercent: 0,
  perks: [],
  ...extra,
});
// The demo's ladder, listed out of order on purpose.
const gold = tier('gold', 'Gold', 2, 5_000_000, { earnMultiplierPercent: 150, discountPercent: 5, perks: ['Free delivery', 'Early access'] });
const basic = tier('basic', 'Basic', 0, 0);
const silver = tier('silver', 'Silver', 1, 1_500_000, { earnMultiplierPercent: 125, discountPercent: 3 });
const ladder = [gold, basic, silver];

describe('tier values and the ladder’s order', () => {
  it('reads a spend threshold in roubles and sends kopecks', () => {
    expect(fromTier(silver)).toMatchObject({ threshold: '15000', rank: '1' });
    const { input, issues } = toTierInput({ ...emptyTier(ladder), code: 'platinum', name: 'Platinum', threshold: '150 000', perks: 'Concierge\n\n Lounge ' }, ladder);
    expect(issues).toEqual({});
    expect(input).toMatchObject({ rank: 3, qualifyBy: 'SPEND', threshold: 15_000_000, perks: ['Concierge', 'Lounge'] });
  });

  it('refuses a threshold at or below the tier under it, naming that tier', () => {
    const { issues } = toTierInput({ ...emptyTier(ladder), code: 'platinum', name: 'Platinum', threshold: '40000' }, ladder, 'en');
    expect(issues.threshold).toEqual({ code: 'thresholdBelow', params: { name: 'Gold', value: '₽50,000' } });
    expect(toTierInput({ ...emptyTier(ladder), code: 'platinum', name: 'Platinum', threshold: '40000' }, ladder, 'ru').issues.threshold?.params?.value).toMatch(/^50\s000\s₽$/);
    expect(toTierInput({ ...emptyTier(ladder), code: 'platinum', name: 'Platinum', threshold: '50000' }, ladder).issues.threshold?.code).toBe('thresholdBelow');
  });

  it('refuses a threshold at or above the tier over it when a tier is edited', () => {
    const others = ladder.filter((t) => t.id !== silver.id);
    expect(toTierInput({ ...fromTier(silver), threshold: '60000' }, others).issues.threshold).toMatchObject({ code: 'thresholdAbove', params: { name: 'Gold' } });
    expect(toTierInput({ ...fromTier(silver), threshold: '20000' }, others).issues).toEqual({});
  });

  it('keeps places and codes unique and the server’s limits', () => {
    const { issues } = toTierInput({ ...emptyTier(ladder), code: 'gold', name: 'Gold 2', rank: '1', threshold: '1', discountPercent: '120', windowDays: '0' }, ladder);
    expect(issues).toMatchObject({ code: { code: 'codeTaken', params: { name: 'Gold' } }, rank: { code: 'rankTaken', params: { name: 'Silver' } }, discountPercent: { code: 'range' }, windowDays: { code: 'range' } });
  });

  it('compares only tiers measured the same way', () => {
    const { issues } = toTierInput({ ...emptyTier(ladder), code: 'regular', name: 'Regular', qualifyBy: 'PURCHASES', threshold: '10' }, ladder);
    expect(issues).toEqual({});
  });
});

describe('tier form', () => {
  it('shows the ladder error inline and sends nothing', async () => {
    const wrapper = mount(TierForm, { props: { others: ladder }, global: { plugins: [i18n()] } });
    expect((wrapper.find('#tier-rank').element as HTMLInputElement).value).toBe('3');
    await wrapper.find('#tier-name').setValue('Platinum');
    await wrapper.find('#tier-code').setValue('platinum');
    await wrapper.find('#tier-threshold').setValue('1000');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="tier-threshold"]').text()).toContain('Must be above “Gold”');
    await wrapper.find('#tier-threshold').setValue('100000');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ code: 'platinum', threshold: 10_000_000, rank: 3 });
  });

  it('labels the threshold by what it counts', async () => {
    const wrapper = mount(TierForm, { props: { others: ladder }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.find('label[for="tier-threshold"]').text()).toContain('Порог (₽)');
    await wrapper.find('#tier-qualify').setValue('PURCHASES');
    expect(wrapper.find('label[for="tier-threshold"]').text()).toContain('покупок');
  });
});

describe('tier ladder', () => {
  it('lists the tiers from the entry one up with their thresholds and benefits', async () => {
    const wrapper = mount(TierLadder, { props: { tiers: ladder, currency: 'RUB', loading: false, error: null, canEdit: true }, global: { plugins: [i18n()] } });
    const steps = wrapper.findAll('[data-tier]');
    const text = (index: number) => steps[index].text().replace(/\s/g, ' ');
    expect(steps.map((step) => step.attributes('data-tier'))).toEqual(['basic', 'silver', 'gold']);
    expect(steps[0].text()).toContain('Entry tier');
    expect(text(2)).toContain('Spend from ₽50,000');
    expect(text(1)).toContain('A rolling window: 365 days');
    expect(steps[2].text()).toContain('Earns ×1.5');
    expect(steps[2].text()).toContain('Early access');
    await steps[1].find('[data-testid="tier-edit"]').trigger('click');
    expect(wrapper.emitted('edit')![0][0]).toMatchObject({ code: 'silver' });
  });

  it('says what to do when there are no tiers', () => {
    const wrapper = mount(TierLadder, { props: { tiers: [], currency: 'RUB', loading: false, error: null, canEdit: true }, global: { plugins: [i18n()] } });
    expect(wrapper.text()).toContain('No tiers yet');
    expect(wrapper.find('[data-testid="tier-add-empty"]').exists()).toBe(true);
  });
});
