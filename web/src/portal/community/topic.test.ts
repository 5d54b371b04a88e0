import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import type { Router } from 'vue-router';
import { PENDING, mountOptions, networkError, settle, type Handlers } from '../testing';
import TopicPage from './TopicPage.vue';
import { author, fakeEventStreams, post, topicAnswer } from './testing';

let live: ReturnType<typeof fakeEventStreams>;
beforeEach(() => {
  live = fakeEventStreams();
  localStorage.clear();
});
afterEach(() => vi.unstubAllGlobals());

async function open(handlers: Handlers, locale: 'en' | 'ru' = 'en') {
  const options = mountOptions({ MarkCommunityTopicRead: () => ({ markCommunityTopicRead: { __typename: 'CommunityTopic' } }), ...handlers }, locale);
  await (options.global.plugins[1] as Router).push('/community/t/T1');
  const wrapper = mount(TopicPage, { ...options, attachTo: document.body });
  await settle();
  return { wrapper, calls: options.calls };
}

describe('TopicPage', () => {
  it('has loading, error and not-found states', async () => {
    const loading = await open({ CommunityTopic: () => PENDING });
    expect(loading.wrapper.find('[data-test="loading"]').exists()).toBe(true);
    const failed = await open({ CommunityTopic: () => networkError() });
    expect(failed.wrapper.get('[role="alert"]').text()).toContain('The topic could not be loaded.');
    const missing = await open({ CommunityTopic: () => ({ node: null, communityProfile: topicAnswer([]).communityProfile }) });
    expect(missing.wrapper.text()).toContain('This topic does not exist');
  });

  it('shows posts with their authors, reactions and placeholders for hidden and deleted ones', async () => {
    const { wrapper } = await open({
      CommunityTopic: () =>
        topicAnswer([
          post(1, { author: author('Team Ann', { isStaff: true }), reactions: [{ __typename: 'CommunityReactionCount', reaction: 'LIKE', count: 3, mine: true }] }),
          post(2, { author: author('Boris P.', { tierName: 'Gold', badges: [{ __typename: 'MemberBadge', badge: { __typename: 'Badge', id: 'B1', name: 'First post', image: null } }] }), replyToPostNumber: 1 }),
          post(3, { hidden: true, hiddenReason: null, html: null }),
          post(4, { deleted: true, html: null }),
        ]),
    });
    const posts = wrapper.findAll('[data-test="post"]');
    expect(posts).toHaveLength(4);
    expect(posts[0].find('[data-test="staff-badge"]').text()).toBe('Team');
    expect(posts[0].get('[data-test="post-body"]').html()).toContain('<p>Post number 1</p>');
    const like = posts[0].get('[data-reaction="LIKE"]');
    expect(like.attributes('aria-pressed')).toBe('true');
    expect(like.attributes('aria-label')).toBe('Like: 3, yours');
    expect(posts[1].get('[data-test="author-tier"]').text()).toBe('Gold');
    expect(posts[1].get('[data-test="author-badge"]').text()).toBe('First post');
    expect(posts[1].text()).toContain('in reply to #1');
    expect(posts[2].get('[data-test="placeholder"]').text()).toBe('This post was hidden after members flagged it and is awaiting a moderator’s review.');
    expect(posts[2].find('[data-reaction]').exists()).toBe(false);
    expect(posts[3].get('[data-test="placeholder"]').text()).toBe('This post was deleted.');
  });

  it('toggles a reaction: adds one not given, removes one given', async () => {
    const { wrapper, calls } = await open({
      CommunityTopic: () => topicAnswer([post(1, { reactions: [{ __typename: 'CommunityReactionCount', reaction: 'HEART', count: 1, mine: true }] })]),
      ReactToCommunityPost: () => ({ reactToCommunityPost: { __typename: 'CommunityPost', id: 'post-1', reactions: [{ __typename: 'CommunityReactionCount', reaction: 'HEART', count: 1, mine: true }, { __typename: 'CommunityReactionCount', reaction: 'WOW', count: 1, mine: true }] } }),
      RemoveCommunityReaction: () => ({ removeCommunityReaction: { __typename: 'CommunityPost', id: 'post-1', reactions: [{ __typename: 'CommunityReactionCount', reaction: 'WOW', count: 1, mine: true }] } }),
    });
    await wrapper.get('[data-reaction="WOW"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-reaction="WOW"]').attributes('aria-pressed')).toBe('true');
    await wrapper.get('[data-reaction="HEART"]').trigger('click');
    await settle();
    expect(calls.filter((c) => /Reaction|React/.test(c.operationName)).map((c) => [c.operationName, c.variables])).toEqual([
      ['ReactToCommunityPost', { postId: 'post-1', reaction: 'WOW' }],
      ['RemoveCommunityReaction', { postId: 'post-1', reaction: 'HEART' }],
    ]);
    expect(wrapper.get('[data-reaction="HEART"]').attributes('aria-pressed')).toBe('false');
  });

  it('says why replying is off in a closed or locked topic, and freezes reactions when locked', async () => {
    const closed = await open({ CommunityTopic: () => topicAnswer([post(1)], { closed: true, viewerCanReply: false }) });
    expect(closed.wrapper.get('[data-test="reply-blocked"]').text()).toBe('This topic is closed: no new replies.');
    expect(closed.wrapper.find('[data-test="composer-body"]').exists()).toBe(false);
    expect(closed.wrapper.find('[data-state="closed"]').exists()).toBe(true);
    const locked = await open({ CommunityTopic: () => topicAnswer([post(1)], { locked: true, viewerCanReply: false }) });
    expect(locked.wrapper.get('[data-test="reply-blocked"]').text()).toContain('A moderator locked this topic');
    expect(locked.wrapper.get('[data-reaction="LIKE"]').attributes('disabled')).toBeDefined();
  });

  it('tells a silenced member until when, instead of the composer', async () => {
    const { wrapper } = await open({ CommunityTopic: () => topicAnswer([post(1)], {}, { penaltyKind: 'silence', penaltyEndsAt: '2099-03-01T09:30:00Z' }) });
    expect(wrapper.get('[data-test="penalty"]').text()).toMatch(/^You are silenced until Mar 1, 2099/);
    expect(wrapper.find('[data-test="composer-body"]').exists()).toBe(false);
  });

  it('replies, shows a typed error in words, and clears the draft when sent', async () => {
    let n = 0;
    const { wrapper, calls } = await open({
      CommunityTopic: () => topicAnswer([post(1)]),
      ReplyToCommunityTopic: () =>
        ++n === 1
          ? { replyToCommunityTopic: { __typename: 'RateLimitedError', message: 'slow down', retryAfterSeconds: 100 } }
          : { replyToCommunityTopic: post(2, { html: '<p>My reply</p>', viewerIsAuthor: true, author: author('Anna I.') }) },
    });
    await wrapper.get('[data-test="composer-body"]').setValue('My reply');
    await wrapper.get('[data-test="composer-submit"]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-test="composer-error"]').text()).toBe('You are posting too fast. Try again in 2 min.');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(localStorage.getItem('patron.forum.draft.topic:T1')).toContain('My reply');
    await wrapper.get('[data-test="composer-submit"]').trigger('submit');
    await settle();
    expect(calls.filter((c) => c.operationName === 'ReplyToCommunityTopic')[1].variables).toEqual({ input: { topicId: 'T1', body: 'My reply', replyToPostNumber: null } });
    expect(wrapper.findAll('[data-test="post"]')).toHaveLength(2);
    expect((wrapper.get('[data-test="composer-body"]').element as HTMLTextAreaElement).value).toBe('');
    expect(localStorage.getItem('patron.forum.draft.topic:T1')).toBeNull();
  });

  it('quotes a post into the composer as markdown and replies to it', async () => {
    const { wrapper, calls } = await open({
      CommunityTopic: () => topicAnswer([post(1), post(2, { html: '<p>First line</p><p>Second <em>line</em></p>', author: author('Boris P.', { username: 'boris_p' }) })]),
      ReplyToCommunityTopic: () => ({ replyToCommunityTopic: post(3) }),
    });
    await wrapper.findAll('[data-test="quote"]')[1].trigger('click');
    await settle();
    expect((wrapper.get('[data-test="composer-body"]').element as HTMLTextAreaElement).value).toBe('@boris_p:\n> First line\n>\n> Second line\n\n');
    expect(wrapper.text()).toContain('Replying to post #2');
    await wrapper.get('[data-test="composer-submit"]').trigger('submit');
    await settle();
    expect(calls.find((c) => c.operationName === 'ReplyToCommunityTopic')?.variables).toMatchObject({ input: { replyToPostNumber: 2 } });
  });

  it('flags with a reason, bookmarks, and lets the asker accept an answer in an advice topic', async () => {
    const { wrapper, calls } = await open({
      CommunityTopic: () => topicAnswer([post(1, { viewerIsAuthor: true }), post(2)], { category: { __typename: 'CommunityCategory', id: 'cat-advice', slug: 'advice', name: 'Advice', color: '#1F8A5B', kind: 'ADVICE' } }),
      FlagCommunityPost: () => ({ flagCommunityPost: { __typename: 'CommunityPost', id: 'post-2', hidden: false, html: '<p>Post number 2</p>' } }),
      BookmarkCommunityPost: () => ({ bookmarkCommunityPost: { __typename: 'CommunityBookmarkResult', bookmarked: true } }),
      AcceptCommunityAnswer: () => ({ acceptCommunityAnswer: { __typename: 'CommunityTopic', id: 'T1', acceptedAnswer: { __typename: 'CommunityPost', id: 'post-2', postNumber: 2 } } }),
    });
    const second = () => wrapper.findAll('[data-test="post"]')[1];
    expect(wrapper.findAll('[data-test="post"]')[0].find('[data-test="accept"]').exists()).toBe(false);
    await second().get('[data-test="flag"]').trigger('click');
    await second().get('input[value="OFF_TOPIC"]').setValue(true);
    await second().get('[data-test="flag-form"]').trigger('submit');
    await settle();
    expect(second().get('[data-test="post-notice"]').text()).toBe('Thank you. The moderators will look at this post.');
    await second().get('[data-test="bookmark"]').trigger('click');
    await settle();
    expect(second().get('[data-test="bookmark"]').text()).toBe('Bookmarked');
    await second().get('[data-test="accept"]').trigger('click');
    await settle();
    expect(second().find('[data-test="accepted"]').exists()).toBe(true);
    expect(wrapper.find('[data-state="solved"]').exists()).toBe(true);
    expect(calls.filter((c) => /Flag|Bookmark|Accept/.test(c.operationName)).map((c) => c.variables)).toEqual([
      { postId: 'post-2', reason: 'OFF_TOPIC', note: null },
      { postId: 'post-2', bookmarked: true },
      { postId: 'post-2' },
    ]);
  });

  it('shows a post written by someone else as it arrives on the live stream', async () => {
    const { wrapper } = await open({ CommunityTopic: () => topicAnswer([post(1)]) });
    expect(live.requests[0].variables).toEqual({ topicId: 'T1' });
    expect(live.requests[0].hash).toMatch(/^sha256:/);
    expect(live.requests[0].query).toContain('__typename');
    live.push({ communityPostAdded: post(2, { html: '<p>Fresh</p>', author: author('Cleo M.') }) });
    await settle();
    expect(wrapper.findAll('[data-test="post"]')).toHaveLength(2);
    expect(wrapper.get('[data-test="live-status"]').text()).toContain('New post by Cleo M.');
  });
});
