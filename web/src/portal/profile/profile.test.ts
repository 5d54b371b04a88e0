import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import { changedFields } from './profile-form';
import ProfilePage from './ProfilePage.vue';

const profile = {
  __typename: 'Member',
  id: 'TWVtYmVyOjE=',
  name: 'Анна Иванова',
  email: 'anna@example.com',
  phone: '+79990000001',
  birthday: '1990-05-17',
  locale: 'en',
  consentEmail: true,
  consentSms: false,
};

describe('ProfilePage', () => {
  it('shows a placeholder while loading and a message when loading fails', async () => {
    const loading = mount(ProfilePage, mountOptions({ PortalProfile: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(ProfilePage, mountOptions({ PortalProfile: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('Your profile could not be loaded.');
  });

  it('fills the form with what the member told us; email is read-only', async () => {
    const wrapper = mount(ProfilePage, mountOptions({ PortalProfile: () => ({ viewer: profile }) }));
    await settle();
    expect((wrapper.get('#profile-name').element as HTMLInputElement).value).toBe('Анна Иванова');
    expect((wrapper.get('#profile-phone').element as HTMLInputElement).type).toBe('tel');
    expect((wrapper.get('#profile-birthday').element as HTMLInputElement).value).toBe('1990-05-17');
    expect(wrapper.get('#profile-email').attributes('readonly')).toBeDefined();
    expect((wrapper.get('input[name="consentEmail"]').element as HTMLInputElement).checked).toBe(true);
  });

  it('saves only what changed and says so', async () => {
    const options = mountOptions({
      PortalProfile: () => ({ viewer: profile }),
      UpdateMyProfile: (variables) => ({ updateMember: { ...profile, ...(variables.input as object) } }),
    });
    const wrapper = mount(ProfilePage, options);
    await settle();
    await wrapper.get('#profile-phone').setValue('+7 999 000-00-02');
    await wrapper.get('input[name="consentSms"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await settle();
    const call = options.calls.find((c) => c.operationName === 'UpdateMyProfile');
    expect(call?.variables).toEqual({ id: 'TWVtYmVyOjE=', input: { phone: '+7 999 000-00-02', consentSms: true } });
    expect(wrapper.get('[role="status"]').text()).toBe('Saved.');
  });

  it('puts the server’s complaint under the field', async () => {
    const wrapper = mount(
      ProfilePage,
      mountOptions({
        PortalProfile: () => ({ viewer: profile }),
        UpdateMyProfile: () => ({ updateMember: { __typename: 'ValidationError', fieldErrors: [{ __typename: 'FieldError', path: ['input', 'phone'], message: 'must be a phone number' }] } }),
      }),
    );
    await settle();
    await wrapper.get('#profile-phone').setValue('abc');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.get('#profile-phone').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#profile-phone-feedback').text()).toBe('must be a phone number');
    expect(wrapper.get('form [role="alert"]').text()).toBe('Check the highlighted fields.');
  });
});

describe('changedFields', () => {
  it('trims text and leaves unchanged fields out', () => {
    const before = { name: 'A', phone: '', birthday: '', locale: 'en' as const, consentEmail: false, consentSms: false };
    expect(changedFields(before, { ...before, name: ' A ', phone: ' 1 ' })).toEqual({ phone: '1' });
  });
});
