import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@patron/schema/flow';
import { fromCanvas, fromConnection, INPUT_HANDLE, toCanvasEdges, toCanvasNode, toCanvasNodes } from './canvas-mapping';

const graph: FlowGraph = {
  nodes: [
    { id: 'trigger', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
    { id: 'amount', kind: 'condition.amount', params: { op: 'gte', value: 100_000 }, position: { x: 260, y: 10 } },
    { id: 'split', kind: 'split.ab', params: { experimentKey: 'x', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] }, position: { x: 520, y: 0 } },
    { id: 'award', kind: 'action.awardPoints', params: { mode: 'fixed', amount: 100 }, position: { x: 800, y: -80 } },
    { id: 'mystery', kind: 'action.teleport', params: {}, position: { x: 800, y: 80 } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourcePort: 'out', target: 'amount' },
    { id: 'e2', source: 'amount', sourcePort: 'true', target: 'split' },
    { id: 'e3', source: 'split', sourcePort: 'A', target: 'award' },
  ],
};

describe('canvas mapping', () => {
  it('round-trips a graph through Vue Flow nodes and edges unchanged', () => {
    expect(fromCanvas(toCanvasNodes(graph), toCanvasEdges(graph))).toEqual(graph);
  });

  it('draws each node with its group component and each edge from a named port into the input', () => {
    expect(toCanvasNodes(graph).map((n) => n.type)).toEqual(['trigger', 'condition', 'flow', 'action', 'unknown']);
    expect(toCanvasEdges(graph)[2]).toMatchObject({ source: 'split', sourceHandle: 'A', target: 'award', targetHandle: INPUT_HANDLE });
  });

  it('gives Vue Flow the same object for a node that did not change, and a new one for an edited node', () => {
    const before = toCanvasNodes(graph);
    const edited: FlowGraph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'amount' ? { ...n, params: { op: 'gte', value: 150_000 } } : n)) };
    const after = toCanvasNodes(edited);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1].data?.params).toEqual({ op: 'gte', value: 150_000 });
    expect(toCanvasNode(graph.nodes[3])).toBe(before[3]);
  });

  it('marks simulated or diffed edges with a class, and animates the visited path', () => {
    const edges = toCanvasEdges(graph, new Map([['e2', 'flow-edge--visited']]));
    expect(edges[1]).toMatchObject({ class: 'flow-edge--visited', animated: true });
    expect(edges[0]).toMatchObject({ class: undefined, animated: false });
  });

  it('reads a drawn connection as ports, defaulting to the single output', () => {
    expect(fromConnection({ source: 'a', sourceHandle: 'false', target: 'b', targetHandle: 'in' })).toEqual({ source: 'a', sourcePort: 'false', target: 'b' });
    expect(fromConnection({ source: 'a', sourceHandle: null, target: 'b', targetHandle: null })).toEqual({ source: 'a', sourcePort: 'out', target: 'b' });
  });
});
