import type { MetricComparison, PrimaryMetric, VariantResult } from './experiments.service';

export const VERDICT_STATUSES = ['collecting', 'sampleRatioMismatch', 'noDifference', 'variantWins', 'controlWins'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export interface Verdict {
  status: VerdictStatus;
  /** The variant to roll out, when there is one. */
  winner: string | null;
  /** The significance level used: 0.05, divided among the comparisons (Bonferroni). */
  alpha: number;
  message: { ru: string; en: string };
}

const METRIC_WORDS: Record<PrimaryMetric, { ru: string; en: string }> = {
  conversionRate: { ru: 'конверсия в покупку', en: 'conversion to purchase' },
  revenuePerMember: { ru: 'выручка на участника', en: 'revenue per member' },
  averageOrderValue: { ru: 'средний чек', en: 'average order value' },
  purchasesPerMember: { ru: 'покупок на участника', en: 'purchases per member' },
  netPerMember: { ru: 'доход за вычетом бонусов на участника', en: 'net revenue per member' },
};

/** A value in words: rates as percentages (points for differences), money in major units. */
function show(metric: PrimaryMetric, value: number, currency: string, difference = false): string {
  const sign = difference && value > 0 ? '+' : '';
  if (metric === 'conversionRate') return `${sign}${(value * 100).toFixed(1)}${difference ? ' pp' : ' %'}`;
  if (metric === 'purchasesPerMember') return `${sign}${value.toFixed(2)}`;
  return `${sign}${(value / 100).toFixed(2)} ${currency}`;
}

const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/**
 * What the numbers say, in plain words. No winner before every variant has `minSample`
 * members, none when the split itself is broken, and a winner only where the interval
 * excludes zero at the corrected significance level.
 */
export function verdictOf(input: { variants: VariantResult[]; primaryMetric: PrimaryMetric; minSample: number; sampleRatioMismatch: boolean; currency: string }): Verdict {
  const { variants, primaryMetric, minSample, currency } = input;
  const alpha = 0.05 / Math.max(1, variants.length - 1);
  const smallest = variants.reduce((min, v) => Math.min(min, v.exposed), Number.POSITIVE_INFINITY);
  if (variants.length < 2 || smallest < minSample) {
    const have = Number.isFinite(smallest) ? smallest : 0;
    return {
      status: 'collecting',
      winner: null,
      alpha,
      message: {
        ru: `Данных пока мало: нужно не меньше ${minSample} участников в каждом варианте, в самом малом — ${have}. Победителя не объявляем.`,
        en: `Not enough data yet: at least ${minSample} members per variant are needed, the smallest has ${have}. No winner is called.`,
      },
    };
  }
  if (input.sampleRatioMismatch) {
    return {
      status: 'sampleRatioMismatch',
      winner: null,
      alpha,
      message: {
        ru: 'Участники распределились по вариантам не так, как заданы веса: разбиение сломано (ошибка, боты, фильтр). Результатам нельзя доверять.',
        en: 'Members did not split in the configured proportions: the split is broken (a bug, bots, a filter). Do not trust these results.',
      },
    };
  }
  const control = variants[0];
  const words = METRIC_WORDS[primaryMetric];
  const primary = (v: VariantResult) => v.comparisons.find((c) => c.metric === primaryMetric) as MetricComparison;
  const significant = variants.slice(1).filter((v) => primary(v).pValue !== null && primary(v).pValue! < alpha);
  const better = significant.filter((v) => primary(v).absoluteUplift > 0).sort((a, b) => primary(b).absoluteUplift - primary(a).absoluteUplift);
  if (better.length > 0) {
    const best = better[0];
    const c = primary(best);
    const detail = `${show(primaryMetric, c.value, currency)} vs ${show(primaryMetric, c.control, currency)} (${show(primaryMetric, c.absoluteUplift, currency, true)}, 95 % CI ${show(primaryMetric, c.ciLow, currency, true)} … ${show(primaryMetric, c.ciHigh, currency, true)}, ${pText(c.pValue!)})`;
    return {
      status: 'variantWins',
      winner: best.key,
      alpha,
      message: {
        ru: `Вариант ${best.key} лучше контрольного ${control.key}: ${words.ru} ${detail}.`,
        en: `Variant ${best.key} beats the control ${control.key}: ${words.en} ${detail}.`,
      },
    };
  }
  if (significant.length > 0 && significant.length === variants.length - 1) {
    return {
      status: 'controlWins',
      winner: control.key,
      alpha,
      message: {
        ru: `Контрольный вариант ${control.key} лучше всех остальных: ${words.ru} у них значимо ниже.`,
        en: `The control ${control.key} does better than every other variant: their ${words.en} is significantly lower.`,
      },
    };
  }
  return {
    status: 'noDifference',
    winner: null,
    alpha,
    message: {
      ru: `Значимой разницы нет: ${words.ru} в вариантах не отличается при уровне значимости ${alpha.toFixed(3)}. Можно продолжать набирать данные.`,
      en: `No significant difference: ${words.en} does not differ between the variants at significance level ${alpha.toFixed(3)}. Keep collecting data.`,
    },
  };
}
