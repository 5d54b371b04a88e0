import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { Router } from 'vue-router';
import { mountOptions, settle } from '../testing';
import SignUpPage from './SignUpPage.vue';

describe('SignUpPage from a referral link', () => {
  it('sends the code from ?ref= and explains an unknown one on its field', async () => {
    const options = mountOptions({
      MemberSignUp: () => ({
        memberSignUp: { __typename: 'ValidationError', fieldErrors: [{ __typename: 'FieldError', path: ['input', 'referralCode'], message: 'unknown referral code' }] },
      }),
    });
    const router = options.global.plugins[1] as Router;
    await router.push('/?ref=FRIEND01');
    const wrapper = mount(SignUpPage, { ...options, global: { ...options.global, stubs: { AuthCard: { template: '<div><slot /></div>' } } } });
    await settle();
    expect((wrapper.get('input#signup-referral').element as HTMLInputElement).value).toBe('FRIEND01');
    await wrapper.get('input#signup-email').setValue('friend@example.com');
    await wrapper.get('input#signup-password').setValue('secret-pass');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(options.calls.find((c) => c.operationName === 'MemberSignUp')?.variables.input).toMatchObject({ email: 'friend@example.com', referralCode: 'FRIEND01' });
    expect(wrapper.get('#signup-referral-feedback').text()).toBe('We do not know this code. Check it with your friend or remove it.');
    await wrapper.get('[data-test="clear-referral"]').trigger('click');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });
});
