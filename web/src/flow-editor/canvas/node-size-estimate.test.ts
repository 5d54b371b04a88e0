import { describe, expect, it } from 'vitest';
import { estimateNodeSize } from './node-size-estimate';

describe('estimateNodeSize', () => {
  it('places an input on the left and one output per port on the right, a row each', () => {
    const condition = estimateNodeSize('c', 'condition.amount', { op: 'gte', value: 1000 });
    expect(condition.handleBounds.target.map((h) => h.id)).toEqual(['in']);
    expect(condition.handleBounds.source.map((h) => h.id)).toEqual(['true', 'false']);
    expect(condition.handleBounds.source[1].y - condition.handleBounds.source[0].y).toBe(19);
    expect(condition.dimensions.height).toBeGreaterThan(estimateNodeSize('a', 'action.awardPoints', { mode: 'fixed', amount: 1 }).dimensions.height);
  });

  it('gives a trigger no input, and never a whole-pixel width (so the measured size always replaces it)', () => {
    const trigger = estimateNodeSize('t', 'trigger.purchase', {});
    expect(trigger.handleBounds.target).toEqual([]);
    expect(Number.isInteger(trigger.dimensions.width)).toBe(false);
    expect(estimateNodeSize('x', 'no.such-kind', {}).handleBounds.source.map((h) => h.id)).toEqual(['out']);
  });
});
