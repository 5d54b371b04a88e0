import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import SignUpForm from './SignUpForm.vue';

function render(props: InstanceType<typeof SignUpForm>['$props'] = {}, locale: 'en' | 'ru' = 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { en, ru } });
  return mount(SignUpForm, { props, global: { plugins: [i18n] }, attachTo: document.body });
}

/** The block holding one field: its label, input and feedback line. */
const field = (wrapper: ReturnType<typeof render>, id: string) => wrapper.get(`[data-field="${id}"]`);

describe('SignUpForm', () => {
  it('labels every input', () => {
    const wrapper = render();
    for (const [id, label] of [
      ['signup-name', 'Name'],
      ['signup-email', 'Email'],
      ['signup-password', 'Password'],
    ]) {
      expect(wrapper.get(`label[for="${id}"]`).text()).toContain(label);
      expect(wrapper.find(`input#${id}`).exists()).toBe(true);
    }
    wrapper.unmount();
  });

  it('shows each ValidationError message next to its own field and marks that input invalid', () => {
    const wrapper = render({
      fieldErrors: { email: 'must be an email address', password: 'must be at least 8 characters' },
      message: 'Check the highlighted fields.',
    });
    const email = field(wrapper, 'signup-email');
    const password = field(wrapper, 'signup-password');
    expect(email.text()).toContain('must be an email address');
    expect(email.text()).not.toContain('must be at least 8 characters');
    expect(password.text()).toContain('must be at least 8 characters');
    expect(password.text()).not.toContain('must be an email address');
    expect(field(wrapper, 'signup-name').text()).not.toMatch(/must be/);

    const emailInput = wrapper.get('input#signup-email');
    expect(emailInput.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`#${emailInput.attributes('aria-describedby')}`).text()).toBe('must be an email address');
    expect(wrapper.get('input#signup-name').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.get('[role="alert"]').text()).toBe('Check the highlighted fields.');
    wrapper.unmount();
  });

  it('shows a conflict or rate-limit message above the form without field errors', () => {
    const wrapper = render({ message: 'An account with this email already exists. Sign in instead.' });
    expect(wrapper.get('[role="alert"]').text()).toContain('already exists');
    expect(wrapper.findAll('[aria-invalid="true"]')).toHaveLength(0);
    wrapper.unmount();
  });

  it('emits the trimmed values on submit', async () => {
    const wrapper = render();
    await wrapper.get('input#signup-name').setValue('  Anna ');
    await wrapper.get('input#signup-email').setValue(' anna@example.com ');
    await wrapper.get('input#signup-password').setValue('secret-pass');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ name: 'Anna', email: 'anna@example.com', password: 'secret-pass', referralCode: '' }]]);
    wrapper.unmount();
  });

  it('does not submit twice while a sign-up is in flight', async () => {
    const wrapper = render({ loading: true });
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    wrapper.unmount();
  });

  it('speaks Russian when the locale is ru', () => {
    const wrapper = render({}, 'ru');
    expect(wrapper.get('label[for="signup-password"]').text()).toContain('Пароль');
    expect(wrapper.get('button').text()).toBe('Создать аккаунт');
    wrapper.unmount();
  });
});

describe('SignUpForm with an invitation code', () => {
  it('fills the code in, shows the server’s complaint on it, and lets the visitor clear it', async () => {
    const wrapper = render({ referralCode: 'NOPE', fieldErrors: { referralCode: 'unknown referral code' } });
    const input = wrapper.get('input#signup-referral');
    expect((input.element as HTMLInputElement).value).toBe('NOPE');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(field(wrapper, 'signup-referral').text()).toContain('unknown referral code');
    await wrapper.get('[data-test="clear-referral"]').trigger('click');
    expect((wrapper.get('input#signup-referral').element as HTMLInputElement).value).toBe('');
    expect(wrapper.emitted('clearReferral')).toHaveLength(1);
    await wrapper.get('input#signup-email').setValue('a@example.com');
    await wrapper.get('input#signup-password').setValue('secret-pass');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('submit')?.[0]).toEqual([{ name: '', email: 'a@example.com', password: 'secret-pass', referralCode: '' }]);
    wrapper.unmount();
  });

  it('has no code field on a plain sign-up', () => {
    const wrapper = render();
    expect(wrapper.find('input#signup-referral').exists()).toBe(false);
    wrapper.unmount();
  });
});
