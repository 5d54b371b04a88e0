import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { Router } from 'vue-router';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import ForgotPasswordPage from './ForgotPasswordPage.vue';
import ResetPasswordPage from './ResetPasswordPage.vue';

const stubs = { AuthCard: { template: '<div><slot /><slot name="footer" /></div>' }, RouterLink: { props: ['to'], template: '<a :data-to="to.name"><slot /></a>' } };

async function mountReset(handlers: Parameters<typeof mountOptions>[0], query = '?token=pwr_abc', locale: 'en' | 'ru' = 'en') {
  const options = mountOptions(handlers, locale);
  const router = options.global.plugins[1] as Router;
  await router.push(`/${query}`);
  const wrapper = mount(ResetPasswordPage, { ...options, global: { ...options.global, stubs } });
  await settle();
  return { wrapper, options, router };
}

describe('ForgotPasswordPage', () => {
  it('says a link is on its way without saying whether the account exists', async () => {
    const options = mountOptions({ RequestPasswordReset: () => ({ requestMemberPasswordReset: { __typename: 'PasswordResetRequested', accepted: true } }) });
    const wrapper = mount(ForgotPasswordPage, { ...options, global: { ...options.global, stubs } });
    await wrapper.get('input#forgot-email').setValue('  anna@example.com ');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(options.calls.find((c) => c.operationName === 'RequestPasswordReset')?.variables).toEqual({ input: { email: 'anna@example.com' } });
    expect(wrapper.get('[data-test="reset-sent"]').text()).toContain('If an account uses anna@example.com, a link is on its way.');
  });

  it('shows a rate limit, a bad address and a network failure', async () => {
    for (const [answer, text] of [
      [{ requestMemberPasswordReset: { __typename: 'RateLimitedError', retryAfterSeconds: 120 } }, '120'],
      [networkError(), 'could not be reached'],
    ] as const) {
      const options = mountOptions({ RequestPasswordReset: () => answer });
      const wrapper = mount(ForgotPasswordPage, { ...options, global: { ...options.global, stubs } });
      await wrapper.get('input#forgot-email').setValue('anna@example.com');
      await wrapper.get('form').trigger('submit');
      await settle();
      expect(wrapper.get('[role="alert"]').text().toLowerCase()).toContain(text);
      expect(wrapper.find('[data-test="reset-sent"]').exists()).toBe(false);
    }
    const options = mountOptions({ RequestPasswordReset: () => ({ requestMemberPasswordReset: { __typename: 'ValidationError', fieldErrors: [{ __typename: 'FieldError', path: ['input', 'email'], message: 'must be an email address' }] } }) });
    const wrapper = mount(ForgotPasswordPage, { ...options, global: { ...options.global, stubs } });
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.find('#forgot-email-feedback').exists()).toBe(true);
  });
});

describe('ResetPasswordPage', () => {
  it('takes the token off the address bar, sets the password and goes to the wallet', async () => {
    const { wrapper, options, router } = await mountReset({
      ResetPassword: () => ({ resetMemberPassword: { __typename: 'MemberSession', member: { __typename: 'Member', id: 'TWVtYmVyOjE=', name: 'Anna', email: 'anna@example.com', locale: 'en' } } }),
    });
    expect(router.currentRoute.value.query.token).toBeUndefined();
    await wrapper.get('input#reset-password').setValue('new-password-1');
    await wrapper.get('input#reset-repeat').setValue('new-password-1');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(options.calls.find((c) => c.operationName === 'ResetPassword')?.variables).toEqual({ input: { token: 'pwr_abc', newPassword: 'new-password-1' } });
    expect(router.currentRoute.value.name).toBe('portal-home');
  });

  it('catches two different passwords before asking the server', async () => {
    const { wrapper, options } = await mountReset({ ResetPassword: () => PENDING });
    await wrapper.get('input#reset-password').setValue('new-password-1');
    await wrapper.get('input#reset-repeat').setValue('new-password-2');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.get('#reset-repeat-feedback').text()).toBe('The two passwords differ.');
    expect(options.calls.some((c) => c.operationName === 'ResetPassword')).toBe(false);
  });

  it('explains a spent or expired link and a short password', async () => {
    const { wrapper } = await mountReset({ ResetPassword: () => ({ resetMemberPassword: { __typename: 'InvalidResetTokenError', message: 'no' } }) });
    await wrapper.get('input#reset-password').setValue('new-password-1');
    await wrapper.get('input#reset-repeat').setValue('new-password-1');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.get('[data-test="reset-invalid"]').text()).toContain('This link is not valid any more');
    expect(wrapper.get('[data-test="reset-invalid"] a').attributes('data-to')).toBe('portal-forgot');
    expect(wrapper.find('form').exists()).toBe(false);
    const short = await mountReset({ ResetPassword: () => ({ resetMemberPassword: { __typename: 'ValidationError', fieldErrors: [{ __typename: 'FieldError', path: ['input', 'newPassword'], message: 'must be at least 8 characters' }] } }) });
    await short.wrapper.get('input#reset-password').setValue('short');
    await short.wrapper.get('input#reset-repeat').setValue('short');
    await short.wrapper.get('form').trigger('submit');
    await settle();
    expect(short.wrapper.get('#reset-password-feedback').text()).toContain('8');
  });

  it('without a token, says to open the link from the email (in Russian too)', async () => {
    const { wrapper } = await mountReset({}, '', 'ru');
    expect(wrapper.get('[data-test="reset-invalid"]').text()).toContain('нужна ссылка из письма');
    expect(wrapper.find('form').exists()).toBe(false);
  });
});
