import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { segmentDefinition, type SegmentRule } from '@patron/schema/segments';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import SegmentBuilder from './SegmentBuilder.vue';
import { LEAF_TYPES, defaultLeaf, fieldOptions, replaceAt } from './segment-rules';

const atRisk: SegmentRule = {
  type: 'all',
  rules: [
    { type: 'metric', metric: 'daysSinceLastPurchase', op: 'gt', value: 90 },
    { type: 'any', rules: [{ type: 'window', metric: 'spend', days: 365, op: 'gte', value: 500_000 }, { type: 'tier', tiers: ['gold'] }] },
    { type: 'not', rule: { type: 'segment', segment: 'churned' } },
  ],
};

function render(definition: SegmentRule, locale: 'en' | 'ru' = 'en', count: number | null = 42, readonly = false) {
  const i18n = createI18n({ legacy: false, locale, messages: { en, ru } });
  return mount(SegmentBuilder, {
    props: { definition, segments: [{ value: 'churned', label: 'Churned' }, { value: 'loyal', label: 'Loyal' }], tiers: [{ value: 'gold', label: 'Gold' }], count, counting: false, readonly },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

const lastUpdate = (wrapper: ReturnType<typeof render>) => wrapper.emitted('update')!.at(-1) as [SegmentRule, boolean];

describe('segment builder', () => {
  it('renders every group, exclusion and condition of a definition, money in roubles', () => {
    const wrapper = render(atRisk);
    expect(wrapper.findAll('.rule--group')).toHaveLength(2);
    expect(wrapper.findAll('.rule--not')).toHaveLength(1);
    expect(wrapper.findAll('.rule--leaf')).toHaveLength(4);
    expect(wrapper.find('[data-path="rules.1.rules.0"] [data-field="value"] input').element).toHaveProperty('value', '5000.00');
    expect(wrapper.find('[data-path="rules.1.rules.0"]').text()).toContain('₽');
    expect(wrapper.find('[data-path="rules.2"]').text()).toContain('None of this is true');
    expect(wrapper.find('[data-testid="live-count-value"]').text()).toBe('42');
    wrapper.unmount();
  });

  it('turns edits into a definition the shared schema accepts, money back in kopecks', async () => {
    const wrapper = render(atRisk);
    const spend = wrapper.find('[data-path="rules.1.rules.0"] [data-field="value"] input');
    await spend.setValue('1500');
    await spend.trigger('blur');
    const [edited, valid] = lastUpdate(wrapper);
    expect(valid).toBe(true);
    expect(segmentDefinition.safeParse(edited).success).toBe(true);
    expect((edited as { rules: { rules: { value: number }[] }[] }).rules[1].rules[0].value).toBe(150_000);

    await wrapper.findAll('[data-testid="add-condition"]').at(-1)!.trigger('click');
    const [added] = lastUpdate(wrapper);
    expect((added as { rules: SegmentRule[] }).rules).toHaveLength(4);
    expect(segmentDefinition.safeParse(added).success).toBe(true);
    wrapper.unmount();
  });

  it('removes a condition and starts every condition type valid', async () => {
    const wrapper = render(atRisk);
    await wrapper.find('[data-path="rules.0"] [data-testid="remove-rule"]').trigger('click');
    const [removed, valid] = lastUpdate(wrapper);
    expect(valid).toBe(true);
    expect((removed as { rules: SegmentRule[] }).rules.map((r) => r.type)).toEqual(['any', 'not']);
    for (const type of LEAF_TYPES) expect(segmentDefinition.safeParse(defaultLeaf(type)).success, type).toBe(true);
    expect(fieldOptions('channel', 'channel')).toEqual(['store', 'online', 'app', 'partner']);
    wrapper.unmount();
  });

  it('shows the schema’s checks under the condition they concern, and no count while invalid', () => {
    const broken: SegmentRule = { type: 'all', rules: [{ type: 'window', metric: 'purchaseCount', days: 0, op: 'gte', value: 2 }, { type: 'attribute', path: 'city name', op: 'eq', value: 'Kazan' }] };
    const wrapper = render(broken, 'ru');
    expect(wrapper.find('[data-path="rules.0"] [role="alert"]').text()).toBe('Не меньше 1.');
    expect(wrapper.find('[data-path="rules.1"] [role="alert"]').text()).toBe('Только латинские буквы, цифры, _ и - без пробелов.');
    expect(wrapper.find('[data-testid="live-count"]').text()).toContain('исправьте условия');
    wrapper.unmount();
  });

  it('edits RFM score ranges and says when none is given', async () => {
    const wrapper = render({ type: 'all', rules: [defaultLeaf('rfm')] });
    const from = wrapper.find('[data-path="rules.0"] [data-field="monetary"] input');
    await from.setValue('3');
    await from.trigger('blur');
    const [edited, valid] = lastUpdate(wrapper);
    expect(valid).toBe(true);
    expect((edited as { rules: unknown[] }).rules[0]).toEqual({ type: 'rfm', recency: [4, 5], frequency: [4, 5], monetary: [3, 5] });
    wrapper.unmount();
    const none = render({ type: 'all', rules: [{ type: 'rfm' }] });
    expect(none.find('[data-path="rules.0"] [role="alert"]').text()).toBe('Give at least one score range.');
    none.unmount();
  });

  it('turns a single condition into a group when a second is added', async () => {
    const single: SegmentRule = { type: 'metric', metric: 'daysSinceJoined', op: 'lte', value: 30 };
    const wrapper = render(single);
    await wrapper.find('[data-testid="add-condition"]').trigger('click');
    const [grown, valid] = lastUpdate(wrapper);
    expect(valid).toBe(true);
    expect(grown).toEqual({ type: 'all', rules: [single, defaultLeaf('metric')] });
    wrapper.unmount();
  });

  it('lets an analyst read a definition without changing it', () => {
    const wrapper = render(atRisk, 'en', 42, true);
    expect(wrapper.find('[data-testid="add-condition"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="remove-rule"]').exists()).toBe(false);
    expect(wrapper.find('[data-path="rules.0"] [data-field="value"] input').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('says why the server would not count a valid definition', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, ru } });
    const wrapper = mount(SegmentBuilder, { props: { definition: defaultLeaf('community'), segments: [], tiers: [], count: null, counting: false, problem: 'the forum is not on yet' }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-testid="count-problem"]').text()).toBe('the server cannot count it: the forum is not on yet');
  });

  it('asks for a condition in an empty group', () => {
    const wrapper = render({ type: 'any', rules: [] }, 'en', null);
    expect(wrapper.find('[role="alert"]').text()).toBe('Add at least one condition to this group.');
    expect(wrapper.find('[data-testid="live-count-value"]').text()).toBe('—');
    wrapper.unmount();
  });

  it('replaces and removes rules by their path in the tree', () => {
    const leaf = defaultLeaf('channel');
    expect(replaceAt(atRisk, 'rules.2.rule', leaf)).toMatchObject({ rules: [{}, {}, { type: 'not', rule: leaf }] });
    expect((replaceAt(atRisk, 'rules.1.rules.1', null) as { rules: { rules: unknown[] }[] }).rules[1].rules).toHaveLength(1);
  });
});
