import type { FlowEdge, FlowGraph, FlowNode } from '@patron/schema/flow';

export interface GraphDiff {
  nodesAdded: string[];
  nodesRemoved: string[];
  /** Same id, another kind or other parameters (moving a node is not a change). */
  nodesChanged: string[];
  edgesAdded: string[];
  edgesRemoved: string[];
}

const nodeKey = (n: FlowNode) => JSON.stringify([n.kind, sortKeys(n.params ?? {})]);
const edgeKey = (e: FlowEdge) => `${e.source}|${e.sourcePort}|${e.target}`;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

/** What changed from one graph to another, by node id and by edge (source, port, target). */
export function diffGraphs(from: FlowGraph, to: FlowGraph): GraphDiff {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const beforeEdges = new Map(from.edges.map((e) => [edgeKey(e), e]));
  const afterEdges = new Map(to.edges.map((e) => [edgeKey(e), e]));
  return {
    nodesAdded: [...after.keys()].filter((id) => !before.has(id)),
    nodesRemoved: [...before.keys()].filter((id) => !after.has(id)),
    nodesChanged: [...after.keys()].filter((id) => before.has(id) && nodeKey(before.get(id)!) !== nodeKey(after.get(id)!)),
    edgesAdded: [...afterEdges.entries()].filter(([key]) => !beforeEdges.has(key)).map(([, e]) => e.id),
    edgesRemoved: [...beforeEdges.entries()].filter(([key]) => !afterEdges.has(key)).map(([, e]) => e.id),
  };
}
