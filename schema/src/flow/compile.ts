import type { Effect, EvalContext, TraceStep } from './definition';
import type { FactRequest, FlowEvent, MemberFacts, TriggerEvent } from './events';
import { validateGraph, type Diagnostic, type ValidateOptions } from './validate';

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

/** A graph compiled once into closures; evaluating an event is a walk over them. */
export interface CompiledRule {
  /** The events this rule listens to. */
  triggers: TriggerEvent[];
  /** The trigger nodes with their parsed parameters: what the scheduler plans from (birthday days, cron…). */
  triggerNodes: { nodeId: string; kind: string; event: TriggerEvent; params: Record<string, unknown> }[];
  /** Whether a condition reads the member's segments (fetched only then). */
  readsSegments: boolean;
  /** Window aggregates to fetch before evaluating (once per evaluation). */
  facts: FactRequest[];
  evaluate(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Evaluation;
  /** Continues after a flow.wait, from the node the wait led to. */
  resume(nodeId: string, event: FlowEvent, facts: MemberFacts, options: EvaluateOptions, path?: PathState): Evaluation;
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

/**
 * Validates and compiles a graph. No code is generated from input: each node becomes a
 * closure over its parsed parameters and its successors. A graph with errors gives no
 * rule, only diagnostics.
 */
export function compileGraph(input: unknown, options: ValidateOptions = {}): { rule: CompiledRule | null; diagnostics: Diagnostic[] } {
  const { diagnostics, validated } = validateGraph(input, options);
  if (!validated) return { rule: null, diagnostics };
  const { graph, params, definitions } = validated;

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

  const triggerRunners: { nodeId: string; kind: string; params: Record<string, unknown>; event: TriggerEvent; matches: (event: FlowEvent) => boolean; run: Runner }[] = [];
  const facts = new Map<string, FactRequest>();

  for (const node of graph.nodes) {
    const definition = definitions.get(node.id)!;
    const nodeParams = params.get(node.id)!;
    const next = successors.get(node.id)!;
    const follow = (port: string, state: RunState, path: PathState) => {
      for (const runner of next.get(port) ?? []) runner(state, path);
    };
    for (const request of definition.facts?.(nodeParams) ?? []) facts.set(request.key, request);

    if (definition.group === 'trigger') {
      const run: Runner = (state, path) => {
        state.result.trace.push({ nodeId: node.id, kind: node.kind, port: 'out' });
        follow('out', state, path);
      };
      const trigger = definition.trigger!;
      triggerRunners.push({ nodeId: node.id, kind: node.kind, params: nodeParams as Record<string, unknown>, event: trigger.event, matches: (event) => trigger.matches?.(nodeParams, event) ?? true, run });
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
        const reached =
          (cap.perMember !== null && (usage.member ?? 0) >= cap.perMember) ||
          (cap.perPeriod !== null && (usage.period ?? 0) >= cap.perPeriod) ||
          (cap.budgetPoints !== null && (usage.budget ?? 0) >= cap.budgetPoints);
        if (reached) {
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

  const rule: CompiledRule = {
    triggers: [...new Set(triggerRunners.map((r) => r.event))],
    readsSegments: graph.nodes.some((n) => n.kind === 'condition.segment'),
    triggerNodes: triggerRunners.map(({ nodeId, kind, event, params: p }) => ({ nodeId, kind, event, params: p })),
    facts: [...facts.values()],
    evaluate(event, memberFacts, evalOptions) {
      const state = fresh(event, memberFacts, evalOptions);
      for (const trigger of triggerRunners) {
        if (trigger.event === event.type && trigger.matches(event)) trigger.run(state, emptyPath());
      }
      return state.result;
    },
    resume(nodeId, event, memberFacts, evalOptions, path) {
      const state = fresh(event, memberFacts, evalOptions);
      runners.get(nodeId)?.(state, path ?? emptyPath());
      return state.result;
    },
  };
  return { rule, diagnostics };
}
