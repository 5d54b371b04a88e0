import { describe, expect, it } from 'vitest';
import { miniMapLayout, toFlowPoint } from './minimap-layout';

const size = { width: 200, height: 140 };

describe('the overview map layout', () => {
  it('fits the nodes and the view inside the map, keeping proportions', () => {
    const nodes = [
      { x: 0, y: 0, width: 200, height: 80 },
      { x: 5000, y: 3000, width: 200, height: 80 },
    ];
    // The view shows flow x 0..800, y 0..500 at zoom 1.
    const layout = miniMapLayout(nodes, { x: 0, y: 0, zoom: 1 }, { width: 800, height: 500 }, size);
    for (const b of [...layout.boxes, layout.view]) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(size.width + 1e-9);
      expect(b.y + b.height).toBeLessThanOrEqual(size.height + 1e-9);
    }
    // Same scale both ways: the boxes keep their 200:80 shape.
    expect(layout.boxes[0].width / layout.boxes[0].height).toBeCloseTo(2.5);
    // The far node lies right and below the first, the view frame starts at the first.
    expect(layout.boxes[1].x).toBeGreaterThan(layout.boxes[0].x);
    expect(layout.view.x).toBeCloseTo(layout.boxes[0].x);
    expect(layout.view.width / layout.view.height).toBeCloseTo(800 / 500);
  });

  it('follows the viewport: panned right and zoomed in, the frame moves and shrinks', () => {
    const nodes = [{ x: 0, y: 0, width: 4000, height: 2000 }];
    const whole = miniMapLayout(nodes, { x: 0, y: 0, zoom: 1 }, { width: 800, height: 500 }, size);
    const zoomed = miniMapLayout(nodes, { x: -2000, y: -1000, zoom: 2 }, { width: 800, height: 500 }, size);
    expect(zoomed.view.width).toBeCloseTo(whole.view.width / 2);
    expect(zoomed.view.x).toBeGreaterThan(whole.view.x);
  });

  it('maps a click back to the flow point under it', () => {
    const nodes = [
      { x: -300, y: 100, width: 200, height: 80 },
      { x: 2400, y: 1800, width: 200, height: 80 },
    ];
    const layout = miniMapLayout(nodes, { x: 100, y: -50, zoom: 0.5 }, { width: 900, height: 600 }, size);
    const second = layout.boxes[1];
    const point = toFlowPoint(layout, { x: second.x + second.width / 2, y: second.y + second.height / 2 });
    expect(point.x).toBeCloseTo(2500);
    expect(point.y).toBeCloseTo(1840);
  });

  it('draws an empty flow as the view alone', () => {
    const layout = miniMapLayout([], { x: 0, y: 0, zoom: 1 }, { width: 800, height: 500 }, size);
    expect(layout.boxes).toEqual([]);
    expect(layout.view.width).toBeGreaterThan(0);
    expect(Number.isFinite(layout.scale)).toBe(true);
  });
});
