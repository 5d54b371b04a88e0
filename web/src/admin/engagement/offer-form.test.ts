import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { OfferRowFragment } from '../../graphql/generated/graphql';
import OfferForm from './OfferForm.vue';
import OffersTable from './OffersTable.vue';
import { emptyOffer, fromOffer, toOfferInput } from './offer-form';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const offer: OfferRowFragment = {
  id: 'T2ZmZXI6MQ==',
  code: 'comeback-300',
  title: 'Come back',
  description: '',
  kind: 'POINTS_MULTIPLIER',
  value: 200,
  category: null,
  minPurchaseMinor: 50000,
  validFrom: null,
  validUntil: null,
  maxUsesPerMember: 1,
  requiresActivation: true,
  audience: 'SEGMENT',
  segment: 'sleeping',
  favouriteDays: 90,
  personalDays: 14,
  status: 'ACTIVE',
  summary: 'Double points on a purchase from 500 ₽',
  stats: { reached: 12, activated: 5, used: 3 },
};

describe('offer form values', () => {
  it('reads a multiplier as “2” and the minimum purchase in roubles', () => {
    expect(fromOffer(offer)).toMatchObject({ value: '2', minPurchase: '500', segment: 'sleeping' });
    const { input, issues } = toOfferInput(fromOffer(offer));
    expect(issues).toEqual({});
    expect(input).toMatchObject({ value: 200, minPurchaseMinor: 50000, segment: 'sleeping', category: null });
  });

  it('mirrors the server’s limits for each kind', () => {
    const base = { ...emptyOffer(), title: 'T', code: 't' };
    expect(toOfferInput({ ...base, kind: 'PERCENT_DISCOUNT', value: '120' }).issues.value).toEqual({ key: 'atMost', values: { max: 100 } });
    expect(toOfferInput({ ...base, kind: 'POINTS_MULTIPLIER', value: '1' }).issues.value?.key).toBe('atLeast');
    expect(toOfferInput({ ...base, kind: 'BONUS_POINTS', value: '0' }).issues.value?.key).toBe('atLeast');
    expect(toOfferInput({ ...base, value: '100', audience: 'SEGMENT' }).issues.segment?.key).toBe('required');
    expect(toOfferInput({ ...base, value: '100', validFrom: '2026-05-01', validUntil: '2026-04-01' }).issues.validUntil?.key).toBe('dateOrder');
    expect(toOfferInput({ ...base, value: '100', maxUsesPerMember: '0' }).issues.maxUsesPerMember?.key).toBe('atLeast');
  });

  it('leaves the audience’s days to the server’s defaults when emptied, and the segment out elsewhere', () => {
    const { input, issues } = toOfferInput({ ...emptyOffer(), title: 'T', code: 't', value: '100', favouriteDays: '', segment: 'old' });
    expect(issues).toEqual({});
    expect(input.favouriteDays).toBeUndefined();
    expect(input.segment).toBeNull();
  });
});

describe('offer form', () => {
  it('shows slips on their fields and sends nothing', async () => {
    const wrapper = mount(OfferForm, { props: { segments: [{ code: 'sleeping', name: 'Sleeping' }] }, global: { plugins: [i18n()] } });
    await wrapper.find('#offer-title').setValue('Gift');
    await wrapper.find('#offer-code').setValue('gift');
    await wrapper.find('#offer-kind').setValue('PERCENT_DISCOUNT');
    await wrapper.find('#offer-value').setValue('150');
    await wrapper.find('#offer-min-purchase').setValue('ten');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="offer-value"]').text()).toContain('Must be at most 100.');
    expect(wrapper.find('[data-field="offer-min-purchase"]').text()).toContain('roubles');
  });

  it('shows the server’s ValidationError per field (in Russian around it) and sends an edit', async () => {
    const wrapper = mount(OfferForm, { props: { initial: fromOffer(offer), editing: true, segments: [{ code: 'sleeping', name: 'Sleeping' }], fieldErrors: { segment: 'no segment "sleeping" in this program' } }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.find('[data-field="offer-segment"]').text()).toContain('no segment');
    expect(wrapper.find('label[for="offer-value"]').text()).toContain('Множитель');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ code: 'comeback-300', value: 200, audience: 'SEGMENT' });
  });
});

describe('offers table', () => {
  const table = (props: Record<string, unknown>) =>
    mount(OffersTable, { props: { rows: [offer], segmentNames: { sleeping: 'Sleeping' }, loading: false, error: null, canEdit: true, busyId: null, filtered: false, ...props }, global: { plugins: [i18n()] } });

  it('shows the reward, audience and reach; pauses an active offer and activates a draft', async () => {
    const wrapper = table({});
    expect(wrapper.text()).toContain('Double points on a purchase from 500 ₽');
    expect(wrapper.text()).toContain('Segment “Sleeping”');
    expect(wrapper.text()).toContain('12 / 3');
    await wrapper.find('[data-testid="offer-pause"]').trigger('click');
    expect(wrapper.emitted('status')).toEqual([[offer, 'ARCHIVED']]);
    const draft = table({ rows: [{ ...offer, status: 'DRAFT' }] });
    await draft.find('[data-testid="offer-activate"]').trigger('click');
    expect(draft.emitted('status')![0][1]).toBe('ACTIVE');
  });

  it('says what to do when there are none', () => {
    expect(table({ rows: [] }).text()).toContain('Create an offer');
    expect(table({ rows: [], filtered: true }).text()).toContain('No offers with this status');
  });
});
