import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ModerationHistory, { type History } from './ModerationHistory.vue';
import PenaltyForm from './PenaltyForm.vue';
import { penaltyState, toPenaltyInput } from './penalty-form';
import { mountOptions, post } from './testing';

describe('penalty form values', () => {
  it('takes 1 to 3650 whole days and a reason of at least 3 characters', () => {
    expect(toPenaltyInput({ kind: 'SILENCE', days: '7', reason: ' Spam links ' })).toEqual({ input: { kind: 'SILENCE', days: 7, reason: 'Spam links' }, issues: {} });
    expect(toPenaltyInput({ kind: 'SUSPEND', days: '0', reason: 'ok' }).issues).toEqual({ days: 'days', reason: 'reason' });
    expect(toPenaltyInput({ kind: 'SUSPEND', days: '2.5', reason: 'Insults' }).issues).toEqual({ days: 'days' });
  });

  it('tells a running penalty from a lifted or an ended one', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(penaltyState({ endsAt: '2026-03-12T00:00:00Z', liftedAt: null }, now)).toBe('active');
    expect(penaltyState({ endsAt: '2026-03-12T00:00:00Z', liftedAt: '2026-03-11T00:00:00Z' }, now)).toBe('lifted');
    expect(penaltyState({ endsAt: '2026-03-09T00:00:00Z', liftedAt: null }, now)).toBe('ended');
  });
});

describe('penalty form', () => {
  it('requires a reason and a number of days before sending', async () => {
    const wrapper = mount(PenaltyForm, { props: {}, ...mountOptions() });
    await wrapper.find('#penalty-days').setValue('forever');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.text()).toContain('Check the highlighted fields.');
    expect(wrapper.find('[data-field="penalty-days"]').text()).toContain('from 1 to 3650');
    expect(wrapper.find('[data-field="penalty-reason"]').text()).toContain('Say why');
    expect(wrapper.find('#penalty-reason').attributes('aria-invalid')).toBe('true');
  });

  it('sends the kind, the days and the reason', async () => {
    const wrapper = mount(PenaltyForm, { props: {}, ...mountOptions() });
    await wrapper.find('[data-kind="SUSPEND"] input').setValue(true);
    await wrapper.find('#penalty-days').setValue('14');
    await wrapper.find('#penalty-reason').setValue('Insults in three topics');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ kind: 'SUSPEND', days: 14, reason: 'Insults in three topics' }]]);
  });

  it('shows the server’s field errors', () => {
    const wrapper = mount(PenaltyForm, { props: { message: 'Check the highlighted fields.', fieldErrors: { reason: 'say why (the member is told)' } }, ...mountOptions('ru') });
    expect(wrapper.find('[data-field="penalty-reason"]').text()).toContain('say why');
    expect(wrapper.find('[data-testid="penalty-submit"]').text()).toBe('Применить');
  });
});

describe('moderation history', () => {
  const history: History = {
    posts: 14,
    flagsReceived: 5,
    penalties: [
      { id: '2', kind: 'SILENCE', reason: 'Spam links', startsAt: '2026-03-09T00:00:00Z', endsAt: '2026-03-16T00:00:00Z', liftedAt: null },
      { id: '1', kind: 'SUSPEND', reason: 'Insults', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-08T00:00:00Z', liftedAt: '2026-01-02T00:00:00Z' },
    ],
    hiddenPosts: [post({ hidden: true, hiddenReason: 'moderator' })],
  };

  it('shows the counts, the penalties and the hidden posts, and lifts the running one', async () => {
    const wrapper = mount(ModerationHistory, { props: { history, busyId: null, now: new Date('2026-03-10T00:00:00Z') }, ...mountOptions() });
    expect(wrapper.find('[data-figure="posts"]').text()).toBe('14');
    expect(wrapper.find('[data-figure="active"]').text()).toContain('Silenced');
    const penalties = wrapper.findAll('[data-testid="penalty"]');
    expect(penalties[0].attributes('data-state')).toBe('active');
    expect(penalties[1].text()).toContain('Lifted');
    expect(wrapper.findAll('[data-testid="penalty-lift"]')).toHaveLength(1);
    await wrapper.find('[data-testid="penalty-lift"]').trigger('click');
    expect(wrapper.emitted('lift')).toEqual([['2']]);
    expect(wrapper.text()).toContain('Hidden by a moderator');
    await wrapper.find('[data-testid="history-restore"]').trigger('click');
    expect(wrapper.emitted('restore')).toEqual([[post().id]]);
  });

  it('says so when there is nothing on record', () => {
    const wrapper = mount(ModerationHistory, { props: { history: { posts: 0, flagsReceived: 0, penalties: [], hiddenPosts: [] }, busyId: null }, ...mountOptions() });
    expect(wrapper.text()).toContain('No penalties so far.');
    expect(wrapper.text()).toContain('None of their posts is hidden.');
  });
});
