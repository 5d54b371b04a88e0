/**
 * A campaign flow as the editor draws it and the API stores it: nodes with parameters
 * and edges between node ids. A node with one output names it `out`; conditions have
 * `true` and `false`; an A/B split has one port per variant key.
 */
export interface FlowPosition {
  x: number;
  y: number;
}

export interface FlowNode {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  position: FlowPosition;
}

export interface FlowEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Beyond these a graph is refused: the editor is built for ~800 nodes. */
export const GRAPH_LIMITS = { nodes: 1000, edges: 3000, idLength: 64 } as const;
