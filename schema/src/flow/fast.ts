import type { Effect, EvalContext, NodeDefinition, NodeEffect } from './definition';
import type { FlowEvent, MemberFacts } from './events';
import { capReached, type EvaluateOptions, type Exposure, type PathState } from './interpret';
import type { ValidatedGraph } from './validate';

interface State {
  ctx: EvalContext;
  effects: Effect[];
  exposures: Exposure[];
  /** Which evaluation this is: a node whose mark equals it has fired already. */
  epoch: number;
}

type Step = (state: State, path: PathState) => void;
type Run = NonNullable<NodeDefinition<Record<string, unknown>>['run']>;

/** What the hot path returns: no trace, only whether a trigger fired (the trace is empty exactly when none did). */
export interface Decision {
  effects: Effect[];
  exposures: Exposure[];
  fired: boolean;
}

export interface FastWalk {
  listensTo(event: FlowEvent): boolean;
  evaluate(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Decision;
  resume(nodeId: string, event: FlowEvent, facts: MemberFacts, options: EvaluateOptions, path?: PathState): Decision;
}

const EMPTY_PATH: PathState = Object.freeze({ variants: Object.freeze([]) as unknown as PathState['variants'], caps: Object.freeze([]) as unknown as PathState['caps'] });
const NOTHING: Step = () => {};

/**
 * The hot path: each node becomes a closure that calls its successors directly, with its
 * parameters parsed and prepared once (sets built, keys computed). Nothing is looked up by
 * node id and no trace is built while an event runs. It must give what the reference walk
 * (interpret.ts) gives, effects and exposures alike, in the same order; compile.test.ts
 * holds it to that on the golden cases and on random graphs. No code is generated.
 */
export function fastWalk({ graph, params, definitions }: ValidatedGraph): FastWalk {
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const outgoing = new Map<string, Map<string, string[]>>();
  for (const node of graph.nodes) outgoing.set(node.id, new Map());
  for (const edge of graph.edges) {
    const ports = outgoing.get(edge.source)!;
    ports.set(edge.sourcePort, [...(ports.get(edge.sourcePort) ?? []), edge.target]);
  }
  // Marks instead of a Set per evaluation: evaluation is synchronous, so one array per rule is enough.
  const marks = new Float64Array(graph.nodes.length);
  let epoch = 0;

  const steps = new Map<string, Step>();
  const chain = (targets: string[] | undefined): Step => {
    if (!targets || targets.length === 0) return NOTHING;
    if (targets.length === 1) return build(targets[0]);
    const list = targets.map(build);
    return (state, path) => {
      for (const step of list) step(state, path);
    };
  };

  // Successors first, so each closure holds its successors themselves (the graph is acyclic once validated).
  function build(nodeId: string): Step {
    const built = steps.get(nodeId);
    if (built) return built;
    const definition = definitions.get(nodeId)!;
    const nodeParams = params.get(nodeId)!;
    const ports = outgoing.get(nodeId)!;
    const i = index.get(nodeId)!;
    let step: Step;
    if (definition.group === 'trigger') {
      step = chain(ports.get('out'));
    } else {
      const fast = definition.fast?.(nodeParams);
      if (fast && 'test' in fast) {
        const { test } = fast;
        const yes = chain(ports.get('true'));
        const no = chain(ports.get('false'));
        step = (state, path) => {
          if (marks[i] === state.epoch) return;
          marks[i] = state.epoch;
          if (test(state.ctx)) yes(state, path);
          else no(state, path);
        };
      } else if (fast) {
        const { effect } = fast;
        const next = chain(ports.get('out'));
        step = (state, path) => {
          if (marks[i] === state.epoch) return;
          marks[i] = state.epoch;
          const made = effect(state.ctx);
          if (made !== null) state.effects.push(tag(made, nodeId, path));
          next(state, path);
        };
      } else {
        step = generic(nodeId, i, definition.run!.bind(definition), nodeParams, ports);
      }
    }
    steps.set(nodeId, step);
    return step;
  }

  /** A node without a fast path: its run, read the way the reference walk reads it. */
  function generic(nodeId: string, i: number, run: Run, nodeParams: Record<string, unknown>, ports: Map<string, string[]>): Step {
    const byPort = new Map([...ports].map(([port, targets]) => [port, chain(targets)]));
    const waitTargets = graph.edges.filter((e) => e.source === nodeId).map((e) => e.target);
    return (state, path) => {
      if (marks[i] === state.epoch) return;
      marks[i] = state.epoch;
      const outcome = run(nodeParams, state.ctx);
      let nextPath = path;
      if (outcome.cap) {
        if (capReached(outcome.cap, state.ctx.facts.capUsage?.[nodeId] ?? {})) return;
        nextPath = { ...path, caps: [...path.caps, { nodeId, ...outcome.cap }] };
      }
      if (outcome.exposure) {
        state.exposures.push({ nodeId, ...outcome.exposure });
        nextPath = { ...nextPath, variants: [...nextPath.variants, { nodeId, ...outcome.exposure }] };
      }
      if (outcome.effects) for (const effect of outcome.effects) state.effects.push(tag({ ...effect }, nodeId, nextPath));
      if (outcome.waitMinutes !== undefined) {
        for (const target of waitTargets) state.effects.push(tag({ type: 'wait', minutes: outcome.waitMinutes, resumeNodeId: target } as NodeEffect, nodeId, nextPath));
        return;
      }
      for (const port of outcome.ports) byPort.get(port)?.(state, nextPath);
    };
  }

  const triggers = new Map<string, { matches: (event: FlowEvent) => boolean; run: Step }[]>();
  for (const node of graph.nodes) {
    const definition = definitions.get(node.id)!;
    const run = build(node.id);
    if (definition.group !== 'trigger') continue;
    const trigger = definition.trigger!;
    const nodeParams = params.get(node.id)!;
    const matches = trigger.matches ? (event: FlowEvent) => trigger.matches!(nodeParams, event) : () => true;
    triggers.set(trigger.event, [...(triggers.get(trigger.event) ?? []), { matches, run }]);
  }

  const fresh = (event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): State => ({
    ctx: { event, facts, timezone: options.timezone, pointValueMinor: options.pointValueMinor },
    effects: [],
    exposures: [],
    epoch: ++epoch,
  });

  return {
    listensTo(event) {
      const listening = triggers.get(event.type);
      if (listening) for (const trigger of listening) if (trigger.matches(event)) return true;
      return false;
    },
    evaluate(event, facts, options) {
      const listening = triggers.get(event.type);
      if (!listening) return { effects: [], exposures: [], fired: false };
      const state = fresh(event, facts, options);
      let fired = false;
      for (const trigger of listening) {
        if (!trigger.matches(event)) continue;
        fired = true;
        trigger.run(state, EMPTY_PATH);
      }
      return { effects: state.effects, exposures: state.exposures, fired };
    },
    resume(nodeId, event, facts, options, path) {
      const step = steps.get(nodeId);
      if (!step) return { effects: [], exposures: [], fired: false };
      const state = fresh(event, facts, options);
      step(state, path ?? EMPTY_PATH);
      return { effects: state.effects, exposures: state.exposures, fired: true };
    },
  };
}

/** The node id and the path's variants and caps, in the order the reference walk writes them. */
function tag(effect: NodeEffect, nodeId: string, path: PathState): Effect {
  const tagged = effect as Effect;
  tagged.nodeId = nodeId;
  if (path.variants.length) tagged.variants = path.variants;
  if (path.caps.length) tagged.caps = path.caps;
  return tagged;
}
