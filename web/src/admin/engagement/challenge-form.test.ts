import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { ChallengeRowFragment } from '../../graphql/generated/graphql';
import ChallengeForm from './ChallengeForm.vue';
import ChallengesTable from './ChallengesTable.vue';
import { emptyChallenge, fromChallenge, toChallengeInput } from './challenge-form';
import { goalWords } from './challenge-words';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const challenge: ChallengeRowFragment = {
  id: 'Q2hhbGxlbmdlOjE=',
  code: 'five-in-30',
  name: 'Five in thirty',
  description: '',
  metric: 'PURCHASE_COUNT',
  goal: 5,
  eventName: null,
  surveyCode: null,
  minScore: null,
  period: 'ROLLING',
  rollingDays: 30,
  startsAt: null,
  endsAt: null,
  status: 'ACTIVE',
  badge: { id: 'QmFkZ2U6Mg==', name: 'Coffee lover' },
};

describe('challenge form values', () => {
  it('mirrors the server: a goal from 1, a rolling length up to 366 days, a code flows can use', () => {
    const base = { ...emptyChallenge(), name: 'Three', code: 'three' };
    expect(toChallengeInput({ ...base, goal: '0' }).issues.goal).toEqual({ key: 'atLeast', values: { min: 1 } });
    expect(toChallengeInput({ ...base, goal: '1000000001' }).issues.goal?.key).toBe('atMost');
    expect(toChallengeInput({ ...base, goal: '2.5' }).issues.goal?.key).toBe('wholeNumber');
    expect(toChallengeInput({ ...base, goal: '3', rollingDays: '367' }).issues.rollingDays?.key).toBe('atMost');
    expect(toChallengeInput({ ...base, goal: '3', code: 'Three Buys' }).issues.code?.key).toBe('code');
    expect(toChallengeInput({ ...base, goal: '3' }).issues).toEqual({});
  });

  it('needs both dates for a fixed period, the end after the start', () => {
    const base = { ...emptyChallenge(), name: 'Spring', code: 'spring', goal: '2', period: 'FIXED' as const };
    expect(toChallengeInput(base).issues).toMatchObject({ startsAt: { key: 'required' }, endsAt: { key: 'required' } });
    expect(toChallengeInput({ ...base, startsAt: '2026-05-01', endsAt: '2026-04-01' }).issues.endsAt?.key).toBe('dateOrder');
    const { input, issues } = toChallengeInput({ ...base, startsAt: '2026-04-01', endsAt: '2026-04-30' });
    expect(issues).toEqual({});
    expect(input).toMatchObject({ startsAt: '2026-04-01T00:00:00.000Z', endsAt: '2026-04-30T23:59:59.999Z', rollingDays: null });
  });

  it('takes a spend goal in roubles and sends kopecks; asks a custom event for its name', () => {
    const { input } = toChallengeInput({ ...emptyChallenge(), name: 'Big', code: 'big', metric: 'SPEND_MINOR', goal: '5 000,50' });
    expect(input.goal).toBe(500050);
    expect(fromChallenge({ ...challenge, metric: 'SPEND_MINOR', goal: 500050 }).goal).toBe('5000.5');
    expect(toChallengeInput({ ...emptyChallenge(), name: 'E', code: 'e', metric: 'CUSTOM_EVENT', goal: '2' }).issues.eventName?.key).toBe('required');
  });

  it('says the goal in words, in both languages', () => {
    const t = (locale: 'en' | 'ru') => i18n(locale).global.t as never;
    expect(goalWords({ ...challenge, goal: 3 }, t('en'), 'en')).toBe('3 purchases in 30 days');
    expect(goalWords({ ...challenge, goal: 3 }, t('ru'), 'ru')).toBe('3 покупки за 30 дней');
    expect(goalWords({ ...challenge, goal: 5, rollingDays: 1 }, t('ru'), 'ru')).toBe('5 покупок за 1 день');
    expect(goalWords({ ...challenge, metric: 'BONUS_POINTS', goal: 1000, period: 'MONTH' }, t('en'), 'en')).toBe('1,000 bonus points this month');
  });
});

describe('challenge form', () => {
  it('refuses a goal of 0 and an end before the start on the fields, and sends nothing', async () => {
    const wrapper = mount(ChallengeForm, { global: { plugins: [i18n()] } });
    await wrapper.find('#challenge-name').setValue('Spring');
    await wrapper.find('#challenge-code').setValue('spring');
    await wrapper.find('#challenge-goal').setValue('0');
    await wrapper.find('#challenge-period').setValue('FIXED');
    await wrapper.find('#challenge-starts').setValue('2026-05-01');
    await wrapper.find('#challenge-ends').setValue('2026-04-01');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="challenge-goal"]').text()).toContain('Must be at least 1.');
    expect(wrapper.find('[data-field="challenge-ends"]').text()).toContain('Must be after the start.');
    expect(wrapper.text()).toContain('Check the highlighted fields.');
  });

  it('shows the server’s ValidationError under its field and sends a valid edit', async () => {
    const wrapper = mount(ChallengeForm, {
      props: { initial: fromChallenge(challenge), editing: true, badges: [challenge.badge!], fieldErrors: { goal: 'must be at most 1,000,000,000' } },
      global: { plugins: [i18n('ru')] },
    });
    expect(wrapper.find('[data-field="challenge-goal"]').text()).toContain('must be at most 1,000,000,000');
    expect(wrapper.find('#challenge-code').exists()).toBe(false);
    expect(wrapper.find('[data-testid="challenge-preview"]').text()).toContain('5 покупок за 30 дней');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toMatchObject({ code: 'five-in-30', goal: 5, rollingDays: 30, badgeId: challenge.badge!.id });
  });
});

describe('challenges table', () => {
  const table = (props: Record<string, unknown>) => mount(ChallengesTable, { props: { rows: [challenge], loading: false, error: null, canEdit: true, ...props }, global: { plugins: [i18n()] } });

  it('lists the goal in words with its badge and opens one to edit', async () => {
    const wrapper = table({});
    expect(wrapper.text()).toContain('5 purchases');
    expect(wrapper.text()).toContain('in 30 days');
    expect(wrapper.text()).toContain('Badge “Coffee lover”');
    await wrapper.find('[data-testid="challenge-edit"]').trigger('click');
    expect(wrapper.emitted('edit')).toEqual([[challenge]]);
  });

  it('says what to do when there are none, and hides editing from readers', () => {
    expect(table({ rows: [] }).text()).toContain('Create a challenge such as');
    const reader = table({ rows: [], canEdit: false });
    expect(reader.text()).toContain('Marketers create challenges here');
    expect(reader.find('[data-testid="challenge-create-empty"]').exists()).toBe(false);
    expect(table({ rows: [], error: new Error('x') }).text()).toContain('The challenges could not be loaded.');
  });
});
