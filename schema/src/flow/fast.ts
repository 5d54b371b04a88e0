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
type Test = (ctx: EvalContext) => boolean;
type MakeEffect = (ctx: EvalContext) => Effect | null;
type Run = NonNullable<Definition['run']>;
type Matches = (params: Params, event: FlowEvent) => boolean;

const TRIGGER = 0;
const TEST = 1;
const EFFECT = 2;
const GENERIC = 3;
const VARIANT = 4;
/** Added to a node's kind where branches meet (more than one edge in): only such a node needs a mark. */
const JOIN = 8;
const KIND = 7;
/**
 * A node's successors on one port, as one integer: the successor itself when there is one
 * (the common case: a chain of conditions), NONE when there is none, and for several
 * `LIST - p`, p being where the list starts in the code (its length, then the nodes).
 */
const NONE = -1;
const LIST = -2;

interface Route {
  exposure: Exposure;
  alone: PathState;
  targets: number[];
}

interface GenericNode {
  byPort: Map<string, number[]>;
  waitTargets: string[];
}

/**
 * One evaluation: the context the nodes read, and what they gave; returned as its own
 * decision (one object less per event). Its epoch is the rule's (evaluation is synchronous).
 */
type State = EvalContext & Decision;

/** Most events expose no split: they share this empty list and a split's first exposure starts a list of its own. */
const NO_EXPOSURES = Object.freeze([]) as unknown as Exposure[];
/** Likewise for effects: a list is made at the first effect, sized for it, rather than empty for every event. */
const NO_EFFECTS = Object.freeze([]) as unknown as Effect[];

/** What an event that fires no trigger decides: nothing, shared. */
const NOT_FIRED: Decision = Object.freeze({ effects: NO_EFFECTS, exposures: NO_EXPOSURES, fired: false });

const EMPTY_PATH: PathState = Object.freeze({ variants: Object.freeze([]) as unknown as PathState['variants'], caps: Object.freeze([]) as unknown as PathState['caps'] });

/**
 * The hot path. Parameters are parsed once, at compile time; nothing is looked up by node
 * id, no trace is built and no code is generated. It must give what the reference walk
 * (interpret.ts) gives, effects and exposures alike, in the same order: fast.test.ts holds
 * it to that on the golden cases and on random graphs.
 */
export function fastWalk(validated: ValidatedGraph): FastWalk {
  return new Program(validated);
}

/**
 * A rule as two flat arrays that one shared walker (below) runs, so its code stays hot
 * whichever of a thousand campaigns an event reaches. With a thousand rules the time goes
 * to memory, not to logic (the same rule run a thousand times is five times faster than a
 * thousand copies of it), so a rule keeps what an event touches in as few objects as it can:
 *
 * - `code`: per node four integers (kind, its `true`/`out` successors and its `false` ones,
 *   each as one integer, see NONE and LIST; the fourth is padding, so that a node starts at
 *   its index shifted by two), then the lists of several successors, then the trigger
 *   nodes, then the marks of joins;
 * - `slots`: per node four values: its function (test, effect or variant pick compiled with
 *   its parameters; run or trigger matcher), its parameters, its id, and what its kind needs
 *   besides (a trigger's event type, a split's routes by variant index, a generic node's
 *   successors by port).
 */
class Program implements FastWalk {
  private readonly code: Int32Array;
  private readonly slots: unknown[];
  private readonly triggersAt: number;
  private readonly marksAt: number;
  private readonly index: Map<string, number>;
  /** Which evaluation is running, to tell this event's marks from older ones. Evaluation is synchronous: one set of marks per rule is enough. */
  private epoch = 0;

  constructor({ graph, params, definitions }: ValidatedGraph) {
    const n = graph.nodes.length;
    const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
    const targets = (nodeId: string, port: string) => graph.edges.filter((e) => e.source === nodeId && e.sourcePort === port).map((e) => index.get(e.target)!);
    const incoming = new Uint32Array(n);
    for (const edge of graph.edges) incoming[index.get(edge.target)!] += 1;
    const triggers = graph.nodes.flatMap((node, i) => (definitions.get(node.id)!.group === 'trigger' ? [i] : []));
    // At most: the nodes, each edge and a length per port in lists, the triggers, the marks.
    const code = new Int32Array(4 * n + graph.edges.length + 2 * n + triggers.length + n);
    const slots: unknown[] = new Array(4 * n).fill(null);
    let filled = 4 * n;
    graph.nodes.forEach((node, i) => {
      const definition = definitions.get(node.id)!;
      const nodeParams = params.get(node.id)!;
      const outputs = definition.outputs(nodeParams);
      let kind = GENERIC;
      let fn: unknown = definition.run ?? null;
      let extra: unknown = null;
      let first: number[] = [];
      let second: number[] = [];
      if (definition.group === 'trigger') {
        kind = TRIGGER;
        fn = definition.trigger!.matches ?? null;
        extra = definition.trigger!.event;
        first = targets(node.id, 'out');
      } else if (definition.compileTest && outputs.every((port) => port === 'true' || port === 'false')) {
        kind = TEST;
        fn = definition.compileTest(nodeParams);
        first = targets(node.id, 'true');
        second = targets(node.id, 'false');
      } else if (definition.compileEffect && outputs.length === 1 && outputs[0] === 'out') {
        kind = EFFECT;
        fn = definition.compileEffect(nodeParams, node.id);
        first = targets(node.id, 'out');
      } else if (definition.variant) {
        kind = VARIANT;
        fn = definition.variant.compilePick(nodeParams);
        const experimentKey = definition.variant.experimentKey(nodeParams);
        extra = outputs.map((variant): Route => {
          const exposure = Object.freeze({ nodeId: node.id, experimentKey, variant });
          const alone = Object.freeze({ variants: Object.freeze([exposure]), caps: EMPTY_PATH.caps }) as unknown as PathState;
          return { exposure, alone, targets: targets(node.id, variant) };
        });
      } else {
        extra = { byPort: new Map(outputs.map((port) => [port, targets(node.id, port)])), waitTargets: graph.edges.filter((e) => e.source === node.id).map((e) => e.target) } satisfies GenericNode;
      }
      code[4 * i] = kind + (kind !== TRIGGER && incoming[i] > 1 ? JOIN : 0);
      const successors = (list: number[]): number => {
        if (list.length === 0) return NONE;
        if (list.length === 1) return list[0];
        const at = filled;
        code[filled++] = list.length;
        for (const target of list) code[filled++] = target;
        return LIST - at;
      };
      code[4 * i + 1] = successors(first);
      code[4 * i + 2] = successors(second);
      slots[4 * i] = fn;
      slots[4 * i + 1] = nodeParams;
      slots[4 * i + 2] = node.id;
      slots[4 * i + 3] = extra;
    });
    this.triggersAt = filled;
    for (const at of triggers) code[filled++] = at;
    this.marksAt = filled;
    this.code = code;
    this.slots = slots;
    this.index = index;
  }

  listensTo(event: FlowEvent): boolean {
    for (let k = this.triggersAt; k < this.marksAt; k++) if (this.fires(this.code[k], event)) return true;
    return false;
  }

  evaluate(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Decision {
    let state: State | null = null;
    for (let k = this.triggersAt; k < this.marksAt; k++) {
      const at = this.code[k];
      if (!this.fires(at, event)) continue;
      state ??= this.fresh(event, facts, options);
      // A trigger tests nothing: its successors are walked from here, one call level less.
      this.follow(this.code[(at << 2) + 1], state, EMPTY_PATH);
    }
    return state ?? NOT_FIRED;
  }

  resume(nodeId: string, event: FlowEvent, facts: MemberFacts, options: EvaluateOptions, path?: PathState): Decision {
    const at = this.index.get(nodeId);
    if (at === undefined) return NOT_FIRED;
    const state = this.fresh(event, facts, options);
    this.visit(at, state, path ?? EMPTY_PATH);
    return state;
  }

  private fires(at: number, event: FlowEvent): boolean {
    const matches = this.slots[at << 2] as Matches | null;
    return this.slots[(at << 2) + 3] === event.type && (matches === null || matches(this.slots[(at << 2) + 1] as Params, event));
  }

  private fresh(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): State {
    if (this.epoch === 0x7fffffff) {
      // Marks are int32: start again from zero rather than let an old mark pass for a new one.
      this.code.fill(0, this.marksAt);
      this.epoch = 0;
    }
    this.epoch++;
    return { event, facts, timezone: options.timezone, pointValueMinor: options.pointValueMinor, effects: NO_EFFECTS, exposures: NO_EXPOSURES, fired: true };
  }

  /**
   * Fires node i and what follows it. A lone successor is taken in the same loop rather than
   * by a call (a chain of conditions is the common rule), and only joins keep a mark: any
   * other node has one way in, so it cannot be reached twice in one event. (Keeping a fork's
   * other branches on an explicit stack instead of in calls was measured slower.)
   */
  visit(i: number, state: State, path: PathState): void {
    const code = this.code;
    const slots = this.slots;
    for (;;) {
      const at = i << 2;
      const word = code[at];
      if (word >= JOIN) {
        const mark = this.marksAt + i;
        if (code[mark] === this.epoch) return;
        code[mark] = this.epoch;
      }
      const kind = word & KIND;
      let next: number;
      if (kind === TEST) {
        // A test answers a boolean (its type says so): compared to true, not converted as any value would be.
        next = (slots[at] as Test)(state) === true ? code[at + 1] : code[at + 2];
      } else if (kind === EFFECT) {
        const made = (slots[at] as MakeEffect)(state);
        if (made !== null) give(state, path === EMPTY_PATH ? made : onPath(made, path));
        next = code[at + 1];
      } else if (kind === TRIGGER) {
        next = code[at + 1];
      } else if (kind === VARIANT) {
        return this.route(i, state, path);
      } else {
        return this.generic(i, state, path);
      }
      if (next < 0) return this.follow(next, state, path);
      i = next;
    }
  }

  /** Walks a port's successors, given as one integer (NONE, a node, or a list). */
  private follow(successors: number, state: State, path: PathState): void {
    if (successors >= 0) return this.visit(successors, state, path);
    if (successors === NONE) return;
    const code = this.code;
    const at = LIST - successors;
    const end = at + 1 + code[at];
    for (let k = at + 1; k < end; k++) this.visit(code[k], state, path);
  }

  /** An A/B split: the member's variant, recorded as an exposure and carried on the path. */
  private route(i: number, state: State, path: PathState): void {
    const pick = this.slots[i << 2] as (ctx: EvalContext) => number;
    const chosen = (this.slots[(i << 2) + 3] as Route[])[pick(state)];
    if (chosen === undefined) return;
    expose(state, chosen.exposure);
    const nextPath = path === EMPTY_PATH ? chosen.alone : { variants: [...path.variants, chosen.exposure], caps: path.caps };
    for (const target of chosen.targets) this.visit(target, state, nextPath);
  }

  /** A node without test or effect: its run, read the way the reference walk reads it. */
  private generic(i: number, state: State, path: PathState): void {
    const nodeId = this.slots[(i << 2) + 2] as string;
    const { byPort, waitTargets } = this.slots[(i << 2) + 3] as GenericNode;
    const outcome = (this.slots[i << 2] as Run)(this.slots[(i << 2) + 1] as Params, state);
    let nextPath = path;
    if (outcome.cap) {
      if (capReached(outcome.cap, state.facts.capUsage?.[nodeId] ?? {})) return;
      nextPath = { ...path, caps: [...path.caps, { nodeId, ...outcome.cap }] };
    }
    if (outcome.exposure) {
      expose(state, { nodeId, ...outcome.exposure });
      nextPath = { ...nextPath, variants: [...nextPath.variants, { nodeId, ...outcome.exposure }] };
    }
    if (outcome.effects) for (const effect of outcome.effects) give(state, tag({ ...effect }, nodeId, nextPath));
    if (outcome.waitMinutes !== undefined) {
      for (const target of waitTargets) give(state, tag({ type: 'wait', minutes: outcome.waitMinutes, resumeNodeId: target } as NodeEffect, nodeId, nextPath));
      return;
    }
    for (const port of outcome.ports) for (const target of byPort.get(port) ?? []) this.visit(target, state, nextPath);
  }
}

/**
 * Lists of one and two effects (most rules give one or two) are made at their exact size:
 * a list grown by push would be sized for 17, four times the garbage per event.
 */
function give(state: State, effect: Effect): void {
  const effects = state.effects;
  if (effects === NO_EFFECTS) state.effects = [effect];
  else if (effects.length === 1) state.effects = [effects[0], effect];
  else effects.push(effect);
}

function expose(state: State, exposure: Exposure): void {
  if (state.exposures === NO_EXPOSURES) state.exposures = [exposure];
  else state.exposures.push(exposure);
}

/** The node id and the path's variants and caps, in the order the reference walk writes them. */
function tag(effect: NodeEffect, nodeId: string, path: PathState): Effect {
  const tagged = effect as Effect;
  tagged.nodeId = nodeId;
  return path === EMPTY_PATH ? tagged : onPath(tagged, path);
}

/** The path's variants and caps on an effect that has its node id. */
function onPath(effect: Effect, path: PathState): Effect {
  if (path.variants.length) effect.variants = path.variants;
  if (path.caps.length) effect.caps = path.caps;
  return effect;
}
