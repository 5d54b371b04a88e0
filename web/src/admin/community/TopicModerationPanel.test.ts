import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import StaffReplyForm from './StaffReplyForm.vue';
import TopicModerationPanel from './TopicModerationPanel.vue';
import TopicsTable from './TopicsTable.vue';
import { mountOptions, topicRow } from './testing';

const categories = [
  { value: 'Q29tbXVuaXR5Q2F0ZWdvcnk6MQ==', label: 'General' },
  { value: 'Q29tbXVuaXR5Q2F0ZWdvcnk6Mg==', label: 'Advice' },
];
const targets = [{ value: 'Q29tbXVuaXR5VG9waWM6Mg==', label: 'Coffee beans, part 2' }];
const panel = (props: Record<string, unknown> = {}) => mount(TopicModerationPanel, { props: { topic: topicRow(), categories, mergeTargets: targets, busy: null, ...props }, ...mountOptions() });

describe('topic moderation panel', () => {
  it('switches pin, close, lock and archive one at a time', async () => {
    const wrapper = panel({ topic: topicRow({ pinned: true }) });
    expect(wrapper.find('[data-testid="topic-pinned"]').text()).toBe('Unpin');
    expect(wrapper.find('[data-testid="topic-pinned"]').attributes('aria-pressed')).toBe('true');
    await wrapper.find('[data-testid="topic-pinned"]').trigger('click');
    await wrapper.find('[data-testid="topic-locked"]').trigger('click');
    expect(wrapper.emitted('status')).toEqual([[{ pinned: false }], [{ locked: true }]]);
  });

  it('moves to another category', async () => {
    const wrapper = panel();
    await wrapper.find('#topic-move').setValue(categories[1].value);
    await wrapper.find('[data-testid="topic-move-submit"]').element.closest('form')!.dispatchEvent(new Event('submit'));
    expect(wrapper.emitted('move')).toEqual([[categories[1].value]]);
  });

  it('merges only after the confirmation names both topics', async () => {
    const wrapper = panel();
    await wrapper.find('#topic-merge').setValue(targets[0].value);
    await wrapper.find('[data-testid="topic-merge-submit"]').element.closest('form')!.dispatchEvent(new Event('submit'));
    await wrapper.vm.$nextTick();
    expect(wrapper.emitted('merge')).toBeUndefined();
    const confirm = wrapper.find('[data-testid="topic-merge-confirm"]');
    expect(confirm.text()).toContain('Every post of “Which coffee beans do you like?” moves to the end of “Coffee beans, part 2”');
    await confirm.find('[data-testid="topic-merge-confirm-action"]').trigger('click');
    expect(wrapper.emitted('merge')).toEqual([[targets[0].value]]);
  });
});

describe('topics table', () => {
  const table = (props: Record<string, unknown>) => mount(TopicsTable, { props: { rows: [topicRow({ hidden: true, pinned: true })], loading: false, error: null, filtered: false, ...props }, ...mountOptions() });

  it('lists topics with their states and links', () => {
    const wrapper = table({});
    expect(wrapper.text()).toContain('Which coffee beans do you like?');
    expect(wrapper.find('[data-state="hidden"]').text()).toBe('Hidden');
    expect(wrapper.find('[data-state="pinned"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="topic-link"]').attributes('href')).toBe('/to/admin-community-topic');
  });

  it('shows empty states that point onward, and the error', () => {
    const empty = table({ rows: [] });
    expect(empty.text()).toContain('No topics yet');
    expect(empty.find('a').attributes('href')).toBe('/to/admin-community-categories');
    expect(table({ rows: [], filtered: true }).text()).toContain('No topics in this category yet.');
    expect(table({ rows: [], error: new Error('x') }).text()).toContain('The topics could not be loaded.');
  });
});

describe('staff reply', () => {
  it('asks for text, then sends it trimmed', async () => {
    const wrapper = mount(StaffReplyForm, { props: {}, ...mountOptions() });
    await wrapper.find('form').trigger('submit');
    expect(wrapper.text()).toContain('Write something first.');
    expect(wrapper.emitted('submit')).toBeUndefined();
    await wrapper.find('#staff-reply-body').setValue('  Thanks, we are on it.  ');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([['Thanks, we are on it.']]);
  });
});
