import type { FlowGraph } from '@patron/schema/flow';

export interface GraphDiff {
  nodesAdded: readonly string[];
  nodesRemoved: readonly string[];
  nodesChanged: readonly string[];
  edgesAdded: readonly string[];
  edgesRemoved: readonly string[];
}

export type DiffStatus = 'added' | 'removed' | 'changed';

export interface DiffView {
  /** The newer graph with what the older one had and lost drawn back in. */
  graph: FlowGraph;
  nodes: ReadonlyMap<string, DiffStatus>;
  edgeClasses: ReadonlyMap<string, string>;
}

/**
 * One picture of two versions: the newer graph, plus the nodes and edges removed since
 * the older one (at their old places), each marked added, removed or changed.
 */
export function diffView(from: FlowGraph, to: FlowGraph, diff: GraphDiff): DiffView {
  const nodes = new Map<string, DiffStatus>();
  for (const id of diff.nodesAdded) nodes.set(id, 'added');
  for (const id of diff.nodesChanged) nodes.set(id, 'changed');
  for (const id of diff.nodesRemoved) nodes.set(id, 'removed');
  const removedNodes = from.nodes.filter((n) => diff.nodesRemoved.includes(n.id));
  const graphNodes = [...to.nodes, ...removedNodes];
  const present = new Set(graphNodes.map((n) => n.id));
  const edgeIds = new Set(to.edges.map((e) => e.id));
  const edgeClasses = new Map<string, string>();
  for (const id of diff.edgesAdded) edgeClasses.set(id, 'flow-edge--added');
  const removedEdges = from.edges
    .filter((e) => diff.edgesRemoved.includes(e.id) && present.has(e.source) && present.has(e.target))
    .map((e) => {
      // Edges are compared by where they lead, so an old id may be reused by a new edge.
      const id = edgeIds.has(e.id) ? `${e.id}~removed` : e.id;
      edgeClasses.set(id, 'flow-edge--removed');
      return { ...e, id };
    });
  return { graph: { nodes: graphNodes, edges: [...to.edges, ...removedEdges] }, nodes, edgeClasses };
}
