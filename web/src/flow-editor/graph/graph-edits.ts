import { canConnect, nodeDefinition, type FlowEdge, type FlowGraph, type FlowNode, type FlowPosition } from '@patron/schema/flow';

/**
 * Edits of a flow graph as pure functions: each returns a new graph and leaves the old
 * one as it was, so that the history can keep old graphs as they are (undo is a pointer).
 */

export const EMPTY_GRAPH: FlowGraph = { nodes: [], edges: [] };

/** Makes a graph of whatever the server stored (an old draft may lack a field). */
export function readGraph(value: unknown): FlowGraph {
  const graph = (value ?? {}) as Partial<FlowGraph>;
  return {
    nodes: Array.isArray(graph.nodes) ? graph.nodes.map((n) => ({ ...n, params: n.params ?? {}, position: n.position ?? { x: 0, y: 0 } })) : [],
    edges: Array.isArray(graph.edges) ? graph.edges : [],
  };
}

/** A readable id ("awardPoints-2") that no node in the graph has yet. */
export function newNodeId(graph: FlowGraph, kind: string, taken: Set<string> = new Set(graph.nodes.map((n) => n.id))): string {
  const base = (kind.split('.').pop() ?? 'node').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'node';
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

function newEdgeId(edges: FlowEdge[], source: string, port: string, target: string): string {
  const taken = new Set(edges.map((e) => e.id));
  const base = `${source}.${port}.${target}`.slice(0, 56);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}~${n}`)) return `${base}~${n}`;
}

/** The parameters a new node of this kind starts with: every default, written out. */
export function defaultParams(kind: string): Record<string, unknown> {
  const parsed = nodeDefinition(kind)?.params.safeParse({});
  return parsed?.success ? (parsed.data as Record<string, unknown>) : {};
}

export function addNode(graph: FlowGraph, kind: string, position: FlowPosition): { graph: FlowGraph; id: string } {
  const id = newNodeId(graph, kind);
  const node: FlowNode = { id, kind, params: defaultParams(kind), position: { x: Math.round(position.x), y: Math.round(position.y) } };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/** Removes the nodes, the edges and every edge that touched a removed node. */
export function removeElements(graph: FlowGraph, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): FlowGraph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return graph;
  return {
    nodes: graph.nodes.filter((n) => !nodes.has(n.id)),
    edges: graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

export interface PortConnection {
  source: string;
  sourcePort: string;
  target: string;
}

/** Adds the edge when the shared `canConnect()` allows it; otherwise gives the reason. */
export function connect(graph: FlowGraph, connection: PortConnection) {
  const check = canConnect(graph, connection);
  if (!check.ok) return { graph, reason: check.reason };
  const edge: FlowEdge = { id: newEdgeId(graph.edges, connection.source, connection.sourcePort, connection.target), ...connection };
  return { graph: { ...graph, edges: [...graph.edges, edge] }, reason: null };
}

function outputsOf(node: FlowNode): string[] | null {
  const definition = nodeDefinition(node.kind);
  const parsed = definition?.params.safeParse(node.params);
  return definition && parsed?.success ? definition.outputs(parsed.data) : null;
}

/**
 * Sets a node's parameters. When its ports change (an A/B variant renamed), edges follow
 * the port at the same place, so renaming "B" to "control" keeps its branch.
 */
export function setParams(graph: FlowGraph, nodeId: string, params: Record<string, unknown>): FlowGraph {
  const before = graph.nodes.find((n) => n.id === nodeId);
  if (!before) return graph;
  const after = { ...before, params };
  const nodes = graph.nodes.map((n) => (n.id === nodeId ? after : n));
  const oldPorts = outputsOf(before);
  const newPorts = outputsOf(after);
  let edges = graph.edges;
  if (oldPorts && newPorts && oldPorts.join('\n') !== newPorts.join('\n') && oldPorts.length === newPorts.length) {
    const renamed = new Map(oldPorts.map((port, i) => [port, newPorts[i]]));
    edges = edges.map((e) => (e.source === nodeId && renamed.has(e.sourcePort) ? { ...e, sourcePort: renamed.get(e.sourcePort)! } : e));
  }
  return { nodes, edges };
}

export function setParam(graph: FlowGraph, nodeId: string, key: string, value: unknown): FlowGraph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return graph;
  const params = { ...node.params };
  if (value === undefined) delete params[key];
  else params[key] = value;
  return setParams(graph, nodeId, params);
}

/** New positions for some nodes; a graph where nothing moved is returned as it was. */
export function moveNodes(graph: FlowGraph, positions: ReadonlyMap<string, FlowPosition>): FlowGraph {
  let moved = false;
  const nodes = graph.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    moved = true;
    return { ...n, position: { x, y } };
  });
  return moved ? { ...graph, nodes } : graph;
}

/** What copy puts on the clipboard: the nodes and the edges between them. */
export interface FlowClipboard {
  type: 'patron/flow-fragment';
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copyFragment(graph: FlowGraph, nodeIds: Iterable<string>): FlowClipboard {
  const ids = new Set(nodeIds);
  return {
    type: 'patron/flow-fragment',
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

export function isClipboard(value: unknown): value is FlowClipboard {
  const v = value as FlowClipboard | null;
  return !!v && v.type === 'patron/flow-fragment' && Array.isArray(v.nodes) && Array.isArray(v.edges);
}

/** Adds a copy of the fragment with fresh ids, shifted by `offset`; gives the new node ids. */
export function pasteFragment(graph: FlowGraph, fragment: FlowClipboard, offset: FlowPosition): { graph: FlowGraph; ids: string[] } {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  const nodes: FlowNode[] = [];
  for (const node of fragment.nodes) {
    if (!nodeDefinition(node.kind)) continue;
    const id = newNodeId(graph, node.kind, taken);
    taken.add(id);
    renamed.set(node.id, id);
    nodes.push({ id, kind: node.kind, params: structuredClone(node.params ?? {}), position: { x: node.position.x + offset.x, y: node.position.y + offset.y } });
  }
  let edges = [...graph.edges];
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) continue;
    edges = [...edges, { id: newEdgeId(edges, source, edge.sourcePort, target), source, sourcePort: edge.sourcePort, target }];
  }
  return { graph: { nodes: [...graph.nodes, ...nodes], edges }, ids: nodes.map((n) => n.id) };
}

export function duplicate(graph: FlowGraph, nodeIds: Iterable<string>) {
  return pasteFragment(graph, copyFragment(graph, nodeIds), { x: 40, y: 40 });
}
