import { describe, expect, it } from 'vitest';
import type { FlowGraph } from './graph';
import { canConnect, validateGraph } from './validate';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourcePort = 'out', id = `${source}-${sourcePort}-${target}`) => ({ id, source, sourcePort, target });

const good: FlowGraph = {
  nodes: [node('t', 'trigger.purchase'), node('c', 'condition.amount', { op: 'gte', value: 100_000 }), node('s', 'split.ab'), node('a', 'action.awardPoints', { amount: 200 }), node('b', 'action.awardPoints', { amount: 100 })],
  edges: [edge('t', 'c'), edge('c', 's', 'true'), edge('s', 'a', 'A'), edge('s', 'b', 'B')],
};

const codes = (input: unknown) => validateGraph(input).diagnostics.map((d) => `${d.code}${d.nodeId ? `@${d.nodeId}` : ''}${d.edgeId ? `#${d.edgeId}` : ''}`);

describe('validateGraph', () => {
  it('accepts a purchase → amount → A/B → award flow', () => {
    const { diagnostics, validated } = validateGraph(good);
    expect(diagnostics).toEqual([]);
    expect(validated?.params.get('s')).toEqual({ experimentKey: 'experiment', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] });
  });

  it('refuses what is not a graph', () => {
    for (const bad of [null, 42, 'graph', { nodes: 'x', edges: [] }, { nodes: [{ id: '', kind: 'x' }], edges: [] }, { nodes: [], edges: [{ id: 'e' }] }]) {
      expect(codes(bad)).toEqual(['graph_malformed']);
    }
  });

  it('refuses a graph past the size limit without reading it all', () => {
    const nodes = Array.from({ length: 1001 }, (_, i) => node(`n${i}`, 'action.awardPoints'));
    expect(codes({ nodes, edges: [] })).toEqual(['graph_too_large']);
  });

  it('needs a trigger', () => {
    expect(codes({ nodes: [node('a', 'action.awardPoints')], edges: [] })).toEqual(['trigger_missing']);
    expect(codes({ nodes: [], edges: [] })).toEqual(['trigger_missing']);
  });

  it('points at an unknown kind, a bad parameter (with its path) and a duplicate id', () => {
    const graph = {
      nodes: [node('t', 'trigger.purchase'), node('x', 'action.teleport'), node('c', 'condition.amount', { value: -5 }), node('t', 'trigger.purchase')],
      edges: [],
    };
    const { diagnostics } = validateGraph(graph);
    expect(diagnostics.find((d) => d.code === 'unknown_node_kind')?.nodeId).toBe('x');
    expect(diagnostics.find((d) => d.code === 'parameter_invalid')).toMatchObject({ nodeId: 'c', path: ['params', 'value'] });
    expect(diagnostics.find((d) => d.code === 'duplicate_id')?.nodeId).toBe('t');
  });

  it('finds edges to missing nodes or ports, into triggers, and duplicates', () => {
    const graph = { nodes: good.nodes, edges: [...good.edges, edge('c', 'ghost', 'false'), edge('s', 'a', 'C'), edge('a', 't'), { ...edge('t', 'c'), id: 'dup' }] };
    expect(codes(graph)).toEqual(['dangling_edge@c#c-false-ghost', 'dangling_edge@s#s-C-a', 'invalid_connection@t#a-out-t', 'invalid_connection#dup']);
  });

  it('finds a cycle and names every node on it', () => {
    const graph = { nodes: [...good.nodes, node('a2', 'action.awardPoints')], edges: [...good.edges, edge('a', 'a2'), edge('a2', 'c')] };
    const cycle = validateGraph(graph).diagnostics.filter((d) => d.code === 'cycle').map((d) => d.nodeId).sort();
    expect(cycle).toEqual(['a', 'a2', 'c', 's']);
  });

  it('finds nodes no trigger leads to', () => {
    const graph = { nodes: [...good.nodes, node('lost', 'action.awardPoints')], edges: good.edges };
    expect(codes(graph)).toEqual(['unreachable_node@lost']);
  });

  it('warns, without blocking, about a flow that does nothing', () => {
    const { diagnostics, validated } = validateGraph({ nodes: [node('t', 'trigger.purchase')], edges: [] });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['no_action', 'warning']]);
    expect(validated).not.toBeNull();
  });

  it('checks the A/B split: weights add up to 100, keys differ', () => {
    const split = (variants: unknown) => validateGraph({ nodes: [node('t', 'trigger.purchase'), node('s', 'split.ab', { variants })], edges: [edge('t', 's')] }).diagnostics.map((d) => d.code);
    expect(split([{ key: 'A', weight: 60 }, { key: 'B', weight: 50 }])).toContain('parameter_invalid');
    expect(split([{ key: 'A', weight: 50 }, { key: 'A', weight: 50 }])).toContain('parameter_invalid');
    expect(split([{ key: 'A', weight: 100 }])).toContain('parameter_invalid');
  });
});

describe('canConnect', () => {
  it('allows a forward connection from an existing port', () => {
    const graph = { nodes: [...good.nodes, node('x', 'action.awardPoints')], edges: good.edges };
    expect(canConnect(graph, { source: 'c', sourcePort: 'false', target: 'x' })).toEqual({ ok: true });
  });

  it.each([
    ['into a trigger', { source: 'a', sourcePort: 'out', target: 't' }],
    ['to itself', { source: 'a', sourcePort: 'out', target: 'a' }],
    ['from a port the node lacks', { source: 'c', sourcePort: 'maybe', target: 'a' }],
    ['that exists already', { source: 't', sourcePort: 'out', target: 'c' }],
    ['that closes a loop', { source: 'a', sourcePort: 'out', target: 'c' }],
    ['to a missing node', { source: 'a', sourcePort: 'out', target: 'ghost' }],
  ])('refuses a connection %s, saying why in both languages', (_name, connection) => {
    const result = canConnect(good, connection);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.ru.length).toBeGreaterThan(3);
      expect(result.reason.en.length).toBeGreaterThan(3);
    }
  });
});

describe('domains that have not landed', () => {
  const graph = { nodes: [node('t', 'trigger.purchase'), node('r', 'action.issueReward', { reward: 'free-coffee' })], edges: [edge('t', 'r')] };

  it('keep a graph that uses them from compiling, with a clear diagnostic', () => {
    const { diagnostics, validated } = validateGraph(graph, { domains: new Set() });
    expect(validated).toBeNull();
    expect(diagnostics).toMatchObject([{ code: 'domain_unavailable', nodeId: 'r', severity: 'error' }]);
    expect(diagnostics[0].message.en).toContain('rewards');
  });

  it('let it compile once the domain is there', () => {
    expect(validateGraph(graph, { domains: new Set(['rewards']) }).diagnostics).toEqual([]);
  });
});
