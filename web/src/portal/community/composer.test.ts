import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import { mountOptions, settle, type Handlers } from '../testing';
import PostComposer from './PostComposer.vue';
import { quoteMarkdown, textOfHtml } from './community-words';
import './messages';

beforeEach(() => localStorage.clear());

/** The composer inside a parent that owns its text, as the pages use it. */
function host(handlers: Handlers, draftKey: string | null = 'topic:T1') {
  const body = ref('');
  const sent: string[] = [];
  const Host = defineComponent({
    setup: () => () =>
      h(PostComposer, {
        id: 'c',
        draftKey,
        submitLabel: 'Send',
        modelValue: body.value,
        'onUpdate:modelValue': (v: string) => (body.value = v),
        onSubmit: () => {
          sent.push(body.value);
          body.value = '';
        },
      }),
  });
  const options = mountOptions(handlers);
  return { wrapper: mount(Host, { ...options, attachTo: document.body }), body, sent, calls: options.calls };
}

describe('PostComposer', () => {
  it('shows the server’s preview of the markdown, and says when there is nothing to show', async () => {
    const { wrapper, calls } = host({ CommunityPreview: ({ body }) => ({ communityPreview: `<p><strong>${String(body).replace(/\*/g, '')}</strong></p>` }) });
    await wrapper.get('[data-test="composer-preview"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="preview"]').text()).toBe('Nothing to preview yet.');
    await wrapper.get('[data-test="composer-write"]').trigger('click');
    await wrapper.get('[data-test="composer-body"]').setValue('**bold**');
    await wrapper.get('[data-test="composer-preview"]').trigger('click');
    await settle();
    expect(calls.filter((c) => c.operationName === 'CommunityPreview').map((c) => c.variables)).toEqual([{ body: '**bold**' }]);
    expect(wrapper.get('[data-test="preview"] strong').text()).toBe('bold');
    expect(wrapper.get('[data-test="composer-preview"]').attributes('aria-pressed')).toBe('true');
  });

  it('restores an unsent draft on reload, and forgets it once sent', async () => {
    localStorage.setItem('patron.forum.draft.topic:T1', JSON.stringify({ body: 'Half a thought' }));
    const { wrapper, body, sent } = host({});
    await settle();
    expect(body.value).toBe('Half a thought');
    expect(wrapper.get('[data-test="draft-restored"]').text()).toContain('Your unsent draft was restored.');
    await wrapper.get('[data-test="composer-body"]').setValue('Half a thought, finished');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(JSON.parse(localStorage.getItem('patron.forum.draft.topic:T1')!)).toEqual({ body: 'Half a thought, finished' });
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(sent).toEqual(['Half a thought, finished']);
    expect(localStorage.getItem('patron.forum.draft.topic:T1')).toBeNull();
    expect(wrapper.find('[data-test="draft-restored"]').exists()).toBe(false);
  });

  it('keeps drafts apart per topic, and none when editing', async () => {
    localStorage.setItem('patron.forum.draft.topic:T2', JSON.stringify({ body: 'For another topic' }));
    const { body } = host({});
    await settle();
    expect(body.value).toBe('');
    const editing = host({}, null);
    await editing.wrapper.get('[data-test="composer-body"]').setValue('An edit');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(Object.keys(localStorage).filter((k) => k.startsWith('patron.forum'))).toEqual(['patron.forum.draft.topic:T2']);
  });

  it('suggests @mentions after two letters and inserts the chosen one with the keyboard', async () => {
    const { wrapper, body, calls } = host({
      CommunityMentionCandidates: () => ({
        communityMentionCandidates: [
          { __typename: 'CommunityAuthor', displayName: 'Boris P.', username: 'boris_p' },
          { __typename: 'CommunityAuthor', displayName: 'Bob K.', username: 'bob' },
        ],
      }),
    });
    const textarea = wrapper.get('[data-test="composer-body"]');
    const el = textarea.element as HTMLTextAreaElement;
    await textarea.setValue('Thanks @b');
    el.setSelectionRange(9, 9);
    await textarea.trigger('input');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    expect(calls.some((c) => c.operationName === 'CommunityMentionCandidates')).toBe(false); // one letter is not enough
    await textarea.setValue('Thanks @bo and more');
    el.setSelectionRange(10, 10);
    await textarea.trigger('input');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    expect(calls.find((c) => c.operationName === 'CommunityMentionCandidates')?.variables).toEqual({ prefix: 'bo' });
    const options = wrapper.findAll('[role="option"]');
    expect(options.map((o) => o.text())).toEqual(['@boris_p Boris P.', '@bob Bob K.']);
    expect(textarea.attributes('aria-expanded')).toBe('true');
    expect(textarea.attributes('aria-activedescendant')).toBe('c-mentions-0');
    await textarea.trigger('keydown', { key: 'ArrowDown' });
    expect(textarea.attributes('aria-activedescendant')).toBe('c-mentions-1');
    await textarea.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(body.value).toBe('Thanks @bob  and more');
    expect(wrapper.find('[role="option"]').exists()).toBe(false);
  });
});

describe('quoting', () => {
  it('turns a rendered post into a markdown quote that keeps its paragraphs', () => {
    expect(quoteMarkdown(textOfHtml('<p>One <strong>two</strong></p><ul><li>a</li><li>b</li></ul>'), 'anna')).toBe('@anna:\n> One two\n>\n> a\n>\n> b\n\n');
  });
});
