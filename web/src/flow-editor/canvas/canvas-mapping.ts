import type { Connection, Edge, Node } from '@vue-flow/core';
import { nodeDefinition, type FlowEdge, type FlowGraph, type FlowNode, type NodeGroup } from '@patron/schema/flow';

/** What a node component receives: the kind and parameters; the rest it reads from the catalog. */
export interface CanvasNodeData {
  kind: string;
  params: Record<string, unknown>;
}

export type CanvasNode = Node<CanvasNodeData>;

/**
 * Past this many nodes the canvas draws only what is in view, and opens at a readable zoom
 * (the minimap gives the overview) rather than fitting everything at an unreadable one.
 */
export const LARGE_GRAPH = 200;

/** Every node has one input handle; outputs are named after the catalog's ports. */
export const INPUT_HANDLE = 'in';

/** Node component per group; a kind missing from the catalog is drawn as 'unknown'. */
export function nodeType(kind: string): NodeGroup | 'unknown' {
  return nodeDefinition(kind)?.group ?? 'unknown';
}

// Vue Flow merges what we hand it into its own node objects. Giving back the same object
// for a node that did not change (graphs are never changed in place) means no reactive
// write and no re-render for it: only the edited node redraws on an 800-node canvas.
const nodeCache = new WeakMap<FlowNode, CanvasNode>();

export function toCanvasNode(node: FlowNode): CanvasNode {
  let mapped = nodeCache.get(node);
  if (!mapped) {
    mapped = { id: node.id, type: nodeType(node.kind), position: { ...node.position }, data: { kind: node.kind, params: node.params } };
    nodeCache.set(node, mapped);
  }
  return mapped;
}

export function toCanvasNodes(graph: FlowGraph): CanvasNode[] {
  return graph.nodes.map(toCanvasNode);
}

/** Edge classes by edge id (simulated path, diff status); the canvas styles them. */
export type EdgeClasses = ReadonlyMap<string, string>;

export function toCanvasEdge(edge: FlowEdge, classes?: EdgeClasses): Edge {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourcePort,
    target: edge.target,
    targetHandle: INPUT_HANDLE,
    class: classes?.get(edge.id),
    animated: classes?.get(edge.id)?.includes('visited') ?? false,
  };
}

export function toCanvasEdges(graph: FlowGraph, classes?: EdgeClasses): Edge[] {
  return graph.edges.map((e) => toCanvasEdge(e, classes));
}

/** A connection the user drew, in the graph's terms (ports, not handles). */
export function fromConnection(connection: Connection): { source: string; sourcePort: string; target: string } {
  return { source: connection.source, sourcePort: connection.sourceHandle ?? 'out', target: connection.target };
}

/** The graph as the canvas holds it, for the round trip: kind and parameters from data, ports from handles. */
export function fromCanvas(nodes: readonly CanvasNode[], edges: readonly Edge[]): FlowGraph {
  return {
    nodes: nodes.map((n) => ({ id: n.id, kind: n.data!.kind, params: n.data!.params, position: { x: n.position.x, y: n.position.y } })),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourcePort: e.sourceHandle ?? 'out', target: e.target })),
  };
}
