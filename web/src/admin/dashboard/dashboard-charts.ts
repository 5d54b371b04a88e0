import type { EChartsOption } from 'echarts';

// Chart options as pure functions of the analytics data, so that they can be tested
// without a canvas. Colours follow the console's violet; labels come from the caller.
const VIOLET = '#5b4bdb';
const PALETTE = ['#5b4bdb', '#1a9e75', '#e0a100', '#d9534f', '#3a86c8', '#8c6bb1', '#6b7280'];
const TEXT = '#3d4152';

export interface CohortRow {
  cohort: string;
  size: number;
  retention: readonly number[];
}

/** Cohorts by join month down, months since joining across, share who bought in each cell. */
export function cohortHeatmap(cohorts: readonly CohortRow[], labels: { month: (k: number) => string; tooltip: (cohort: string, k: number, share: string, size: number) => string }, locale: string): EChartsOption {
  const months = Math.max(0, ...cohorts.map((c) => c.retention.length));
  const data = cohorts.flatMap((c, y) => c.retention.map((share, x) => [x, y, Math.round(share * 1000) / 10]));
  const percent = (v: number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v)} %`;
  return {
    aria: { enabled: true },
    textStyle: { color: TEXT },
    grid: { left: 90, right: 16, top: 8, bottom: 64 },
    tooltip: {
      formatter: (p: unknown) => {
        const [x, y, v] = (p as { value: [number, number, number] }).value;
        return labels.tooltip(cohorts[y].cohort, x, percent(v), cohorts[y].size);
      },
    },
    xAxis: { type: 'category', data: Array.from({ length: months }, (_, k) => labels.month(k)), splitArea: { show: true }, axisLabel: { color: TEXT } },
    yAxis: { type: 'category', data: cohorts.map((c) => c.cohort), inverse: true, splitArea: { show: true }, axisLabel: { color: TEXT } },
    visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f3f1fd', VIOLET] }, formatter: (v: unknown) => percent(Number(v)), textStyle: { color: TEXT } },
    series: [{ type: 'heatmap', data, label: { show: cohorts.length <= 14 && months <= 13, formatter: (p: unknown) => percent((p as { value: number[] }).value[2]), fontSize: 10 } }],
  };
}

/** Members per tier as a doughnut; members without a tier are named by the caller. */
export function tierDoughnut(distribution: readonly { tier: string | null; members: number }[], noTier: string): EChartsOption {
  return {
    aria: { enabled: true },
    color: PALETTE,
    textStyle: { color: TEXT },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { color: TEXT } },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['50%', '44%'],
        label: { formatter: '{b}: {c}', color: TEXT },
        data: distribution.map((d) => ({ name: d.tier ?? noTier, value: d.members })),
      },
    ],
  };
}

export interface NpsPoint {
  month: string;
  score: number | null;
  responses: number;
}

/** NPS by month (−100…100) as a line; months without answers are gaps, not zeros. */
export function npsLine(points: readonly NpsPoint[], name: string): EChartsOption {
  return {
    aria: { enabled: true },
    textStyle: { color: TEXT },
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => p.month), axisLabel: { color: TEXT } },
    yAxis: { type: 'value', min: -100, max: 100, axisLabel: { color: TEXT } },
    series: [{ name, type: 'line', data: points.map((p) => (p.score === null ? null : Math.round(p.score))), connectNulls: false, symbolSize: 8, lineStyle: { width: 3, color: VIOLET }, itemStyle: { color: VIOLET }, markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#9a9db0' } } }],
  };
}

/** A count over time (a segment's size history) as an area line. */
export function sizeLine(points: readonly { at: string; value: number }[], name: string): EChartsOption {
  return {
    aria: { enabled: true },
    textStyle: { color: TEXT },
    grid: { left: 56, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.at), axisLabel: { color: TEXT } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT } },
    series: [{ name, type: 'line', data: points.map((p) => p.value), areaStyle: { color: 'rgba(91, 75, 219, 0.12)' }, lineStyle: { color: VIOLET, width: 2 }, itemStyle: { color: VIOLET }, showSymbol: points.length < 40 }],
  };
}

/** Answers per option, as horizontal bars. */
export function optionBars(options: readonly { label: string; count: number }[], name: string): EChartsOption {
  return {
    aria: { enabled: true },
    textStyle: { color: TEXT },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT } },
    yAxis: { type: 'category', data: options.map((o) => o.label), inverse: true, axisLabel: { color: TEXT, width: 180, overflow: 'truncate' } },
    series: [{ name, type: 'bar', data: options.map((o) => o.count), itemStyle: { color: VIOLET, borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', color: TEXT } }],
  };
}
