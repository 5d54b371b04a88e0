import { describe, expect, it } from 'vitest';
import { sampleRatioTest, twoProportionTest, welchTest, type Moments } from '../src/experiments/statistics';

// Reference values computed with SciPy 1.10 (stats.norm, stats.ttest_ind(equal_var=False), stats.chisquare).
const close = (actual: number | null, expected: number) => expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-6);
const moments = (xs: number[]): Moments => ({ n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSquares: xs.reduce((a, b) => a + b * b, 0) });

describe('two-proportion z-test', () => {
  it('matches the reference for 200/1000 against 250/1000', () => {
    const r = twoProportionTest(200, 1000, 250, 1000);
    close(r.pValue, 0.007419649261025687);
    close(r.ciLow, 0.01346362168753984);
    close(r.ciHigh, 0.08653637831246014);
    close(r.absoluteUplift, 0.05);
    close(r.relativeUplift, 0.25);
  });
  it('says nothing when a variant has no members, and p = 1 when nothing differs', () => {
    expect(twoProportionTest(0, 0, 5, 10).pValue).toBeNull();
    expect(twoProportionTest(0, 10, 0, 10).pValue).toBe(1);
  });
});

describe("Welch's t-test", () => {
  const a = [12, 15, 11, 19, 14, 13, 17, 16, 10, 18];
  const b = [20, 14, 22, 18, 25, 17, 21, 19, 23, 16, 24, 15];
  it('matches the reference from the sums alone', () => {
    const r = welchTest(moments(a), moments(b));
    close(r.pValue, 0.002077609918084267);
    close(r.ciLow, 2.0499491384189548);
    close(r.ciHigh, 7.950050861581046);
    close(r.absoluteUplift, 234 / 12 - 145 / 10);
  });
  it('needs two observations a side', () => {
    expect(welchTest(moments([1]), moments(b)).pValue).toBeNull();
  });
});

describe('sample-ratio mismatch', () => {
  it('flags 4,500 / 5,500 on 50/50 weights with 10,000 members, without rounding p to zero', () => {
    const r = sampleRatioTest([4500, 5500], [50, 50]);
    close(r.chiSquared, 100);
    expect(r.pValue).toBeGreaterThan(0);
    expect(Math.abs(r.pValue! - 1.5239706048320995e-23) / 1.5239706048320995e-23).toBeLessThan(1e-6);
  });
  it('accepts 5,050 / 4,950 and tests three variants against their weights', () => {
    close(sampleRatioTest([5050, 4950], [50, 50]).pValue, 0.31731050786291115);
    close(sampleRatioTest([2100, 3950, 3950], [20, 40, 40]).pValue, 0.04393693362340742);
  });
  it('ignores variants weighted 0 (a declared winner takes all)', () => {
    expect(sampleRatioTest([100, 0], [100, 0]).pValue).toBeNull();
  });
});
