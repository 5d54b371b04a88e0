import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../../i18n/en';
import ApiKeySecret from './ApiKeySecret.vue';

const SECRET = 'pk_live_0123456789abcdef';

function render() {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
  return mount(ApiKeySecret, { props: { name: 'Online store', secret: SECRET }, global: { plugins: [i18n] } });
}

describe('ApiKeySecret', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the secret in a labelled, read-only box with a warning that it is shown once', () => {
    const wrapper = render();
    const box = wrapper.get('#api-key-secret');
    expect(box.text()).toBe(SECRET);
    expect(box.attributes('aria-readonly')).toBe('true');
    expect(wrapper.get(`#${box.attributes('aria-labelledby')}`).text()).toBe('Secret key');
    expect(wrapper.get('[role="alert"]').text()).toContain('It will not be shown again');
    expect(wrapper.text()).toContain('API key “Online store” created');
  });

  it('copies the secret to the clipboard and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const wrapper = render();
    await wrapper.findAll('button').find((b) => b.text() === 'Copy')!.trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(wrapper.get('[role="status"]').text()).toBe('Copied to the clipboard.');
  });

  it('tells the admin to copy by hand when the clipboard is refused', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn().mockRejectedValue(new Error('denied')) } });
    const wrapper = render();
    await wrapper.findAll('button').find((b) => b.text() === 'Copy')!.trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="status"]').text()).toContain('copy it by hand');
  });

  it('emits done when the admin has copied it', async () => {
    const wrapper = render();
    await wrapper.findAll('button').find((b) => b.text() === 'I have copied it')!.trigger('click');
    expect(wrapper.emitted('done')).toHaveLength(1);
  });
});
