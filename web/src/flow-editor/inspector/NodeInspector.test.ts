import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { nodeDefinition, type FlowNode } from '@patron/schema/flow';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import NodeInspector from './NodeInspector.vue';
import { paramFields } from './param-fields';

function render(node: FlowNode, locale: 'en' | 'ru' = 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { en, ru } });
  return mount(NodeInspector, { props: { node, selectedCount: 1, diagnostics: [] }, global: { plugins: [i18n] }, attachTo: document.body });
}

const amount: FlowNode = { id: 'amount-1', kind: 'condition.amount', params: { op: 'gte', value: 100_000 }, position: { x: 0, y: 0 } };

describe('inspector form from a node definition', () => {
  it('reads widgets, bounds and option labels from the zod schema and ui hints', () => {
    const fields = paramFields(nodeDefinition('limit.cap')!, 'en');
    expect(fields.map((f) => [f.key, f.widget, f.empty, f.integer, f.min])).toEqual([
      ['perMember', 'number', 'null', true, 1],
      ['perPeriod', 'number', 'null', true, 1],
      ['periodDays', 'number', 'null', true, 1],
      ['budgetPoints', 'number', 'null', true, 1],
    ]);
    const award = paramFields(nodeDefinition('action.awardPoints')!, 'ru');
    expect(award[0]).toMatchObject({ key: 'mode', widget: 'select', label: 'Как считать' });
    expect(award[0].options).toContainEqual({ value: 'percent', label: 'Процент от покупки' });
    expect(paramFields(nodeDefinition('trigger.schedule')!, 'en').find((f) => f.key === 'scheduleId')?.empty).toBe('omit');
  });

  it('shows money in roubles and writes it back in kopecks', async () => {
    const wrapper = render(amount);
    expect(wrapper.text()).toContain('Purchase amount');
    expect(wrapper.find('[data-testid="inspector-summary"]').text()).toMatch(/Purchase ≥ .*1,000/);
    const input = wrapper.find<HTMLInputElement>('[data-param="value"] input');
    expect(input.element.value).toBe('1000.00');
    expect(wrapper.find('[data-param="value"]').text()).toContain('₽');
    await input.setValue('1500');
    await input.trigger('blur');
    expect(wrapper.emitted('update')?.at(-1)).toEqual(['amount-1', 'value', 150_000]);
    wrapper.unmount();
  });

  it('labels every input in the reader’s language and shows the definition’s checks under the field', async () => {
    const wrapper = render({ ...amount, params: { op: 'gte', value: -5 } }, 'ru');
    expect(wrapper.find('label[for="param-value"]').text()).toBe('Сумма');
    expect(wrapper.find('#param-value').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-param="value"] [role="alert"]').text()).toBe('Не меньше 0.');
    wrapper.unmount();
  });

  it('keeps A/B weights in sight and splits them evenly on request', async () => {
    const split: FlowNode = { id: 'split-1', kind: 'split.ab', params: { experimentKey: 'x', variants: [{ key: 'A', weight: 70 }, { key: 'B', weight: 20 }] }, position: { x: 0, y: 0 } };
    const wrapper = render(split);
    expect(wrapper.find('[data-testid="variants-total"]').text()).toBe('Total: 90 % (must be 100 %)');
    const even = wrapper.findAll('button').find((b) => b.text() === 'Split evenly')!;
    await even.trigger('click');
    expect(wrapper.emitted('update')?.at(-1)).toEqual(['split-1', 'variants', [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }]]);
    wrapper.unmount();
  });

  it('asks for a selection when none or several nodes are selected', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, ru } });
    const wrapper = mount(NodeInspector, { props: { node: null, selectedCount: 3, diagnostics: [] }, global: { plugins: [i18n] } });
    expect(wrapper.text()).toContain('3 steps selected');
  });
});
