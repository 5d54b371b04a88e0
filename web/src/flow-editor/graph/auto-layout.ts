import dagre from '@dagrejs/dagre';
import type { FlowGraph, FlowPosition } from '@patron/schema/flow';

export interface LayoutOptions {
  /** Measured sizes by node id; nodes not yet drawn count as the default size. */
  sizes?: ReadonlyMap<string, { width: number; height: number }>;
  nodeWidth?: number;
  nodeHeight?: number;
}

/**
 * Left-to-right layered layout with dagre: triggers on the left, actions on the right,
 * branches of a condition or split one above the other. Gives top-left positions.
 */
export function autoLayout(graph: FlowGraph, options: LayoutOptions = {}): Map<string, FlowPosition> {
  const { sizes, nodeWidth = 240, nodeHeight = 110 } = options;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    const size = sizes?.get(node.id);
    g.setNode(node.id, { width: size?.width || nodeWidth, height: size?.height || nodeHeight });
  }
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const edge of graph.edges) if (ids.has(edge.source) && ids.has(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions = new Map<string, FlowPosition>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    positions.set(id, { x: Math.round(n.x - n.width / 2), y: Math.round(n.y - n.height / 2) });
  }
  return positions;
}
