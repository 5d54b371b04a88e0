import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ReviewQueueList, { type ReviewItem } from './ReviewQueueList.vue';
import { mountOptions, post } from './testing';

const item = (overrides: Partial<ReviewItem['post']> = {}): ReviewItem => ({
  post: post(overrides),
  topic: { id: 'Q29tbXVuaXR5VG9waWM6MQ==', title: 'Which coffee beans do you like?' },
  flags: [
    { reason: 'SPAM', note: null, weight: 1, createdAt: '2026-03-01T11:00:00.000Z', flaggedBy: { displayName: 'Anna I.', isStaff: false } },
    { reason: 'OTHER', note: 'Links to a shop', weight: 0, createdAt: '2026-03-01T12:00:00.000Z', flaggedBy: { displayName: 'Oleg S.', isStaff: false } },
  ],
});
const list = (props: Record<string, unknown>, locale: 'en' | 'ru' = 'en') => mount(ReviewQueueList, { props: { items: [], loading: false, error: null, busyPostId: null, ...props }, ...mountOptions(locale) });

describe('review queue', () => {
  it("links a member author to their community record, and not a staff author", () => {
    const member = list({ items: [item()] });
    expect(member.find('[data-testid="author-record"]').exists()).toBe(true);
    expect(member.find('[data-testid="author-record"]').text()).toBe('Ivan P.');
    const staff = list({ items: [item({ author: { memberId: null, displayName: 'Maria', username: null, tierName: null, isStaff: true } })] });
    expect(staff.find('[data-testid="author-record"]').exists()).toBe(false);
  });

  it('shows loading, then an empty queue that says what to do next', () => {
    expect(list({ loading: true }).find('[data-test="loading"]').exists()).toBe(true);
    const empty = list({});
    expect(empty.text()).toContain('Nothing to review');
    expect(empty.find('a').attributes('href')).toBe('/to/admin-community-topics');
  });

  it('shows a load error with a retry', async () => {
    const wrapper = list({ error: new Error('boom') });
    expect(wrapper.text()).toContain('The review queue could not be loaded.');
    await wrapper.find('button').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('shows each post with its flags: reason, note, who and weight', () => {
    const wrapper = list({ items: [item()] });
    expect(wrapper.text()).toContain('In “Which coffee beans do you like?”');
    expect(wrapper.text()).toContain('Buy cheap watches');
    const flags = wrapper.findAll('[data-testid="review-flag"]');
    expect(flags).toHaveLength(2);
    expect(flags[0].text()).toContain('Spam');
    expect(flags[0].text()).toContain('Anna I. · weight 1');
    expect(flags[1].text()).toContain('Links to a shop');
  });

  it('emits the decision for the post, and words it by whether the post is hidden', async () => {
    const visible = list({ items: [item()] });
    expect(visible.find('[data-testid="review-agree"]').text()).toBe('Agree, hide');
    await visible.find('[data-testid="review-agree"]').trigger('click');
    await visible.find('[data-testid="review-defer"]').trigger('click');
    expect(visible.emitted('decide')).toEqual([
      [post().id, 'AGREE'],
      [post().id, 'DEFER'],
    ]);
    const hidden = list({ items: [item({ hidden: true, hiddenReason: 'flags' })] }, 'ru');
    expect(hidden.text()).toContain('Скрыт жалобами участников до проверки');
    expect(hidden.find('[data-testid="review-disagree"]').text()).toBe('Отклонить и вернуть');
    await hidden.find('[data-testid="review-disagree"]').trigger('click');
    expect(hidden.emitted('decide')).toEqual([[post().id, 'DISAGREE']]);
  });

  it('holds every verdict while one is being sent', () => {
    const wrapper = list({ items: [item()], busyPostId: post().id });
    expect(wrapper.find('[data-testid="review-disagree"]').attributes('disabled')).toBeDefined();
  });
});
