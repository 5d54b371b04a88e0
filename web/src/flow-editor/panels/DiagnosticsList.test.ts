import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import { editorDiagnostics, fromServer } from '../graph/diagnostics';
import DiagnosticsList from './DiagnosticsList.vue';

const graph = {
  nodes: [
    { id: 'trigger', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
    { id: 'lonely', kind: 'action.awardPoints', params: { mode: 'fixed', amount: 10 }, position: { x: 0, y: 0 } },
    { id: 'split', kind: 'split.ab', params: { experimentKey: 'x', variants: [{ key: 'A', weight: 60 }, { key: 'B', weight: 60 }] }, position: { x: 0, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'trigger', sourcePort: 'out', target: 'split' }],
};

function render(locale: 'en' | 'ru' = 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { en, ru } });
  const diagnostics = editorDiagnostics(graph);
  return mount(DiagnosticsList, { props: { diagnostics, nodeLabels: new Map([['lonely', 'Award points'], ['split', 'A/B split']]) }, global: { plugins: [i18n] } });
}

describe('diagnostics list', () => {
  it('lists the problems validateGraph finds, errors first, with the node they concern', () => {
    const wrapper = render();
    const items = wrapper.findAll('.diagnostics__item');
    expect(items.map((i) => i.attributes('data-code'))).toEqual(['parameter_invalid', 'unreachable_node']);
    expect(items[1].text()).toContain('Award points');
    expect(items[1].text()).toContain('No trigger leads to this node.');
    expect(wrapper.text()).toContain('errors: 2, warnings: 0');
  });

  it('focuses the node when a problem is pressed', async () => {
    const wrapper = render();
    await wrapper.findAll('button.diagnostics__item')[1].trigger('click');
    expect(wrapper.emitted('focus')).toEqual([['lonely']]);
  });

  it('speaks Russian', () => {
    expect(render('ru').text()).toContain('До узла не дойти ни от одного триггера.');
  });

  it('says the flow is ready when there is nothing to fix', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, ru } });
    const wrapper = mount(DiagnosticsList, { props: { diagnostics: [], nodeLabels: new Map() }, global: { plugins: [i18n] } });
    expect(wrapper.text()).toContain('None: ready to publish');
  });

  it('adds what only the server knows (domains, references) for nodes still on the canvas', () => {
    const server = [
      { code: 'domain_unavailable', severity: 'error', nodeId: 'lonely', ru: 'Недоступно', en: 'Not available yet' },
      { code: 'domain_unavailable', severity: 'error', nodeId: 'gone', ru: 'x', en: 'x' },
      { code: 'unreachable_node', severity: 'error', nodeId: 'lonely', ru: 'y', en: 'stale copy' },
    ].map(fromServer);
    const codes = editorDiagnostics(graph, server).map((d) => `${d.code}@${d.nodeId ?? ''}`);
    expect(codes).toContain('domain_unavailable@lonely');
    expect(codes).not.toContain('domain_unavailable@gone');
    expect(editorDiagnostics(graph, server).some((d) => d.message.en === 'stale copy')).toBe(false);
  });
});
