import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { mountOptions, networkError, settle } from '../testing';
import PrivacySection from './PrivacySection.vue';

afterEach(() => vi.restoreAllMocks());

describe('PrivacySection', () => {
  it('downloads the member’s data as patron-my-data.json', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const wrapper = mount(PrivacySection, mountOptions({ MemberData: () => ({ memberData: { member: { email: 'anna@example.com' } } }) }));
    await wrapper.get('[data-test="download-data"]').trigger('click');
    await settle();
    expect(clicked).toEqual(['patron-my-data.json']);
    expect(JSON.parse(await created[0].text())).toEqual({ member: { email: 'anna@example.com' } });
    expect(wrapper.get('[role="status"]').text()).toContain('patron-my-data.json');
  });

  it('says so when the download fails', async () => {
    const wrapper = mount(PrivacySection, mountOptions({ MemberData: () => networkError() }));
    await wrapper.get('[data-test="download-data"]').trigger('click');
    await settle();
    expect(wrapper.get('[role="alert"]').text()).toBeTruthy();
  });

  it('asks for the password, shows a wrong one on the field, and signs out after deleting', async () => {
    const options = mountOptions({
      DeleteMyAccount: (v) =>
        v.password === 'right-password'
          ? { deleteMyAccount: { __typename: 'AccountDeleted', deleted: true } }
          : { deleteMyAccount: { __typename: 'InvalidCredentialsError', message: 'wrong' } },
      Viewer: () => ({ viewer: null }),
    });
    const router = options.global.plugins[1] as import('vue-router').Router;
    const wrapper = mount(PrivacySection, { ...options, attachTo: document.body });
    await wrapper.get('[data-test="delete-account"]').trigger('click');
    await settle();
    expect(wrapper.get('#delete-account-title').text()).toBe('Delete your account?');
    expect(options.calls.some((c) => c.operationName === 'DeleteMyAccount')).toBe(false);
    await wrapper.get('#delete-password').setValue('oops');
    await wrapper.get('[data-test="delete-form"]').trigger('submit');
    await settle();
    expect(wrapper.get('#delete-password').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#delete-password-feedback').text()).toBe('Wrong password.');
    await wrapper.get('#delete-password').setValue('right-password');
    await wrapper.get('[data-test="delete-form"]').trigger('submit');
    await settle();
    expect(router.currentRoute.value.name).toBe('portal-signin');
    expect(router.currentRoute.value.query).toEqual({ deleted: '1' });
    wrapper.unmount();
  });

  it('speaks Russian', () => {
    const wrapper = mount(PrivacySection, mountOptions({}, 'ru'));
    expect(wrapper.get('[data-test="download-data"]').text()).toBe('Скачать мои данные');
    expect(wrapper.get('[data-test="delete-account"]').text()).toBe('Удалить аккаунт');
  });
});
