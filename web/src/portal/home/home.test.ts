import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import MemberGreeting from './MemberGreeting.vue';
import WalletCard from './WalletCard.vue';

const i18n = (locale: 'en' | 'ru') => createI18n({ legacy: false, locale, messages: { en, ru } });

describe('WalletCard', () => {
  it('says honestly that there is nothing yet, and shows no made-up balance', () => {
    const wrapper = mount(WalletCard, { global: { plugins: [i18n('en')] } });
    expect(wrapper.get('h2').text()).toBe('Wallet');
    expect(wrapper.text()).toContain('Your points and rewards will appear here once the loyalty program starts.');
    expect(wrapper.text()).not.toMatch(/\d/);
  });
});

describe('MemberGreeting', () => {
  it('greets the member by name and shows their email', () => {
    const wrapper = mount(MemberGreeting, { props: { name: 'Анна Иванова', email: 'anna@example.com' }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.get('h2').text()).toBe('Здравствуйте, Анна Иванова!');
    expect(wrapper.text()).toContain('Вы вошли как anna@example.com');
  });

  it('still greets a member who gave no name', () => {
    const wrapper = mount(MemberGreeting, { props: { name: '', email: null }, global: { plugins: [i18n('en')] } });
    expect(wrapper.get('h2').text()).toBe('Hello!');
    expect(wrapper.find('p').exists()).toBe(false);
  });
});
