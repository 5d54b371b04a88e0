import type { Effect, EvalContext, TraceStep } from './definition';
import type { FlowEvent, MemberFacts } from './events';
import type { ValidatedGraph } from './validate';

export interface Exposure {
  nodeId: string;
  experimentKey: string;
  variant: string;
}

/** What one event did: the effects to apply, the path it took, the A/B variants it met. */
export interface Evaluation {
  effects: Effect[];
  trace: TraceStep[];
  exposures: Exposure[];
}

export interface EvaluateOptions {
  timezone: string;
  pointValueMinor: number;
}

/** What the path carries forward: the variants and caps it passed. */
export interface PathState {
  variants: NonNullable<Effect['variants']>;
  caps: NonNullable<Effect['caps']>;
}

interface RunState {
  ctx: EvalContext;
  visited: Set<string>;
  result: Evaluation;
}

type Runner = (state: RunState, path: PathState) => void;

export interface Walk {
  evaluate(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Evaluation;
  resume(nodeId: string, event: FlowEvent, facts: MemberFacts, options: EvaluateOptions, path?: PathState): Evaluation;
}

/**
 * The reference walk: every node runs through its definition's `run` and leaves a step in
 * the trace with what it saw. It is what the trace comes from (the editor's simulation,
 * the traces the server keeps) and what the fast path is tested against; it is not on
 * the hot path.
 */
export function interpreter({ graph, params, definitions }: ValidatedGraph): Walk {
  const runners = new Map<string, Runner>();
  const successors = new Map<string, Map<string, Runner[]>>();
  for (const node of graph.nodes) successors.set(node.id, new Map());
  for (const edge of graph.edges) {
    const ports = successors.get(edge.source)!;
    const list = ports.get(edge.sourcePort) ?? [];
    // Resolved lazily: the target's runner may be built after this edge is read.
    list.push((state, path) => runners.get(edge.target)!(state, path));
    ports.set(edge.sourcePort, list);
  }

  const triggerRunners: { event: string; matches: (event: FlowEvent) => boolean; run: Runner }[] = [];

  for (const node of graph.nodes) {
    const definition = definitions.get(node.id)!;
    const nodeParams = params.get(node.id)!;
    const next = successors.get(node.id)!;
    const follow = (port: string, state: RunState, path: PathState) => {
      for (const runner of next.get(port) ?? []) runner(state, path);
    };

    if (definition.group === 'trigger') {
      const run: Runner = (state, path) => {
        state.result.trace.push({ nodeId: node.id, kind: node.kind, port: 'out' });
        follow('out', state, path);
      };
      const trigger = definition.trigger!;
      triggerRunners.push({ event: trigger.event, matches: (event) => trigger.matches?.(nodeParams, event) ?? true, run });
      runners.set(node.id, run);
      continue;
    }

    runners.set(node.id, (state, path) => {
      // A node fires at most once per event, even where branches meet again.
      if (state.visited.has(node.id)) return;
      state.visited.add(node.id);
      const outcome = definition.run!(nodeParams, state.ctx);
      let nextPath = path;
      if (outcome.cap) {
        const usage = state.ctx.facts.capUsage?.[node.id] ?? {};
        const cap = outcome.cap;
        if (capReached(cap, usage)) {
          state.result.trace.push({ nodeId: node.id, kind: node.kind, port: null, inputs: { ...outcome.inputs, usage }, note: 'cap reached' });
          return;
        }
        nextPath = { ...path, caps: [...path.caps, { nodeId: node.id, ...cap }] };
      }
      if (outcome.exposure) {
        state.result.exposures.push({ nodeId: node.id, ...outcome.exposure });
        nextPath = { ...nextPath, variants: [...nextPath.variants, { nodeId: node.id, ...outcome.exposure }] };
      }
      for (const effect of outcome.effects ?? []) {
        state.result.effects.push({
          ...effect,
          nodeId: node.id,
          ...(nextPath.variants.length ? { variants: nextPath.variants } : {}),
          ...(nextPath.caps.length ? { caps: nextPath.caps } : {}),
        } as Effect);
      }
      if (outcome.waitMinutes !== undefined) {
        // The rest of the path runs later, from each node the wait leads to.
        for (const edge of graph.edges.filter((e) => e.source === node.id)) {
          state.result.effects.push({ type: 'wait', minutes: outcome.waitMinutes, resumeNodeId: edge.target, nodeId: node.id, ...(nextPath.variants.length ? { variants: nextPath.variants } : {}), ...(nextPath.caps.length ? { caps: nextPath.caps } : {}) });
        }
        state.result.trace.push({ nodeId: node.id, kind: node.kind, port: null, inputs: outcome.inputs, note: `wait ${outcome.waitMinutes} min` });
        return;
      }
      state.result.trace.push({ nodeId: node.id, kind: node.kind, port: outcome.ports[0] ?? null, inputs: outcome.inputs, note: outcome.note });
      for (const port of outcome.ports) follow(port, state, nextPath);
    });
  }

  const fresh = (event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): RunState => ({
    ctx: { event, facts, timezone: options.timezone, pointValueMinor: options.pointValueMinor },
    visited: new Set(),
    result: { effects: [], trace: [], exposures: [] },
  });
  const emptyPath = (): PathState => ({ variants: [], caps: [] });

  return {
    evaluate(event, facts, options) {
      const state = fresh(event, facts, options);
      for (const trigger of triggerRunners) {
        if (trigger.event === event.type && trigger.matches(event)) trigger.run(state, emptyPath());
      }
      return state.result;
    },
    resume(nodeId, event, facts, options, path) {
      const state = fresh(event, facts, options);
      runners.get(nodeId)?.(state, path ?? emptyPath());
      return state.result;
    },
  };
}

/** Whether a cap node stops the path, given what it has been used so far. */
export function capReached(cap: NonNullable<Effect['caps']>[number] | Omit<NonNullable<Effect['caps']>[number], 'nodeId'>, usage: { member?: number; period?: number; budget?: number }): boolean {
  return (
    (cap.perMember !== null && (usage.member ?? 0) >= cap.perMember) ||
    (cap.perPeriod !== null && (usage.period ?? 0) >= cap.perPeriod) ||
    (cap.budgetPoints !== null && (usage.budget ?? 0) >= cap.budgetPoints)
  );
}
