import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { mountOptions } from '../community/testing';
import AdjustPointsForm from './AdjustPointsForm.vue';
import { toAdjustInput } from './adjust-points-form';

describe('adjustment values', () => {
  it('takes whole non-zero points, either sign, as staff type them', () => {
    expect(toAdjustInput({ points: '100', reason: ' Goodwill for a late order ' })).toEqual({ input: { points: 100, reason: 'Goodwill for a late order' }, issues: {} });
    expect(toAdjustInput({ points: '-50', reason: 'Double grant' }).input?.points).toBe(-50);
    expect(toAdjustInput({ points: '−1 000', reason: 'Pasted from a memo' }).input?.points).toBe(-1000);
    expect(toAdjustInput({ points: '+25', reason: 'Fix' }).input?.points).toBe(25);
  });

  it('names what is wrong with each field', () => {
    expect(toAdjustInput({ points: '', reason: '' }).issues).toEqual({ points: 'pointsRequired', reason: 'reasonRequired' });
    expect(toAdjustInput({ points: '0', reason: 'ok' }).issues).toEqual({ points: 'pointsZero', reason: 'reasonShort' });
    expect(toAdjustInput({ points: '2.5', reason: 'Fix' }).issues).toEqual({ points: 'pointsWhole' });
    expect(toAdjustInput({ points: '1e3', reason: 'Fix' }).issues).toEqual({ points: 'pointsWhole' });
    expect(toAdjustInput({ points: '2000000000', reason: 'Fix' }).issues).toEqual({ points: 'pointsRange' });
    expect(toAdjustInput({ points: '10', reason: 'x'.repeat(501) }).issues).toEqual({ reason: 'reasonLong' });
    expect(toAdjustInput({ points: '10', reason: '   ' }).issues).toEqual({ reason: 'reasonRequired' });
  });
});

describe('adjustment form', () => {
  it('sends nothing without a reason and says so under the field', async () => {
    const wrapper = mount(AdjustPointsForm, { props: {}, ...mountOptions() });
    await wrapper.find('#adjust-points').setValue('100');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.text()).toContain('Check the highlighted fields.');
    expect(wrapper.find('[data-field="adjust-reason"]').text()).toContain('Say why you change the balance.');
    expect(wrapper.find('#adjust-reason').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('#adjust-points').attributes('aria-invalid')).toBeUndefined();
  });

  it('refuses zero and fractions, with the bounds in the message', async () => {
    const wrapper = mount(AdjustPointsForm, { props: {}, ...mountOptions() });
    await wrapper.find('#adjust-points').setValue('0');
    await wrapper.find('#adjust-reason').setValue('ok');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-field="adjust-points"]').text()).toContain('other than zero');
    expect(wrapper.find('[data-field="adjust-reason"]').text()).toContain('At least 3 characters.');
    await wrapper.find('#adjust-points').setValue('12.5');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-field="adjust-points"]').text()).toContain('Whole points only');
    expect(wrapper.emitted('submit')).toBeUndefined();
  });

  it('sends the points and the trimmed reason', async () => {
    const wrapper = mount(AdjustPointsForm, { props: {}, ...mountOptions() });
    await wrapper.find('#adjust-points').setValue('-40');
    await wrapper.find('#adjust-reason').setValue('  Returned the mug  ');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ points: -40, reason: 'Returned the mug' }]]);
  });

  it('shows the server’s answer and its field errors, in Russian too', () => {
    const wrapper = mount(AdjustPointsForm, {
      props: { message: 'Недостаточно баллов: доступно 10, списать нужно 500. Ничего не изменилось.', fieldErrors: { reason: 'скажите почему' } },
      ...mountOptions('ru'),
    });
    expect(wrapper.text()).toContain('Недостаточно баллов');
    expect(wrapper.find('[data-field="adjust-reason"]').text()).toContain('скажите почему');
    expect(wrapper.find('[data-testid="adjust-submit"]').text()).toBe('Применить');
    expect(wrapper.find('label[for="adjust-points"]').text()).toContain('Баллы');
  });
});
