import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** A difference between a variant and the control, with its 95 % interval and p-value. */
export interface Comparison {
  control: number;
  value: number;
  /** value − control. */
  absoluteUplift: number;
  /** (value − control) / control; null when the control is 0. */
  relativeUplift: number | null;
  /** 95 % confidence interval of the absolute uplift. */
  ciLow: number;
  ciHigh: number;
  /** Two-sided; null when the test is undefined (too few observations, no variance). */
  pValue: number | null;
}

/** Count, sum and sum of squares of a per-unit metric: enough for a mean and a variance. */
export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

const Z_975 = normalQuantile(0.975, 0, 1);
// Tail probabilities are taken from the lower tail at −|x| (or the upper incomplete gamma),
// never as 1 − cdf, which rounds p-values below 1e-16 to zero.
const normalTwoSided = (z: number) => 2 * normalCdf(-Math.abs(z), 0, 1);
const tTwoSided = (t: number, df: number) => 2 * tCdf(-Math.abs(t), df);
/** P(X ≥ x) for X ~ chi-squared with k degrees of freedom: the regularized upper incomplete gamma. */
const chiSquaredUpperTail = (x: number, k: number) => gammainc(x / 2, k / 2, true, true);

export const mean = (m: Moments) => (m.n > 0 ? m.sum / m.n : 0);
/** Sample variance (n − 1 in the denominator); 0 for fewer than two observations. */
export function variance(m: Moments): number {
  if (m.n < 2) return 0;
  return Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1));
}

/**
 * Two-proportion z-test of x2/n2 against x1/n1: the pooled proportion for the p-value,
 * the unpooled standard error for the interval (Wald).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): Comparison {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const diff = p2 - p1;
  const base = { control: p1, value: p2, absoluteUplift: diff, relativeUplift: p1 > 0 ? diff / p1 : null };
  if (n1 === 0 || n2 === 0) return { ...base, ciLow: Number.NaN, ciHigh: Number.NaN, pValue: null };
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const pValue = pooledSe > 0 ? normalTwoSided(diff / pooledSe) : diff === 0 ? 1 : 0;
  return { ...base, ciLow: diff - Z_975 * se, ciHigh: diff + Z_975 * se, pValue };
}

/** Welch's unequal-variances t-test of the mean of `b` against the mean of `a`. */
export function welchTest(a: Moments, b: Moments): Comparison {
  const m1 = mean(a);
  const m2 = mean(b);
  const diff = m2 - m1;
  const base = { control: m1, value: m2, absoluteUplift: diff, relativeUplift: m1 !== 0 ? diff / m1 : null };
  if (a.n < 2 || b.n < 2) return { ...base, ciLow: Number.NaN, ciHigh: Number.NaN, pValue: null };
  const va = variance(a) / a.n;
  const vb = variance(b) / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { ...base, ciLow: diff, ciHigh: diff, pValue: diff === 0 ? 1 : 0 };
  // Welch–Satterthwaite degrees of freedom.
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = diff / se;
  const margin = tQuantile(0.975, df) * se;
  return { ...base, ciLow: diff - margin, ciHigh: diff + margin, pValue: tTwoSided(t, df) };
}

/**
 * Sample-ratio mismatch: a chi-squared goodness-of-fit test of the observed counts per
 * variant against the configured weights. A tiny p-value means the split is broken (a bug,
 * a bot, a filter), and no result from it should be trusted.
 */
export function sampleRatioTest(observed: number[], weights: number[]): { chiSquared: number; pValue: number | null } {
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let chiSquared = 0;
  let cells = 0;
  for (let i = 0; i < observed.length; i++) {
    if (weights[i] <= 0) continue;
    const expected = (total * weights[i]) / weightSum;
    chiSquared += (observed[i] - expected) ** 2 / expected;
    cells += 1;
  }
  if (total === 0 || cells < 2) return { chiSquared: 0, pValue: null };
  return { chiSquared, pValue: chiSquaredUpperTail(chiSquared, cells - 1) };
}
