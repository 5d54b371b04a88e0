import { describe, expect, it } from 'vitest';
import { bucket, fnv1a, pickVariant, spread, variantPicker } from './hash';

// A member's variant must never move: not between servers, not after an upgrade. These
// figures were taken from the first implementation (FNV-1a of the joined "key:id" string).
const PINNED: [string, string, number, string][] = [
  ['double-points', '1', 0.4120031006168574, 'B'],
  ['launch-test', '42', 0.9248001263476908, 'B'],
  ['k1', '1000001', 0.1999620795249939, 'A'],
  ['зима-2026', 'M-ёж', 0.6930090673267841, 'B'],
  ['', '', 0.28190421988256276, 'A'],
];

describe('the A/B hash', () => {
  it('keeps every member in the variant they were given', () => {
    for (const [key, memberId, expectedBucket, expectedVariant] of PINNED) {
      expect(bucket(key, memberId)).toBe(expectedBucket);
      expect(pickVariant(key, memberId, [{ key: 'A', weight: 30 }, { key: 'B', weight: 70 }])).toBe(expectedVariant);
    }
  });

  it('hashes key and id as the joined string would be hashed', () => {
    for (let i = 0; i < 2000; i++) {
      const key = `exp-${(i * 7919) % 97}`;
      const memberId = String(i * 104_729);
      expect(bucket(key, memberId)).toBe(spread(fnv1a(`${key}:${memberId}`)));
    }
  });

  it('gives the same variant from a split compiled once as from pickVariant', () => {
    const layouts = [
      [{ key: 'A', weight: 30 }, { key: 'B', weight: 70 }],
      [{ key: 'A', weight: 33 }, { key: 'B', weight: 33 }, { key: 'C', weight: 34 }],
      [{ key: 'x', weight: 0 }, { key: 'y', weight: 100 }],
      [{ key: 'p', weight: 10 }, { key: 'q', weight: 0 }, { key: 'r', weight: 45 }, { key: 's', weight: 45 }],
    ];
    for (const variants of layouts) {
      const pick = variantPicker('exp', variants);
      const seen = new Set<string>();
      for (let i = 0; i < 3000; i++) {
        const memberId = String(i * 7);
        const key = variants[pick(memberId)].key;
        expect(key).toBe(pickVariant('exp', memberId, variants));
        seen.add(key);
      }
      // Every weighted variant is reached and none of weight 0.
      expect([...seen].sort()).toEqual(variants.filter((v) => v.weight > 0).map((v) => v.key));
    }
  });
});
