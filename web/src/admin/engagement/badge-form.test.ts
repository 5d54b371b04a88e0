import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import BadgeForm from './BadgeForm.vue';
import BadgeGrantPanel from './BadgeGrantPanel.vue';
import { emptyBadge, imageIssue, toBadgeInput } from './badge-form';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const SVG = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg"/>')}`;

describe('badge form values', () => {
  it('takes an https link or a small PNG/SVG data URL, and nothing else', () => {
    expect(imageIssue('')).toBeNull();
    expect(imageIssue('https://cdn.example.com/star.svg')).toBeNull();
    expect(imageIssue(SVG)).toBeNull();
    expect(imageIssue('http://cdn.example.com/star.svg')).toBe('image');
    expect(imageIssue('data:image/gif;base64,R0lGOD')).toBe('image');
    expect(imageIssue(`data:image/png;base64,${'A'.repeat(64_001)}`)).toBe('tooLong');
  });

  it('needs a name and a code flows can use', () => {
    expect(toBadgeInput(emptyBadge()).issues).toMatchObject({ name: { key: 'required' }, code: { key: 'required' } });
    expect(toBadgeInput({ ...emptyBadge(), name: 'Star', code: 'Star!' }).issues.code?.key).toBe('code');
    expect(toBadgeInput({ ...emptyBadge(), name: 'x'.repeat(201), code: 'star' }).issues.name).toEqual({ key: 'tooLong', values: { max: 200 } });
    expect(toBadgeInput({ ...emptyBadge(), name: ' Star ', code: 'star', image: SVG })).toEqual({ input: { code: 'star', name: 'Star', description: '', image: SVG, status: 'ACTIVE' }, issues: {} });
  });
});

describe('badge form', () => {
  it('shows a wrong icon link on its field and sends nothing', async () => {
    const wrapper = mount(BadgeForm, { global: { plugins: [i18n()] } });
    await wrapper.find('#badge-name').setValue('Star');
    await wrapper.find('#badge-code').setValue('star');
    await wrapper.find('#badge-image').setValue('ftp://example.com/star.png');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="badge-image"]').text()).toContain('Use an https:// link');
  });

  it('shows the server’s ValidationError in Russian around it', async () => {
    const wrapper = mount(BadgeForm, { props: { initial: { ...emptyBadge(), name: 'Star', code: 'star' }, editing: true, fieldErrors: { image: 'an SVG image may not contain scripts' } }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.find('[data-field="badge-image"]').text()).toContain('may not contain scripts');
    expect(wrapper.find('[data-testid="badge-submit"]').text()).toBe('Сохранить');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ code: 'star', name: 'Star' });
  });
});

describe('badge grant panel', () => {
  const props = { results: [], searching: false, member: null, held: [], badges: [{ id: 'b1', name: 'Star' }, { id: 'b2', name: 'Moon' }], badgeId: '', busy: false, message: null };

  it('searches members and picks one', async () => {
    const wrapper = mount(BadgeGrantPanel, { props: { ...props, results: [{ id: 'm1', name: 'Anna', email: 'anna@demo.patron.local' }] }, global: { plugins: [i18n()] } });
    await wrapper.find('#grant-search').setValue('an');
    expect(wrapper.emitted('search')).toEqual([['an']]);
    await wrapper.find('[data-testid="grant-results"] button').trigger('click');
    expect(wrapper.emitted('choose')![0][0]).toMatchObject({ id: 'm1' });
  });

  it('grants a badge the member lacks and takes back one they hold', async () => {
    const member = { id: 'm1', name: 'Anna', email: 'anna@demo.patron.local' };
    const held = [{ awardedAt: '2026-03-01T10:00:00.000Z', source: 'STAFF' as const, badge: { id: 'b1', name: 'Star', image: null } }];
    const wrapper = mount(BadgeGrantPanel, { props: { ...props, member, held, badgeId: 'b1' }, global: { plugins: [i18n()] } });
    expect(wrapper.find('[data-testid="grant-held"]').text()).toContain('by staff');
    expect(wrapper.find('#grant-badge').text()).toContain('Star (held)');
    expect(wrapper.find('[data-testid="grant-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.setProps({ badgeId: 'b2' });
    await wrapper.find('[data-testid="grant-submit"]').trigger('click');
    expect(wrapper.emitted('grant')).toEqual([['b2']]);
    await wrapper.find('[data-testid="grant-revoke"]').trigger('click');
    expect(wrapper.emitted('revoke')).toEqual([['b1']]);
  });
});
