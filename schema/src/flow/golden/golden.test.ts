import { describe, expect, it } from 'vitest';
import { NODE_CATALOG } from '../catalog';
import { golden, runGoldenCase } from './golden';

describe(`golden cases (spec version ${golden.version})`, () => {
  it.each(golden.cases.map((c) => [c[0], c] as const))('%s', (_name, goldenCase) => {
    const expected = goldenCase[4];
    const outcome = runGoldenCase(golden, goldenCase);
    if ('diagnostics' in expected) {
      expect(outcome.diagnostics).toEqual(expected.diagnostics);
    } else {
      expect(outcome.diagnostics).toBeUndefined();
      expect(outcome.effects).toEqual(expected.effects);
      if (expected.path) expect(outcome.path).toEqual(expected.path);
    }
  });

  it('cover every node kind in the catalog', () => {
    const used = new Set(golden.cases.flatMap((c) => c[1].nodes.map((n) => n.kind)));
    expect([...NODE_CATALOG.keys()].filter((kind) => !used.has(kind))).toEqual([]);
  });
});
