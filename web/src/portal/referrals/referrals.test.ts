import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import ReferralsPage from './ReferralsPage.vue';
import { absoluteLink, shareTargets } from './share-links';

const terms = { __typename: 'ReferralTerms', minPurchaseMinor: 50000, monthlyCap: 10, windowDays: 30, program: { __typename: 'Program', id: 'UDox', currency: 'RUB' } };
const member = (referrals: object[] = []) => ({
  __typename: 'Member',
  id: 'TWVtYmVyOjE=',
  referralCode: 'ANNA2024',
  referralLink: '/join?ref=ANNA2024',
  referrals,
});
const friend = (id: string, name: string, status: string) => ({ __typename: 'Referral', id, refereeName: name, status, createdAt: '2026-11-02T10:00:00Z', qualifiedAt: null });

afterEach(() => vi.unstubAllGlobals());

describe('ReferralsPage', () => {
  it('shows loading, then an error with a retry', async () => {
    const loading = mount(ReferralsPage, mountOptions({ PortalReferrals: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(ReferralsPage, mountOptions({ PortalReferrals: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('Your invitations could not be loaded.');
  });

  it('shows the whole link, the code, the terms, and says when no friend has joined yet', async () => {
    const wrapper = mount(ReferralsPage, mountOptions({ PortalReferrals: () => ({ viewer: member(), referralTerms: terms }) }));
    await settle();
    expect(wrapper.get('[data-test="referral-link"]').text()).toMatch(/^https?:\/\/.+\/join\?ref=ANNA2024$/);
    expect(wrapper.get('[data-test="referral-code"]').text()).toBe('ANNA2024');
    expect(wrapper.text()).toContain('No friends yet');
    const termsText = wrapper.get('[data-test="terms"]').text();
    expect(termsText).toContain('at least RUB');
    expect(termsText).toContain('within 30 days');
    expect(termsText).toContain('Up to 10 invitations');
  });

  it('lists friends with their status', async () => {
    const wrapper = mount(
      ReferralsPage,
      mountOptions({ PortalReferrals: () => ({ viewer: member([friend('MQ==', 'Борис П.', 'QUALIFIED'), friend('Mg==', 'Вера С.', 'PENDING')]), referralTerms: terms }) }),
    );
    await settle();
    const rows = wrapper.findAll('[data-test="friend"]');
    expect(rows.map((r) => r.text())).toEqual([expect.stringContaining('Борис П.'), expect.stringContaining('Вера С.')]);
    expect(rows[0].text()).toContain('Counted');
    expect(rows[1].text()).toContain('Waiting for the first purchase');
  });

  it('copies the link, and offers messenger links when the browser cannot share', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText }, share: undefined });
    const wrapper = mount(ReferralsPage, mountOptions({ PortalReferrals: () => ({ viewer: member(), referralTerms: terms }) }));
    await settle();
    await wrapper.get('[data-test="copy-link"]').trigger('click');
    await settle();
    expect(writeText).toHaveBeenCalledWith(expect.stringMatching(/\/join\?ref=ANNA2024$/));
    expect(wrapper.get('[role="status"]').text()).toBe('Copied.');
    expect(wrapper.findAll('[data-share]').map((a) => a.attributes('data-share'))).toEqual(['telegram', 'whatsapp', 'vk', 'email']);
    expect(wrapper.find('[data-test="share"]').exists()).toBe(false);
  });

  it('uses the share sheet when there is one', async () => {
    const share = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, share });
    const wrapper = mount(ReferralsPage, mountOptions({ PortalReferrals: () => ({ viewer: member(), referralTerms: terms }) }));
    await settle();
    expect(wrapper.find('[data-share]').exists()).toBe(false);
    await wrapper.get('[data-test="share"]').trigger('click');
    expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/ref=ANNA2024$/) }));
  });

  it('speaks Russian', async () => {
    const wrapper = mount(ReferralsPage, mountOptions({ PortalReferrals: () => ({ viewer: member([friend('MQ==', 'Борис П.', 'PENDING')]), referralTerms: terms }) }, 'ru'));
    await settle();
    expect(wrapper.get('h1').text()).toBe('Пригласите друзей');
    expect(wrapper.get('[data-test="friend"]').text()).toContain('Ждём первую покупку');
  });
});

describe('share links', () => {
  it('makes a relative link whole and encodes it for each messenger', () => {
    expect(absoluteLink('/join?ref=A1', 'https://shop.example')).toBe('https://shop.example/join?ref=A1');
    expect(absoluteLink('https://x.example/join?ref=A1', 'https://shop.example')).toBe('https://x.example/join?ref=A1');
    const [telegram, whatsapp, vk, email] = shareTargets('https://s.example/join?ref=A1', 'Join: https://s.example/join?ref=A1', 'Invite', 'Email');
    expect(telegram.href).toBe('https://t.me/share/url?url=https%3A%2F%2Fs.example%2Fjoin%3Fref%3DA1&text=Join%3A');
    expect(whatsapp.href).toContain('https://wa.me/?text=Join%3A%20https%3A%2F%2Fs.example');
    expect(vk.href).toBe('https://vk.com/share.php?url=https%3A%2F%2Fs.example%2Fjoin%3Fref%3DA1');
    expect(email.href).toMatch(/^mailto:\?subject=Invite&body=/);
  });
});
