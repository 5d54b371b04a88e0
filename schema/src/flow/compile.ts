import type { TraceStep } from './definition';
import type { FactRequest, FlowEvent, MemberFacts, ProvidedFact, TriggerEvent } from './events';
import { fastWalk, type Decision, type FastWalk } from './fast';
import { interpreter, type EvaluateOptions, type Evaluation, type PathState } from './interpret';
import { validateGraph, type Diagnostic, type ValidatedGraph, type ValidateOptions } from './validate';

export type { EvaluateOptions, Evaluation, Exposure, PathState } from './interpret';
export type { Decision } from './fast';

/** A graph compiled once into flat arrays; evaluating an event is a walk over them. */
export interface CompiledRule {
  /** The events this rule listens to. */
  triggers: TriggerEvent[];
  /** The trigger nodes with their parsed parameters: what the scheduler plans from (birthday days, cron…). */
  triggerNodes: { nodeId: string; kind: string; event: TriggerEvent; params: Record<string, unknown> }[];
  /** Whether a condition reads the member's segments (fetched only then). */
  readsSegments: boolean;
  /** Whether a cap node reads its usage (fetched only then). */
  readsCapUsage: boolean;
  /** Member facts from other domains that the rule reads (fetched only then). */
  needs: ProvidedFact[];
  /** Window aggregates to fetch before evaluating (once per evaluation). */
  facts: FactRequest[];
  /** The keys of `facts`, sorted, as one string: rules that ask the same aggregates can share one record of them per event. */
  factsKey: string;
  /** Whether a trigger of this rule fires on the event: the cheap filter before deciding. */
  listensTo(event: FlowEvent): boolean;
  /**
   * The hot path, what the server runs on every event: effects and exposures, no trace.
   * `fired` says whether a trigger matched, that is whether there is a trace to keep.
   */
  decide(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Decision;
  /** The trace of the same evaluation, built by the reference walk: for the simulation and for what the server keeps. */
  trace(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): TraceStep[];
  /** decide and trace together. */
  evaluate(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Evaluation;
  /** Continues after a flow.wait, from the node the wait led to. */
  resume(nodeId: string, event: FlowEvent, facts: MemberFacts, options: EvaluateOptions, path?: PathState): Evaluation;
  /** The reference walk alone, trace and all: what the fast path is checked against. */
  interpret(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Evaluation;
}

/**
 * Validates and compiles a graph. No code is generated from input: each node becomes its
 * parsed parameters, its node kind's functions and its successors' places (fast.ts). A
 * graph with errors gives no rule, only diagnostics.
 */
export function compileGraph(input: unknown, options: ValidateOptions = {}): { rule: CompiledRule | null; diagnostics: Diagnostic[] } {
  const { diagnostics, validated } = validateGraph(input, options);
  if (!validated) return { rule: null, diagnostics };
  const { graph, params, definitions } = validated;
  const facts = new Map<string, FactRequest>();
  const triggerNodes: CompiledRule['triggerNodes'] = [];
  const needs = new Set<ProvidedFact>();
  for (const node of graph.nodes) {
    const definition = definitions.get(node.id)!;
    for (const fact of definition.needs ?? []) needs.add(fact);
    const nodeParams = params.get(node.id)!;
    for (const request of definition.facts?.(nodeParams) ?? []) facts.set(request.key, request);
    if (definition.group === 'trigger') triggerNodes.push({ nodeId: node.id, kind: node.kind, event: definition.trigger!.event, params: nodeParams });
  }
  const rule = new Rule(validated, {
    triggers: [...new Set(triggerNodes.map((r) => r.event))],
    readsSegments: graph.nodes.some((n) => n.kind === 'condition.segment'),
    readsCapUsage: graph.nodes.some((n) => n.kind === 'limit.cap'),
    needs: [...needs],
    triggerNodes,
    facts: [...facts.values()],
    factsKey: [...facts.keys()].sort().join(' '),
  });
  return { rule, diagnostics };
}

type RuleFacts = Pick<CompiledRule, 'triggers' | 'readsSegments' | 'readsCapUsage' | 'needs' | 'triggerNodes' | 'facts' | 'factsKey'>;

/**
 * A compiled rule. Its methods live on the class, not in closures made per rule: with a
 * thousand campaigns, what an event touches per rule is this object and the fast walk's.
 */
class Rule implements CompiledRule {
  readonly triggers: TriggerEvent[];
  readonly triggerNodes: CompiledRule['triggerNodes'];
  readonly readsSegments: boolean;
  readonly readsCapUsage: boolean;
  readonly needs: ProvidedFact[];
  readonly facts: FactRequest[];
  readonly factsKey: string;
  private readonly fast: FastWalk;
  // The reference walk is built on first use (a trace, a simulation, a resume): a campaign
  // that never fires keeps only the fast path, half the memory, and 1,000 of them stay in cache.
  private reference: ReturnType<typeof interpreter> | null = null;

  constructor(
    private readonly validated: ValidatedGraph,
    about: RuleFacts,
  ) {
    this.triggers = about.triggers;
    this.triggerNodes = about.triggerNodes;
    this.readsSegments = about.readsSegments;
    this.readsCapUsage = about.readsCapUsage;
    this.needs = about.needs;
    this.facts = about.facts;
    this.factsKey = about.factsKey;
    this.fast = fastWalk(validated);
  }

  private walk() {
    return (this.reference ??= interpreter(this.validated));
  }

  listensTo(event: FlowEvent): boolean {
    return this.fast.listensTo(event);
  }

  decide(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Decision {
    return this.fast.evaluate(event, facts, options);
  }

  trace(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): TraceStep[] {
    return this.walk().evaluate(event, facts, options).trace;
  }

  evaluate(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Evaluation {
    const { effects, exposures, fired } = this.fast.evaluate(event, facts, options);
    // No trigger fired: the trace is empty, nothing to walk.
    return { effects, trace: fired ? this.walk().evaluate(event, facts, options).trace : [], exposures };
  }

  resume(nodeId: string, event: FlowEvent, facts: MemberFacts, options: EvaluateOptions, path?: PathState): Evaluation {
    const { effects, exposures } = this.fast.resume(nodeId, event, facts, options, path);
    return { effects, trace: this.walk().resume(nodeId, event, facts, options, path).trace, exposures };
  }

  interpret(event: FlowEvent, facts: MemberFacts, options: EvaluateOptions): Evaluation {
    return this.walk().evaluate(event, facts, options);
  }
}
