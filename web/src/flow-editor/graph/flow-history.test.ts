import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@patron/schema/flow';
import { createFlowHistory } from './flow-history';
import { addNode, setParam } from './graph-edits';

const empty: FlowGraph = { nodes: [], edges: [] };

function clock() {
  let now = 0;
  return { now: () => now, tick: (ms: number) => (now += ms) };
}

describe('undo/redo history', () => {
  it('undoes and redoes whole edits, and a new edit drops what could be redone', () => {
    const history = createFlowHistory(empty);
    const one = addNode(empty, 'trigger.purchase', { x: 0, y: 0 }).graph;
    const two = addNode(one, 'action.awardPoints', { x: 200, y: 0 }).graph;
    history.apply(one);
    history.apply(two);
    expect(history.canUndo.value).toBe(true);
    expect(history.undo()).toBe(true);
    expect(history.graph.value).toBe(one);
    expect(history.canRedo.value).toBe(true);
    expect(history.redo()).toBe(true);
    expect(history.graph.value).toBe(two);
    history.undo();
    history.undo();
    expect(history.graph.value).toBe(empty);
    expect(history.undo()).toBe(false);
    history.apply(two);
    expect(history.canRedo.value).toBe(false);
  });

  it('makes a burst of edits to one parameter (typing) a single step, but not edits far apart', () => {
    const time = clock();
    const start = addNode(empty, 'condition.amount', { x: 0, y: 0 }).graph;
    const history = createFlowHistory(start, { coalesceMs: 1000, now: time.now });
    for (const value of [1, 15, 150, 1500]) {
      history.apply(setParam(history.graph.value, 'amount-1', 'value', value), 'param:amount-1:value');
      time.tick(200);
    }
    expect(history.graph.value.nodes[0].params.value).toBe(1500);
    history.undo();
    expect(history.graph.value).toBe(start);

    history.redo();
    time.tick(5000);
    history.apply(setParam(history.graph.value, 'amount-1', 'value', 9), 'param:amount-1:value');
    history.undo();
    expect(history.graph.value.nodes[0].params.value).toBe(1500);
  });

  it('keeps edits of different parameters as separate steps', () => {
    const time = clock();
    const start = addNode(empty, 'condition.amount', { x: 0, y: 0 }).graph;
    const history = createFlowHistory(start, { now: time.now });
    history.apply(setParam(start, 'amount-1', 'value', 5), 'param:amount-1:value');
    history.apply(setParam(history.graph.value, 'amount-1', 'op', 'lt'), 'param:amount-1:op');
    history.undo();
    expect(history.graph.value.nodes[0].params).toMatchObject({ value: 5, op: 'gte' });
  });

  it('forgets the oldest steps past its limit, and reset starts over', () => {
    const history = createFlowHistory(empty, { limit: 3 });
    let graph = empty;
    for (let i = 0; i < 5; i++) {
      graph = addNode(graph, 'action.awardPoints', { x: i, y: 0 }).graph;
      history.apply(graph);
    }
    let undone = 0;
    while (history.undo()) undone++;
    expect(undone).toBe(3);
    expect(history.graph.value.nodes).toHaveLength(2);
    history.reset(empty);
    expect(history.canUndo.value).toBe(false);
    expect(history.canRedo.value).toBe(false);
  });

  it('ignores an edit that changed nothing', () => {
    const history = createFlowHistory(empty);
    history.apply(empty);
    expect(history.canUndo.value).toBe(false);
  });
});
