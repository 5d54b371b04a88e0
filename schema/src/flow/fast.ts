import type { Effect, EvalContext, NodeDefinition, NodeEffect } from './definition';
import type { FlowEvent, MemberFacts } from './events';
import { capReached, type EvaluateOptions, type Exposure, type PathState } from './interpret';
import type { ValidatedGraph } from './validate';

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

type Definition = NodeDefinition<Record<string, unknown>>;
type Params = Record<string, unknown>;
type Test = (params: Params, ctx: EvalContext) => boolean;
type MakeEffect = (params: Params, ctx: EvalContext) => NodeEffect | null;
type Run = NonNullable<Definition['run']>;
type Matches = (params: Params, event: FlowEvent) => boolean;

const TRIGGER = 0;
const TEST = 1;
const EFFECT = 2;
const GENERIC = 3;
const VARIANT = 4;

/**
 * A rule as flat arrays indexed by node: one shared walker (below) runs every rule, so
 * its code stays hot whichever of a thousand campaigns an event reaches, and a rule is a
 * few compact arrays rather than a closure and a context per node.
 */
interface Program {
  kinds: Uint8Array;
  /** Node i's successors are succ[ranges[3i] .. ranges[3i+1]) (`true`, or `out`) and succ[ranges[3i+1] .. ranges[3i+2]) (`false`). */
  ranges: Int32Array;
  succ: Int32Array;
  fns: (Test | MakeEffect | Run | null)[];
  params: Params[];
  ids: string[];
  /** For A/B splits, by variant: the exposure (built once, shared and frozen), the path when it is the first split, and the successors. */
  routes: (Map<string, Route> | null)[];
  picks: (((params: Params, ctx: EvalContext) => string) | null)[];
  /** For nodes that go through run: successors by port, and where a wait resumes. */
  generic: ({ byPort: Map<string, number[]>; waitTargets: string[] } | null)[];
  /** Which evaluation last fired each node: a node fires once per event, even where branches meet. */
  marks: Float64Array;
  triggerEvents: string[];
  triggerNodes: number[];
  matchers: (Matches | null)[];
  epoch: number;
}

interface Route {
  exposure: Exposure;
  alone: PathState;
  targets: number[];
}

/** One evaluation: the context the nodes read, and what they gave. */
interface State extends EvalContext {
  effects: Effect[];
  exposures: Exposure[];
  epoch: number;
}

const EMPTY_PATH: PathState = Object.freeze({ variants: Object.freeze([]) as unknown as PathState['variants'], caps: Object.freeze([]) as unknown as PathState['caps'] });

/**
 * The hot path. Parameters are parsed once, at compile time; nothing is looked up by node
 * id, no trace is built and no code is generated. It must give what the reference walk
 * (interpret.ts) gives, effects and exposures alike, in the same order: fast.test.ts holds
 * it to that on the golden cases and on random graphs.
 */
export function fastWalk({ graph, params, definitions }: ValidatedGraph): FastWalk {
  const n = graph.nodes.length;
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const targets = (nodeId: string, port: string) => graph.edges.filter((e) => e.source === nodeId && e.sourcePort === port).map((e) => index.get(e.target)!);
  const program: Program = {
    kinds: new Uint8Array(n),
    ranges: new Int32Array(3 * n),
    succ: new Int32Array(graph.edges.length),
    fns: [],
    params: [],
    ids: [],
    generic: [],
    routes: [],
    picks: [],
    marks: new Float64Array(n),
    triggerEvents: [],
    triggerNodes: [],
    matchers: [],
    epoch: 0,
  };
  let filled = 0;
  graph.nodes.forEach((node, i) => {
    const definition = definitions.get(node.id)!;
    const outputs = definition.outputs(params.get(node.id)!);
    let kind = GENERIC;
    let fn: Program['fns'][number] = definition.run ?? null;
    let first: number[] = [];
    let second: number[] = [];
    if (definition.group === 'trigger') {
      kind = TRIGGER;
      fn = null;
      first = targets(node.id, 'out');
    } else if (definition.test && outputs.every((port) => port === 'true' || port === 'false')) {
      kind = TEST;
      fn = definition.test;
      first = targets(node.id, 'true');
      second = targets(node.id, 'false');
    } else if (definition.effect && outputs.length === 1 && outputs[0] === 'out') {
      kind = EFFECT;
      fn = definition.effect;
      first = targets(node.id, 'out');
    } else if (definition.variant) {
      kind = VARIANT;
      fn = null;
    }
    let routes: Map<string, Route> | null = null;
    if (kind === VARIANT) {
      const experimentKey = definition.variant!.experimentKey(params.get(node.id)!);
      routes = new Map(
        outputs.map((variant) => {
          const exposure = Object.freeze({ nodeId: node.id, experimentKey, variant });
          const alone = Object.freeze({ variants: Object.freeze([exposure]), caps: EMPTY_PATH.caps }) as unknown as PathState;
          return [variant, { exposure, alone, targets: targets(node.id, variant) }];
        }),
      );
    }
    program.routes.push(routes);
    program.picks.push(kind === VARIANT ? (definition.variant!.pick as (params: Params, ctx: EvalContext) => string) : null);
    program.kinds[i] = kind;
    program.ranges[3 * i] = filled;
    for (const target of first) program.succ[filled++] = target;
    program.ranges[3 * i + 1] = filled;
    for (const target of second) program.succ[filled++] = target;
    program.ranges[3 * i + 2] = filled;
    program.fns.push(fn);
    program.params.push(params.get(node.id)!);
    program.ids.push(node.id);
    program.generic.push(
      kind === GENERIC
        ? { byPort: new Map(outputs.map((port) => [port, targets(node.id, port)])), waitTargets: graph.edges.filter((e) => e.source === node.id).map((e) => e.target) }
        : null,
    );
    if (kind === TRIGGER) {
      program.triggerEvents.push(definition.trigger!.event);
      program.triggerNodes.push(i);
      program.matchers.push((definition.trigger!.matches as Matches | undefined) ?? null);
    }
  });

  const fresh = (event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): State => ({
    event,
    facts,
    timezone: options.timezone,
    pointValueMinor: options.pointValueMinor,
    effects: [],
    exposures: [],
    // Evaluation is synchronous: one set of marks per rule is enough.
    epoch: ++program.epoch,
  });

  return {
    listensTo: (event) => listensTo(program, event),
    evaluate(event, facts, options) {
      const p = program;
      let state: State | null = null;
      for (let k = 0; k < p.triggerEvents.length; k++) {
        const at = p.triggerNodes[k];
        const matches = p.matchers[k];
        if (p.triggerEvents[k] === event.type && (matches === null || matches(p.params[at], event))) visit(p, at, (state ??= fresh(event, facts, options)), EMPTY_PATH);
      }
      return state === null ? { effects: [], exposures: [], fired: false } : { effects: state.effects, exposures: state.exposures, fired: true };
    },
    resume(nodeId, event, facts, options, path) {
      const at = index.get(nodeId);
      if (at === undefined) return { effects: [], exposures: [], fired: false };
      const state = fresh(event, facts, options);
      visit(program, at, state, path ?? EMPTY_PATH);
      return { effects: state.effects, exposures: state.exposures, fired: true };
    },
  };
}

function listensTo(p: Program, event: FlowEvent): boolean {
  for (let k = 0; k < p.triggerEvents.length; k++) {
    const matches = p.matchers[k];
    if (p.triggerEvents[k] === event.type && (matches === null || matches(p.params[p.triggerNodes[k]], event))) return true;
  }
  return false;
}

function visit(p: Program, i: number, state: State, path: PathState): void {
  const kind = p.kinds[i];
  if (kind !== TRIGGER) {
    if (p.marks[i] === state.epoch) return;
    p.marks[i] = state.epoch;
  }
  const at = 3 * i;
  if (kind === TEST) {
    if ((p.fns[i] as Test)(p.params[i], state)) follow(p, p.ranges[at], p.ranges[at + 1], state, path);
    else follow(p, p.ranges[at + 1], p.ranges[at + 2], state, path);
  } else if (kind === EFFECT) {
    const made = (p.fns[i] as MakeEffect)(p.params[i], state);
    if (made !== null) state.effects.push(tag(made, p.ids[i], path));
    follow(p, p.ranges[at], p.ranges[at + 1], state, path);
  } else if (kind === TRIGGER) {
    follow(p, p.ranges[at], p.ranges[at + 1], state, path);
  } else if (kind === VARIANT) {
    route(p, i, state, path);
  } else {
    generic(p, i, state, path);
  }
}

function follow(p: Program, from: number, to: number, state: State, path: PathState): void {
  for (let k = from; k < to; k++) visit(p, p.succ[k], state, path);
}

/** An A/B split: the member's variant, recorded as an exposure and carried on the path. */
function route(p: Program, i: number, state: State, path: PathState): void {
  const chosen = p.routes[i]!.get(p.picks[i]!(p.params[i], state));
  if (chosen === undefined) return;
  state.exposures.push(chosen.exposure);
  const nextPath = path === EMPTY_PATH ? chosen.alone : { variants: [...path.variants, chosen.exposure], caps: path.caps };
  for (const target of chosen.targets) visit(p, target, state, nextPath);
}

/** A node without test or effect: its run, read the way the reference walk reads it. */
function generic(p: Program, i: number, state: State, path: PathState): void {
  const nodeId = p.ids[i];
  const { byPort, waitTargets } = p.generic[i]!;
  const outcome = (p.fns[i] as Run)(p.params[i], state);
  let nextPath = path;
  if (outcome.cap) {
    if (capReached(outcome.cap, state.facts.capUsage?.[nodeId] ?? {})) return;
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
  for (const port of outcome.ports) for (const target of byPort.get(port) ?? []) visit(p, target, state, nextPath);
}

/** The node id and the path's variants and caps, in the order the reference walk writes them. */
function tag(effect: NodeEffect, nodeId: string, path: PathState): Effect {
  const tagged = effect as Effect;
  tagged.nodeId = nodeId;
  if (path.variants.length) tagged.variants = path.variants;
  if (path.caps.length) tagged.caps = path.caps;
  return tagged;
}
