import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import { answersToSend, missingAnswers, parseQuestions } from './questions';
import SurveysPage from './SurveysPage.vue';

const nps = {
  __typename: 'Survey',
  id: 'U3VydmV5OjE=',
  title: 'How are we doing?',
  kind: 'NPS',
  closesAt: null,
  questions: [
    { id: 'nps', type: 'nps', text: 'How likely are you to recommend us to a friend?', required: true },
    { id: 'why', type: 'text', text: 'What should we improve?', required: false },
    { id: 'visit', type: 'single', text: 'Where do you shop?', required: false, options: [{ id: 'store', label: 'In store' }, { id: 'online', label: 'Online' }] },
  ],
};

describe('SurveysPage', () => {
  it('shows a placeholder while loading and a message when loading fails', async () => {
    const loading = mount(SurveysPage, mountOptions({ OpenSurveys: () => PENDING }));
    await settle();
    expect(loading.find('[data-test="loading"]').exists()).toBe(true);
    const failed = mount(SurveysPage, mountOptions({ OpenSurveys: () => networkError() }));
    await settle();
    expect(failed.get('[role="alert"]').text()).toContain('Surveys could not be loaded.');
  });

  it('says when nothing waits for an answer', async () => {
    const wrapper = mount(SurveysPage, mountOptions({ OpenSurveys: () => ({ openSurveys: [] }) }));
    await settle();
    expect(wrapper.text()).toContain('No questions for you right now');
  });

  it('offers the NPS scale as one keyboard-reachable group of eleven radio buttons', async () => {
    const wrapper = mount(SurveysPage, mountOptions({ OpenSurveys: () => ({ openSurveys: [nps] }) }));
    await settle();
    const fieldset = wrapper.get('fieldset');
    expect(fieldset.get('legend').text()).toBe('How likely are you to recommend us to a friend?');
    const radios = fieldset.findAll('input[type="radio"]');
    expect(radios.map((r) => r.attributes('value'))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(new Set(radios.map((r) => r.attributes('name'))).size).toBe(1);
    expect(fieldset.text()).toContain('Not at all likely');
    expect(wrapper.get('label[for$="-why-text"]').text()).toBe('What should we improve?');
  });

  it('asks for a required answer before sending anything', async () => {
    const options = mountOptions({ OpenSurveys: () => ({ openSurveys: [nps] }) });
    const wrapper = mount(SurveysPage, options);
    await settle();
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.text()).toContain('Please answer this question.');
    expect(wrapper.get('fieldset').attributes('aria-invalid')).toBe('true');
    expect(options.calls.some((c) => c.operationName === 'SubmitSurveyResponse')).toBe(false);
  });

  it('sends the answers and thanks the member', async () => {
    const options = mountOptions({
      OpenSurveys: () => ({ openSurveys: [nps] }),
      SubmitSurveyResponse: () => ({ submitSurveyResponse: { __typename: 'SurveySubmitted', submittedAt: '2026-11-22T10:00:00Z', campaignPoints: 50 } }),
    });
    const wrapper = mount(SurveysPage, options);
    await settle();
    await wrapper.get('input[value="9"]').setValue(true);
    await wrapper.get('textarea').setValue('  More oat milk  ');
    await wrapper.get('form').trigger('submit');
    await settle();
    const call = options.calls.find((c) => c.operationName === 'SubmitSurveyResponse');
    expect(call?.variables).toEqual({ surveyId: 'U3VydmV5OjE=', answers: { nps: 9, why: 'More oat milk' } });
    expect(wrapper.get('[data-test="survey-thanks"]').text()).toContain('Thank you!');
    expect(wrapper.get('[data-test="survey-thanks"]').text()).toContain('You got 50 points for answering.');
    expect(wrapper.find('form').exists()).toBe(false);
  });

  it('explains a survey answered elsewhere', async () => {
    const wrapper = mount(
      SurveysPage,
      mountOptions({
        OpenSurveys: () => ({ openSurveys: [nps] }),
        SubmitSurveyResponse: () => ({ submitSurveyResponse: { __typename: 'ConflictError', message: 'The member has already answered this survey.' } }),
      }),
    );
    await settle();
    await wrapper.get('input[value="3"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.get('form [role="alert"]').text()).toBe('You have already answered this survey.');
  });
});

describe('survey questions', () => {
  it('keeps the questions it knows and drops the rest', () => {
    const list = parseQuestions([{ id: 'a', type: 'scale', text: 'A', min: 1, max: 5 }, { id: 'b', type: 'video', text: 'B' }, 'junk']);
    expect(list).toEqual([{ id: 'a', type: 'scale', text: 'A', required: true, min: 1, max: 5 }]);
    expect(parseQuestions(null)).toEqual([]);
  });

  it('sends only given answers and finds the missing required ones', () => {
    expect(answersToSend({ a: 0, b: '', c: [], d: ['x'] })).toEqual({ a: 0, d: ['x'] });
    expect(missingAnswers(parseQuestions([{ id: 'a', type: 'nps', text: 'A' }]), { a: 0 })).toEqual([]);
    expect(missingAnswers(parseQuestions([{ id: 'a', type: 'nps', text: 'A' }]), {})).toEqual(['a']);
  });
});
