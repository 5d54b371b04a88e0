import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@patron/schema/flow';
import { autoLayout } from './auto-layout';
import { diffView } from './diff-view';
import { addNode, connect, copyFragment, duplicate, isClipboard, moveNodes, pasteFragment, readGraph, removeElements, setParam, setParams } from './graph-edits';

function build(): FlowGraph {
  let g: FlowGraph = { nodes: [], edges: [] };
  for (const kind of ['trigger.purchase', 'condition.amount', 'split.ab', 'action.awardPoints', 'action.awardPoints']) g = addNode(g, kind, { x: 0, y: 0 }).graph;
  const links: [string, string, string][] = [
    ['purchase-1', 'out', 'amount-1'],
    ['amount-1', 'true', 'ab-1'],
    ['ab-1', 'A', 'awardPoints-1'],
    ['ab-1', 'B', 'awardPoints-2'],
  ];
  for (const [source, sourcePort, target] of links) g = connect(g, { source, sourcePort, target }).graph;
  return g;
}

describe('graph edits', () => {
  it('adds nodes with readable unique ids and every default written out', () => {
    const g = build();
    expect(g.nodes.map((n) => n.id)).toEqual(['purchase-1', 'amount-1', 'ab-1', 'awardPoints-1', 'awardPoints-2']);
    expect(g.nodes[1].params).toEqual({ op: 'gte', value: 100_000 });
    expect(g.edges).toHaveLength(4);
  });

  it('refuses what canConnect refuses, with its reason', () => {
    const g = build();
    const result = connect(g, { source: 'amount-1', sourcePort: 'false', target: 'purchase-1' });
    expect(result.graph).toBe(g);
    expect(result.reason?.en).toMatch(/trigger/);
    expect(connect(g, { source: 'awardPoints-1', sourcePort: 'out', target: 'amount-1' }).reason?.en).toMatch(/loop/);
  });

  it('deletes a node with its edges, and leaves the old graph as it was', () => {
    const g = build();
    const next = removeElements(g, ['ab-1']);
    expect(next.nodes.map((n) => n.id)).not.toContain('ab-1');
    expect(next.edges.map((e) => e.source + e.target)).toEqual(['purchase-1amount-1']);
    expect(g.edges).toHaveLength(4);
    expect(removeElements(g, [], [])).toBe(g);
  });

  it('keeps a branch attached when its A/B variant is renamed', () => {
    const g = build();
    const next = setParam(g, 'ab-1', 'variants', [{ key: 'control', weight: 50 }, { key: 'B', weight: 50 }]);
    expect(next.edges.find((e) => e.target === 'awardPoints-1')?.sourcePort).toBe('control');
    const removed = setParams(g, 'ab-1', { experimentKey: 'x', variants: [{ key: 'A', weight: 100 }] });
    expect(removed.edges).toHaveLength(4);
  });

  it('copies and pastes a fragment with fresh ids and its inner edges only', () => {
    const g = build();
    const fragment = copyFragment(g, ['ab-1', 'awardPoints-1']);
    expect(isClipboard(JSON.parse(JSON.stringify(fragment)))).toBe(true);
    const { graph, ids } = pasteFragment(g, fragment, { x: 40, y: 40 });
    expect(ids).toEqual(['ab-2', 'awardPoints-3']);
    expect(graph.edges.filter((e) => ids.includes(e.source))).toEqual([{ id: 'ab-2.A.awardPoints-3', source: 'ab-2', sourcePort: 'A', target: 'awardPoints-3' }]);
    expect(graph.nodes.find((n) => n.id === 'ab-2')?.position).toEqual({ x: 40, y: 40 });
    expect(duplicate(g, ['amount-1']).ids).toEqual(['amount-2']);
  });

  it('moves nodes, and returns the same graph when nothing moved', () => {
    const g = build();
    expect(moveNodes(g, new Map([['amount-1', { x: 0, y: 0 }]]))).toBe(g);
    expect(moveNodes(g, new Map([['amount-1', { x: 10.4, y: 5.6 }]])).nodes[1].position).toEqual({ x: 10, y: 6 });
  });

  it('lays the flow out left to right, branches one above the other', () => {
    const positions = autoLayout(build());
    const x = (id: string) => positions.get(id)!.x;
    expect(x('purchase-1')).toBeLessThan(x('amount-1'));
    expect(x('amount-1')).toBeLessThan(x('ab-1'));
    expect(x('awardPoints-1')).toBe(x('awardPoints-2'));
    expect(positions.get('awardPoints-1')!.y).not.toBe(positions.get('awardPoints-2')!.y);
  });

  it('draws a diff: removed nodes and edges come back from the older graph, marked', () => {
    const before = build();
    const after = setParam(removeElements(before, ['awardPoints-2']), 'amount-1', 'value', 150_000);
    const view = diffView(before, after, { nodesAdded: [], nodesRemoved: ['awardPoints-2'], nodesChanged: ['amount-1'], edgesAdded: [], edgesRemoved: ['ab-1.B.awardPoints-2'] });
    expect(view.graph.nodes.map((n) => n.id)).toContain('awardPoints-2');
    expect(view.nodes.get('awardPoints-2')).toBe('removed');
    expect(view.nodes.get('amount-1')).toBe('changed');
    expect(view.edgeClasses.get('ab-1.B.awardPoints-2')).toBe('flow-edge--removed');
  });

  it('reads whatever the server stored into a graph', () => {
    expect(readGraph(null)).toEqual({ nodes: [], edges: [] });
    expect(readGraph({ nodes: [{ id: 'a', kind: 'trigger.purchase' }] }).nodes[0]).toEqual({ id: 'a', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } });
  });
});
