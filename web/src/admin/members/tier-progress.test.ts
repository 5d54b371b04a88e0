import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { mountOptions } from '../community/testing';
import TierProgressBar from './TierProgressBar.vue';
import { formatMoney, pluralKey, tierStep } from './tier-progress';

const gold = { name: 'Gold', qualifyBy: 'SPEND' as const, threshold: 50_000_00 };

describe('tier step', () => {
  it('measures the way to the next tier as the server counts it', () => {
    expect(tierStep({ value: 12_500_00, remaining: 37_500_00, nextTier: gold }, 'Silver')).toEqual({ state: 'next', next: 'Gold', qualifyBy: 'SPEND', value: 12_500_00, remaining: 37_500_00, percent: 25 });
    expect(tierStep({ value: 0, remaining: 300, nextTier: { ...gold, qualifyBy: 'POINTS', threshold: 300 } }, null)).toMatchObject({ state: 'next', percent: 0 });
  });

  it('never shows a full bar while something remains', () => {
    expect(tierStep({ value: 49_999_99, remaining: 1, nextTier: gold }, 'Silver')).toMatchObject({ state: 'next', percent: 99 });
  });

  it('tells the top tier and a program without tiers apart', () => {
    expect(tierStep({ value: 80_000_00, remaining: 0, nextTier: null }, 'Gold')).toEqual({ state: 'top', tier: 'Gold' });
    expect(tierStep({ value: 0, remaining: 0, nextTier: null }, null)).toEqual({ state: 'none' });
    expect(tierStep(null, null)).toEqual({ state: 'none' });
  });

  it('reads counts and money in the reader’s language', () => {
    expect([1, 3, 5, 21].map((n) => pluralKey(n, 'ru'))).toEqual(['one', 'few', 'many', 'one']);
    expect(pluralKey(1, 'en')).toBe('one');
    expect(formatMoney(37_500_00, 'RUB', 'en')).toMatch(/^RUB\s37,500$/);
    expect(formatMoney(1_050, 'USD', 'en')).toBe('$10.50');
  });
});

describe('tier progress bar', () => {
  it('says what remains in words and draws a labelled bar', () => {
    const step = tierStep({ value: 12_500_00, remaining: 37_500_00, nextTier: gold }, 'Silver');
    const wrapper = mount(TierProgressBar, { props: { step, currency: 'RUB' }, ...mountOptions() });
    expect(wrapper.find('[data-testid="tier-remaining"]').text()).toMatch(/^RUB\s37,500 more in purchases to reach Gold$/);
    const bar = wrapper.find('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('25');
    expect(bar.attributes('aria-label')).toBe('Progress to Gold');
  });

  it('counts points and purchases with Russian plurals', () => {
    const points = tierStep({ value: 100, remaining: 3, nextTier: { name: 'Gold', qualifyBy: 'POINTS', threshold: 103 } }, 'Silver');
    expect(mount(TierProgressBar, { props: { step: points, currency: 'RUB' }, ...mountOptions('ru') }).text()).toContain('Ещё 3 балла до уровня Gold');
    const purchases = tierStep({ value: 0, remaining: 5, nextTier: { name: 'Silver', qualifyBy: 'PURCHASES', threshold: 5 } }, 'Basic');
    expect(mount(TierProgressBar, { props: { step: purchases, currency: 'RUB' }, ...mountOptions('ru') }).text()).toContain('Ещё 5 покупок до уровня Silver');
  });

  it('has no bar at the top tier', () => {
    const wrapper = mount(TierProgressBar, { props: { step: { state: 'top', tier: 'Gold' }, currency: 'RUB' }, ...mountOptions() });
    expect(wrapper.text()).toContain('Gold is the highest tier');
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false);
  });
});
