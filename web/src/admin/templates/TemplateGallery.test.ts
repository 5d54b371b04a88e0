import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import ApplyTemplateForm from './ApplyTemplateForm.vue';
import TemplateGallery, { type TemplateCard } from './TemplateGallery.vue';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const cards: TemplateCard[] = [
  { code: 'stars', name: 'Stars', description: 'Collect stars, swap them for drinks.', requires: ['rewards'] },
  { code: 'cashback', name: 'Cashback', description: 'Money back on every purchase.', requires: [] },
];

function gallery(props: Partial<InstanceType<typeof TemplateGallery>['$props']> = {}, locale: 'en' | 'ru' = 'en') {
  return mount(TemplateGallery, { props: { templates: cards, loading: false, error: null, canApply: true, ...props }, global: { plugins: [i18n(locale)] } });
}

describe('template gallery', () => {
  it('shows a card per template with its domains, and asks to use one', async () => {
    const wrapper = gallery();
    expect(wrapper.findAll('[data-template]')).toHaveLength(2);
    expect(wrapper.find('[data-template="stars"]').text()).toContain('Rewards');
    await wrapper.find('[data-template="cashback"] [data-testid="template-use"]').trigger('click');
    expect(wrapper.emitted('use')).toEqual([['cashback']]);
  });

  it('hides the action from those who may only look', () => {
    expect(gallery({ canApply: false }).find('[data-testid="template-use"]').exists()).toBe(false);
  });

  it('shows loading, empty and error states', async () => {
    expect(gallery({ templates: [], loading: true }).find('[data-test="loading"]').exists()).toBe(true);
    expect(gallery({ templates: [] }).text()).toContain('No templates');
    const failed = gallery({ error: new Error('boom') }, 'ru');
    expect(failed.text()).toContain('Не удалось загрузить шаблоны.');
    await failed.find('button').trigger('click');
    expect(failed.emitted('retry')).toHaveLength(1);
  });
});

describe('use-a-template form', () => {
  it('starts from the template’s name and sends what was typed', async () => {
    const wrapper = mount(ApplyTemplateForm, { props: { templateName: 'Stars' }, global: { plugins: [i18n()] } });
    expect((wrapper.find('#program-name').element as HTMLInputElement).value).toBe('Stars');
    await wrapper.find('#program-code').setValue(' coffee ');
    await wrapper.find('#program-currency').setValue('eur');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ code: 'coffee', name: 'Stars', currency: 'EUR', isDefault: false }]]);
  });

  it('shows the server’s messages under their fields', () => {
    const wrapper = mount(ApplyTemplateForm, {
      props: { templateName: 'Stars', message: 'Check the highlighted fields.', fieldErrors: { code: 'A program with this code already exists.', currency: 'must be 3 letters' } },
      global: { plugins: [i18n()] },
    });
    expect(wrapper.find('[data-field="program-code"]').text()).toContain('A program with this code already exists.');
    expect(wrapper.find('#program-code').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-field="program-currency"]').text()).toContain('must be 3 letters');
    expect(wrapper.text()).toContain('Check the highlighted fields.');
  });
});
