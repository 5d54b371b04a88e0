import { computed } from 'vue';
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { NSelect } from 'naive-ui';
import { createI18n } from 'vue-i18n';
import type { FlowNode } from '@patron/schema/flow';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import NodePalette from '../panels/NodePalette.vue';
import NodeInspector from './NodeInspector.vue';
import ReferencePicker from './ReferencePicker.vue';
import { FLOW_REFERENCES, referenceChoices, type ReferenceOptions } from './references';

const REFS: ReferenceOptions = {
  segment: [
    { value: 'loyal', label: 'Loyal' },
    { value: 'at-risk', label: 'At risk' },
  ],
  tier: [
    { value: 'silver', label: 'Silver' },
    { value: 'gold', label: 'Gold' },
  ],
};

function render(node: FlowNode, refs: ReferenceOptions | null = REFS, locale: 'en' | 'ru' = 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { en, ru } });
  const provide = refs ? { [FLOW_REFERENCES as symbol]: computed(() => refs) } : {};
  return mount(NodeInspector, { props: { node, selectedCount: 1, diagnostics: [] }, global: { plugins: [i18n], provide }, attachTo: document.body });
}

const segmentNode: FlowNode = { id: 'seg-1', kind: 'condition.segment', params: { segment: 'loyal' }, position: { x: 0, y: 0 } };

describe('reference pickers in the inspector', () => {
  it('picks a segment by name from the API’s list and stores its code', () => {
    const wrapper = render(segmentNode);
    const picker = wrapper.find('[data-param="segment"] [data-testid="reference-picker"]');
    expect(picker.exists()).toBe(true);
    expect(picker.text()).toContain('Loyal · loyal');
    const select = wrapper.findComponent(ReferencePicker).findComponent(NSelect);
    expect((select.props('options') as { label: string; value: string }[]).map((o) => [o.value, o.label])).toEqual([['loyal', 'Loyal · loyal'], ['at-risk', 'At risk · at-risk']]);
    select.vm.$emit('update:value', 'at-risk');
    expect(wrapper.emitted('update')?.at(-1)).toEqual(['seg-1', 'segment', 'at-risk']);
    wrapper.unmount();
  });

  it('keeps a code the list does not know, marked as not found', () => {
    const wrapper = render({ ...segmentNode, params: { segment: 'gone' } }, REFS, 'ru');
    expect(wrapper.find('[data-param="segment"]').text()).toContain('gone (не найден)');
    expect(referenceChoices(REFS.tier!, ['gold', 'platinum'], (c) => `${c}?`).map((c) => c.value)).toEqual(['silver', 'gold', 'platinum']);
    wrapper.unmount();
  });

  it('offers the program’s tiers for a tier list, and falls back to typing without a list', () => {
    const tiers: FlowNode = { id: 'tier-1', kind: 'condition.tier', params: { tiers: ['gold'], negate: false }, position: { x: 0, y: 0 } };
    const withList = render(tiers);
    expect(withList.find('[data-param="tiers"] [data-testid="reference-picker"]').text()).toContain('Gold · gold');
    withList.unmount();
    const typed = render(segmentNode, null);
    expect(typed.find('[data-testid="reference-picker"]').exists()).toBe(false);
    expect(typed.find<HTMLInputElement>('#param-segment').element.value).toBe('loyal');
    typed.unmount();
  });
});

describe('palette and the server’s domains', () => {
  it('greys out the kinds whose domain the server does not run, and says why', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, ru } });
    const wrapper = mount(NodePalette, { props: { domains: ['jobs', 'scheduler', 'segments', 'surveys'] }, global: { plugins: [i18n] } });
    const badge = wrapper.find('[data-kind="action.grantBadge"]');
    expect(badge.attributes('data-unavailable')).toBe('true');
    expect(badge.attributes('title')).toContain('“badges”');
    expect(badge.text()).toContain('soon');
    expect(wrapper.find('[data-kind="condition.segment"]').attributes('data-unavailable')).toBeUndefined();
    expect(wrapper.find('[data-kind="action.awardPoints"]').attributes('data-unavailable')).toBeUndefined();
    const unknown = mount(NodePalette, { props: { domains: null }, global: { plugins: [i18n] } });
    expect(unknown.findAll('[data-unavailable]')).toHaveLength(0);
  });
});
