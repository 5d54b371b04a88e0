import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import type { Router } from 'vue-router';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import CommunityPage from './CommunityPage.vue';
import NotificationsPage from './NotificationsPage.vue';
import SearchPage from './SearchPage.vue';
import TopicListPage from './TopicListPage.vue';
import { category, fakeEventStreams, profile, topicRow } from './testing';

afterEach(() => vi.unstubAllGlobals());

async function at(options: ReturnType<typeof mountOptions>, location: string) {
  const router = options.global.plugins[1] as Router;
  await router.push(location);
  return options;
}

describe('CommunityPage', () => {
  const home = (categories: object[], extra: object = {}) => ({ communityCategories: categories, communityUnreadNotifications: 2, communityProfile: profile(extra) });

  it('has loading, error and empty states', async () => {
    const loading = mount(CommunityPage, mountOptions({ CommunityHome: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(CommunityPage, mountOptions({ CommunityHome: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('The forum could not be loaded.');
    const empty = mount(CommunityPage, mountOptions({ CommunityHome: () => home([]) }));
    await settle();
    expect(empty.text()).toContain('No categories yet');
  });

  it('lists categories with their topic counts and who may post, the unread count and a running penalty', async () => {
    const wrapper = mount(
      CommunityPage,
      mountOptions({
        CommunityHome: () =>
          home([category('general'), category('news', { kind: 'ANNOUNCEMENTS', postPolicy: 'STAFF', topicCount: 1 }), category('gold', { postPolicy: 'TIER', minTierName: 'Gold' })], {
            penaltyKind: 'silence',
            penaltyEndsAt: '2099-01-05T14:00:00Z',
            penaltyReason: 'Spam links',
          }),
      }),
    );
    await settle();
    const cards = wrapper.findAll('[data-test="category"]');
    expect(cards.map((c) => c.attributes('data-slug'))).toEqual(['general', 'news', 'gold']);
    expect(cards[0].get('[data-test="topic-count"]').text()).toBe('3 topics');
    expect(cards[1].text()).toContain('Only the team posts here');
    expect(cards[2].text()).toContain('Gold and above can post');
    expect(wrapper.get('[data-test="unread"]').text()).toBe('2 unread');
    expect(wrapper.get('[data-test="penalty"]').text()).toMatch(/^You are silenced until Jan 5, 2099.*Reason: Spam links$/);
  });

  it('speaks Russian', async () => {
    const wrapper = mount(CommunityPage, mountOptions({ CommunityHome: () => home([category('general', { topicCount: 5 })]) }, 'ru'));
    await settle();
    expect(wrapper.get('h1').text()).toBe('Сообщество');
    expect(wrapper.get('[data-test="topic-count"]').text()).toBe('5 тем');
  });
});

describe('TopicListPage', () => {
  it('shows a category’s topics, asks for the order in the address, and counts topics started meanwhile', async () => {
    const live = fakeEventStreams();
    const options = await at(
      mountOptions({
        CommunityCategory: () => ({ communityCategory: category('general'), communityProfile: profile() }),
        CommunityTopics: () => ({ communityTopics: { edges: [{ node: topicRow('T1', { pinned: true }) }, { node: topicRow('T2', { closed: true, replyCount: 1 }) }], pageInfo: { hasNextPage: false, endCursor: null } } }),
      }),
      '/community/topics/general?order=TOP',
    );
    const wrapper = mount(TopicListPage, options);
    await settle();
    expect(options.calls.find((c) => c.operationName === 'CommunityTopics')?.variables).toEqual({ categoryId: 'cat-general', order: 'TOP', first: 20 });
    expect(wrapper.get('h1').text()).toBe('Category general');
    expect(wrapper.get('[aria-current="page"]').attributes('data-order')).toBe('TOP');
    const rows = wrapper.findAll('[data-test="topic-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].find('[data-state="pinned"]').exists()).toBe(true);
    expect(rows[1].get('[data-test="reply-count"]').text()).toBe('1 reply');
    expect(wrapper.find('[data-test="new-topic"]').exists()).toBe(true);

    expect(live.requests[0].variables).toEqual({ categoryId: 'cat-general' });
    // Sent by its listed hash, not as text.
    expect(live.requests[0].hash).toMatch(/^sha256:/);
    expect(live.requests[0].query).toContain('communityTopicAdded');
    live.push({ communityTopicAdded: { __typename: 'CommunityTopic', id: 'T9', title: 'New' } });
    live.push({ communityTopicAdded: { __typename: 'CommunityTopic', id: 'T1', title: 'Already listed' } });
    await settle();
    expect(wrapper.get('[data-test="fresh-topics"]').text()).toBe('1 new topic — show');
  });

  it('says why a member cannot start a topic, and what an empty list means', async () => {
    const options = await at(
      mountOptions({
        CommunityCategory: () => ({ communityCategory: category('gold', { postPolicy: 'TIER', minTierName: 'Gold', viewerCanPost: false }), communityProfile: profile() }),
        CommunityTopics: () => ({ communityTopics: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } }),
      }),
      '/community/topics/gold?order=UNANSWERED',
    );
    fakeEventStreams();
    const wrapper = mount(TopicListPage, options);
    await settle();
    expect(wrapper.find('[data-test="new-topic"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="post-policy"]').text()).toBe('Gold and above can post');
    expect(wrapper.text()).toContain('Every topic has a reply');
  });

  it('lists every category’s topics without a slug, and has loading and error states', async () => {
    const loading = mount(TopicListPage, await at(mountOptions({ CommunityTopics: () => PENDING }), '/community/topics'));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(TopicListPage, await at(mountOptions({ CommunityTopics: () => networkError() }), '/community/topics'));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('The topics could not be loaded.');
    const all = mount(TopicListPage, await at(mountOptions({ CommunityTopics: () => ({ communityTopics: { edges: [{ node: topicRow('T1') }], pageInfo: { hasNextPage: true, endCursor: 'c1' } } }) }), '/community/topics'));
    await settle();
    expect(all.get('h1').text()).toBe('All topics');
    expect(all.get('[data-test="topic-row"]').text()).toContain('Category general');
    expect(all.find('[data-test="more-topics"]').exists()).toBe(true);
  });
});

describe('NotificationsPage', () => {
  const note = (id: string, type: string, read: boolean) => ({
    __typename: 'CommunityNotification',
    id,
    type,
    actorName: 'Boris P.',
    createdAt: new Date().toISOString(),
    read,
    topic: { __typename: 'CommunityTopic', id: 'T1', title: 'Points' },
    post: { __typename: 'CommunityPost', id: 'P3', postNumber: 3 },
  });

  it('lists notifications in words and marks them all read', async () => {
    let unread = 1;
    const options = mountOptions({
      CommunityNotifications: () => ({ communityNotifications: [note('1', 'mention', unread === 0), note('2', 'reaction', true)], communityUnreadNotifications: unread }),
      MarkCommunityNotificationsRead: () => ((unread = 0), { markCommunityNotificationsRead: 1 }),
    });
    const wrapper = mount(NotificationsPage, options);
    await settle();
    const items = wrapper.findAll('[data-test="notification"]');
    expect(items[0].text()).toContain('Boris P. mentioned you in Points');
    expect(items[0].attributes('data-read')).toBe('false');
    expect(items[1].text()).toContain('Boris P. reacted to your post in');
    await wrapper.get('[data-test="mark-all"]').trigger('click');
    await settle();
    expect(options.calls.find((c) => c.operationName === 'MarkCommunityNotificationsRead')?.variables).toEqual({ ids: null });
    expect(wrapper.find('[data-test="mark-all"]').exists()).toBe(false);
  });

  it('has an empty state', async () => {
    const wrapper = mount(NotificationsPage, mountOptions({ CommunityNotifications: () => ({ communityNotifications: [], communityUnreadNotifications: 0 }) }));
    await settle();
    expect(wrapper.text()).toContain('No notifications yet');
  });
});

describe('SearchPage', () => {
  it('searches for the words in the address and shows hits as plain text', async () => {
    const options = await at(
      mountOptions({
        CommunitySearch: ({ query }) => ({
          communitySearch:
            query === 'grinder'
              ? [
                  {
                    topic: { __typename: 'CommunityTopic', id: 'T1', title: 'Coffee', category: { __typename: 'CommunityCategory', id: 'c', name: 'General', color: '#000000' } },
                    post: { __typename: 'CommunityPost', id: 'P1', postNumber: 1, html: '<p>The <strong>grinder</strong> is great</p>', hidden: false, deleted: false, createdAt: new Date().toISOString(), author: { __typename: 'CommunityAuthor', displayName: 'Anna I.' } },
                  },
                ]
              : [],
        }),
      }),
      '/community/search?q=grinder',
    );
    const wrapper = mount(SearchPage, options);
    await settle();
    expect(wrapper.get('[role="status"]').text()).toBe('1 result');
    expect(wrapper.get('[data-test="search-hit"]').text()).toContain('The grinder is great');
    expect(wrapper.find('[data-test="search-hit"] strong').exists()).toBe(false);
    await (options.global.plugins[1] as Router).push('/community/search?q=nothing');
    await settle();
    expect(wrapper.get('[role="status"]').text()).toBe('Nothing found for “nothing”.');
  });
});
