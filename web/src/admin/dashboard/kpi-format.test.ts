import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import { cohortHeatmap, tierDoughnut } from './dashboard-charts';
import KpiCard from './KpiCard.vue';
import { formatChange, formatMoney, formatNps, formatShare } from './kpi-format';
import { lastDays, periodDays, pickedDays } from './period';

// Intl separates thousands with a narrow no-break space in Russian; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('KPI formatting', () => {
  it('writes money from kopecks in roubles, in both languages', () => {
    expect(plain(formatMoney(123_456, 'ru'))).toBe('1 234,56 ₽');
    expect(formatMoney(123_456, 'en')).toBe('1,234.56 ₽');
    expect(formatMoney(500_000, 'en')).toBe('5,000 ₽');
    expect(plain(formatMoney(123_456_789, 'ru'))).toBe('1 234 568 ₽');
  });

  it('shows a change against the previous period as an arrow and a percentage', () => {
    expect(formatChange(0.084, 'en')).toEqual({ trend: 'up', text: '▲ 8.4 %' });
    expect(formatChange(0.125, 'en')).toEqual({ trend: 'up', text: '▲ 13 %' });
    expect(formatChange(-0.034, 'ru')).toEqual({ trend: 'down', text: '▼ 3,4 %' });
    expect(formatChange(1.5, 'en')).toEqual({ trend: 'up', text: '▲ 150 %' });
    expect(formatChange(0.0001, 'en')).toEqual({ trend: 'flat', text: '0 %' });
    expect(formatChange(null, 'en')).toEqual({ trend: 'none', text: '—' });
  });

  it('writes shares and NPS scores', () => {
    expect(formatShare(0.42, 'en')).toBe('42 %');
    expect(formatShare(0.035, 'ru')).toBe('3,5 %');
    expect(formatNps(33.4, 'en')).toBe('+33');
    expect(formatNps(-12.6, 'en')).toBe('-13');
    expect(formatNps(null, 'en')).toBe('—');
  });
});

describe('KpiCard', () => {
  const render = (props: Record<string, unknown>, locale: 'en' | 'ru' = 'en') =>
    mount(KpiCard, { props: { label: 'Churn', value: '12 %', ...props }, global: { plugins: [createI18n({ legacy: false, locale, messages: { en, ru } })] } });

  it('colours a rise green when more is better and red when less is better', () => {
    const good = render({ change: 0.2, previous: '10 %' });
    expect(good.find('[data-testid="kpi-change"]').text()).toBe('▲ 20 % was 10 %');
    expect(good.find('[data-testid="kpi-change"]').classes()).toContain('kpi__change--good');
    const bad = render({ change: 0.2, previous: '10 %', better: 'down' }, 'ru');
    expect(bad.find('[data-testid="kpi-change"]').classes()).toContain('kpi__change--bad');
    expect(bad.text()).toContain('было 10 %');
  });

  it('leaves the change out when there is none to show', () => {
    expect(render({}).find('[data-testid="kpi-change"]').exists()).toBe(false);
  });
});

describe('dashboard period and charts', () => {
  it('counts whole days up to the end of today', () => {
    const now = new Date(2026, 10, 22, 15, 30);
    const p = lastDays(30, now);
    expect(p.to).toEqual(new Date(2026, 10, 23));
    expect(periodDays(p)).toBe(30);
    expect(pickedDays(new Date(2026, 10, 10, 12).getTime(), new Date(2026, 10, 1).getTime())).toEqual({ from: new Date(2026, 10, 1), to: new Date(2026, 10, 11) });
  });

  it('puts each cohort on a row and each month after joining in a column, in percent', () => {
    const option = cohortHeatmap(
      [
        { cohort: '2026-09', size: 10, retention: [1, 0.5] },
        { cohort: '2026-10', size: 4, retention: [0.25] },
      ],
      { month: (k) => `M${k}`, tooltip: () => '' },
      'en',
    ) as { xAxis: { data: string[] }; yAxis: { data: string[] }; series: { data: number[][] }[] };
    expect(option.xAxis.data).toEqual(['M0', 'M1']);
    expect(option.yAxis.data).toEqual(['2026-09', '2026-10']);
    expect(option.series[0].data).toEqual([[0, 0, 100], [1, 0, 50], [0, 1, 25]]);
  });

  it('names members without a tier', () => {
    const option = tierDoughnut([{ tier: 'Gold', members: 3 }, { tier: null, members: 7 }], 'No tier') as { series: { data: unknown[] }[] };
    expect(option.series[0].data).toEqual([{ name: 'Gold', value: 3 }, { name: 'No tier', value: 7 }]);
  });
});
