import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import QuestionEditor from './QuestionEditor.vue';
import { checkSurvey, newQuestion, starterQuestions, toInput, type Question, type SurveyKindValue } from './survey-questions';

function render(questions: Question[], kind: SurveyKindValue = 'SURVEY', issues: Record<string, string> = {}, locale: 'en' | 'ru' = 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { en, ru } });
  return mount(QuestionEditor, { props: { questions, kind, issues }, global: { plugins: [i18n] }, attachTo: document.body });
}
const last = (wrapper: ReturnType<typeof render>) => (wrapper.emitted('update')!.at(-1) as [Question[]])[0];

const choice: Question = { id: 'q1', type: 'single', text: 'Favourite drink?', required: true, options: [{ id: 'o1', label: 'Tea' }, { id: 'o2', label: 'Coffee' }] };

describe('survey question editor', () => {
  it('edits the wording and options of a question', async () => {
    const wrapper = render([choice]);
    await wrapper.find('[data-question="q1"] textarea').setValue('Favourite hot drink?');
    expect(last(wrapper)[0].text).toBe('Favourite hot drink?');
    await wrapper.find('[data-option="o2"] input').setValue('Cocoa');
    expect(last(wrapper)[0].options).toEqual([{ id: 'o1', label: 'Tea' }, { id: 'o2', label: 'Cocoa' }]);
    await wrapper.find('[data-testid="add-option"]').trigger('click');
    expect(last(wrapper)[0].options).toHaveLength(3);
    expect(last(wrapper)[0].options![2].id).toBe('o3');
    wrapper.unmount();
  });

  it('adds each question type with what it needs, and removes questions', async () => {
    const wrapper = render([choice]);
    await wrapper.find('[data-add="scale"]').trigger('click');
    expect(last(wrapper)[1]).toMatchObject({ id: 'q2', type: 'scale', min: 1, max: 5 });
    await wrapper.find('[data-add="multiple"]').trigger('click');
    expect(last(wrapper)[1]).toMatchObject({ type: 'multiple', required: false });
    expect(last(wrapper)[1].options).toHaveLength(2);
    await wrapper.find('[data-testid="remove-question"]').trigger('click');
    expect(last(wrapper)).toEqual([]);
    wrapper.unmount();
  });

  it('marks the right answer in a quiz and sends it only for a quiz', async () => {
    const wrapper = render([choice], 'QUIZ');
    const radios = wrapper.findAll('[data-option] [data-field="correct"] input');
    expect(radios).toHaveLength(2);
    await radios[1].setValue(true);
    const edited = last(wrapper);
    expect(edited[0].correct).toBe('o2');
    expect(toInput('QUIZ', edited)[0]).toMatchObject({ correct: 'o2' });
    expect(toInput('SURVEY', edited)[0]).not.toHaveProperty('correct');
    expect(render([choice], 'SURVEY').find('[data-field="correct"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the messages it is given under their question', () => {
    const wrapper = render([{ ...choice, text: '' }], 'SURVEY', { 'questions.0.text': 'Обязательное поле.', questions: 'Добавьте хотя бы один вопрос.' }, 'ru');
    expect(wrapper.find('[data-question="q1"] [role="alert"]').text()).toBe('Обязательное поле.');
    expect(wrapper.find('textarea').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="questions-error"]').text()).toBe('Добавьте хотя бы один вопрос.');
    wrapper.unmount();
  });
});

describe('survey checks, as the server makes them', () => {
  const base = { title: 'Q3 NPS', code: 'nps-q3' };

  it('accepts the starting questions of every kind once they are worded', () => {
    expect(checkSurvey({ ...base, kind: 'NPS', questions: starterQuestions('NPS', 'Recommend us?', 'Why?') })).toEqual({});
    const scale = starterQuestions('SURVEY', '', '').map((q) => ({ ...q, text: 'How was it?' }));
    expect(checkSurvey({ ...base, kind: 'SURVEY', questions: scale })).toEqual({});
  });

  it('names what is wrong, field by field', () => {
    expect(checkSurvey({ title: ' ', code: 'Bad Code', kind: 'SURVEY', questions: [] })).toEqual({ title: 'required', code: 'codeFormat', questions: 'noQuestions' });
    const nps = newQuestion('nps', [], 'Recommend?');
    expect(checkSurvey({ ...base, kind: 'SURVEY', questions: [nps, { ...nps, id: 'q2' }] }).questions).toBe('oneNps');
    expect(checkSurvey({ ...base, kind: 'NPS', questions: [choice] }).questions).toBe('npsNeeded');
    expect(checkSurvey({ ...base, kind: 'QUIZ', questions: [choice] }).questions).toBe('quizNeedsAnswer');
    expect(checkSurvey({ ...base, kind: 'SURVEY', questions: [{ ...choice, options: [{ id: 'o1', label: 'Tea' }] }] })['questions.0.options']).toBe('twoOptions');
    expect(checkSurvey({ ...base, kind: 'SURVEY', questions: [{ ...choice, options: [{ id: 'o1', label: 'Tea' }, { id: 'o2', label: ' ' }] }] })['questions.0.options']).toBe('optionLabel');
    expect(checkSurvey({ ...base, kind: 'SURVEY', questions: [{ id: 'q1', type: 'scale', text: 'Rate', required: true, min: 5, max: 5 }] })['questions.0.max']).toBe('scaleRange');
  });
});
