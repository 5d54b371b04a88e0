import type { Effect, FlowGraph, TraceStep } from '@patron/schema/flow';

/** What a simulation lights up: the nodes it passed (with what each saw) and the edges it took. */
export interface SimulationView {
  nodes: ReadonlyMap<string, { step: TraceStep; effects: Effect[] }>;
  edges: ReadonlySet<string>;
  /** Nodes where the path stopped (a cap reached, a wait): drawn as the end of the path. */
  stopped: ReadonlySet<string>;
}

export const NO_SIMULATION: SimulationView = { nodes: new Map(), edges: new Set(), stopped: new Set() };

/**
 * Maps a trace onto the graph. An edge is on the path when its source was passed, left by
 * that edge's port, and its target was passed too; branches not taken stay dark.
 */
export function simulationView(graph: FlowGraph, trace: readonly TraceStep[], effects: readonly Effect[]): SimulationView {
  const nodes = new Map<string, { step: TraceStep; effects: Effect[] }>();
  const stopped = new Set<string>();
  for (const step of trace) {
    nodes.set(step.nodeId, { step, effects: [] });
    if (step.port === null) stopped.add(step.nodeId);
  }
  for (const effect of effects) nodes.get(effect.nodeId)?.effects.push(effect);
  const edges = new Set<string>();
  for (const edge of graph.edges) {
    const from = nodes.get(edge.source);
    if (from && from.step.port === edge.sourcePort && nodes.has(edge.target)) edges.add(edge.id);
  }
  return { nodes, edges, stopped };
}

/** Edge classes for the canvas. */
export function simulationEdgeClasses(view: SimulationView): Map<string, string> {
  return new Map([...view.edges].map((id) => [id, 'flow-edge--visited']));
}

/** The server sends trace and effects as JSON; keep only what has the expected shape. */
export function readTrace(value: unknown): TraceStep[] {
  return Array.isArray(value) ? value.filter((s): s is TraceStep => !!s && typeof s.nodeId === 'string' && typeof s.kind === 'string') : [];
}

export function readEffects(value: unknown): Effect[] {
  return Array.isArray(value) ? value.filter((e): e is Effect => !!e && typeof e.nodeId === 'string' && typeof e.type === 'string') : [];
}
