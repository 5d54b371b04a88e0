import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../../i18n/en';
import ApiKeyCreateForm from './ApiKeyCreateForm.vue';

function render(props: InstanceType<typeof ApiKeyCreateForm>['$props'] = {}) {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
  return mount(ApiKeyCreateForm, { props, global: { plugins: [i18n] }, attachTo: document.body });
}

describe('ApiKeyCreateForm', () => {
  it('exposes the scope picker as a labelled combobox', () => {
    const wrapper = render();
    const trigger = wrapper.get('#api-key-scopes');
    expect(trigger.attributes('role')).toBe('combobox');
    expect(wrapper.get(`#${trigger.attributes('aria-labelledby')}`).text()).toContain('Scopes');
    expect(trigger.attributes('aria-expanded')).toBe('false');
    expect(wrapper.get(`#${trigger.attributes('aria-describedby')}`).text()).toBe('What the key may do.');
    wrapper.unmount();
  });

  it('puts each validation message under its own field', async () => {
    const wrapper = render({ fieldErrors: { name: 'Required.', scopes: 'Choose at least one scope.' } });
    expect(wrapper.get('[data-field="api-key-name"]').text()).toContain('Required.');
    expect(wrapper.get('[data-field="api-key-scopes"]').text()).toContain('Choose at least one scope.');
    expect(wrapper.get('[data-field="api-key-scopes"]').text()).not.toContain('Required.');
    const trigger = wrapper.get('#api-key-scopes');
    expect(trigger.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`#${trigger.attributes('aria-describedby')}`).text()).toBe('Choose at least one scope.');
    wrapper.unmount();
  });

  it('emits the trimmed name with no scopes chosen yet, leaving validation to the server', async () => {
    const wrapper = render();
    await wrapper.get('input#api-key-name').setValue('  Online store ');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ name: 'Online store', scopes: [] }]]);
    wrapper.unmount();
  });
});
