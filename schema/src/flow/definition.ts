import type { z } from 'zod';
import type { FactRequest, FlowEvent, MemberFacts, ProvidedFact, TriggerEvent } from './events';
import type { Localized, FlowLocale } from './text';

export type NodeGroup = 'trigger' | 'condition' | 'flow' | 'action';

/** Domains a node kind depends on; a kind whose domain has not landed cannot be published. */
export type FlowDomain = 'rewards' | 'badges' | 'challenges' | 'segments' | 'notifications' | 'community' | 'surveys' | 'referrals' | 'scheduler' | 'checkout' | 'jobs' | 'clubs' | 'offers';

/** Kinds of ids a parameter may refer to, checked at compile time against what exists. */
export type ReferenceKind = 'tier' | 'segment' | 'reward' | 'badge' | 'challenge' | 'club' | 'offer';

/** How the inspector draws a parameter. */
export interface ParamUi {
  label: Localized;
  help?: Localized;
  widget?: 'number' | 'money' | 'percent' | 'text' | 'select' | 'multiselect' | 'toggle' | 'date' | 'time' | 'cron' | 'weekdays' | 'reference' | 'variants' | 'json';
  reference?: ReferenceKind;
  /** Labels for the values of a select. */
  options?: Record<string, Localized>;
}

/** Something a flow does to a member. The server applies effects through the domain services. */
export type Effect = (
  | { type: 'awardPoints'; points: number }
  | { type: 'cashback'; amountMinor: number }
  | { type: 'discount'; percent: number; maxMinor: number | null }
  | { type: 'issueReward'; reward: string }
  | { type: 'setTier'; tier: string }
  | { type: 'grantBadge'; badge: string }
  | { type: 'challengeProgress'; challenge: string; amount: number }
  | { type: 'notify'; channel: 'email' | 'webhook'; template: string; url: string | null }
  | { type: 'addToSegment'; segment: string }
  | { type: 'grantOffer'; offer: string }
  | { type: 'wait'; minutes: number; resumeNodeId: string }
) & {
  nodeId: string;
  /** The A/B variants on the path that led here. */
  variants?: { experimentKey: string; variant: string; nodeId: string }[];
  /** Caps on the path: the server applies the effect only while they hold, atomically. */
  caps?: { nodeId: string; perMember: number | null; perPeriod: number | null; periodDays: number | null; budgetPoints: number | null }[];
};

/** One node's part in an evaluation: what it saw and where it sent the member. */
export interface TraceStep {
  nodeId: string;
  kind: string;
  /** The output port taken ('out', 'true', a variant key); null when the path stopped here. */
  port: string | null;
  inputs?: Record<string, unknown>;
  note?: string;
}

/** What a node sees while the rule runs. */
export interface EvalContext {
  event: FlowEvent;
  facts: MemberFacts;
  /** The brand's time zone, for date and time windows. */
  timezone: string;
  /** What one point is worth in minor units (percent awards convert money to points). */
  pointValueMinor: number;
}

/** The result of running one node. */
export interface NodeOutcome {
  /** Ports to continue on (none: the path ends). */
  ports: string[];
  effects?: NodeEffect[];
  inputs?: Record<string, unknown>;
  note?: string;
  /** Set by split.ab: the variant this member is in. */
  exposure?: { experimentKey: string; variant: string };
  /** Set by limit.cap: effects after this node are guarded by these limits. */
  cap?: { perMember: number | null; perPeriod: number | null; periodDays: number | null; budgetPoints: number | null };
  /** Set by flow.wait: stop here and resume after this many minutes. */
  waitMinutes?: number;
}

/** An effect as a node makes it; the runtime adds the node id and the path's variants and caps. */
export type NodeEffect = Omit<Effect, 'nodeId' | 'variants' | 'caps'>;

/**
 * One kind of node, defined once. The palette, the inspector form, the validator, the
 * compiler and the runtime all read this; nothing lists node kinds a second time.
 */
export interface NodeDefinition<P = Record<string, unknown>> {
  kind: string;
  group: NodeGroup;
  label: Localized;
  help: Localized;
  /** Parameters with defaults; `parse({})` must give a usable default node. */
  params: z.ZodType<P>;
  ui: Partial<Record<keyof P & string, ParamUi>>;
  /** Output ports for these parameters. */
  outputs(params: P): string[];
  /** Labels of the output ports (true/false, variant keys). */
  portLabel?(port: string, locale: FlowLocale): string;
  /** Key parameters in words, for the node on the canvas ("Purchase ≥ 1,000 ₽"). */
  summary(params: P, locale: FlowLocale): string;
  /** The domain this kind needs; until it lands, graphs using it do not compile. */
  requires?: FlowDomain;
  /** Ids in the parameters that must exist (a tier code, a segment…). */
  references?(params: P): { kind: ReferenceKind; id: string; path: string[] }[];
  /** Window aggregates this node reads. */
  facts?(params: P): FactRequest[];
  /** Member facts a domain provides that this kind reads (the member's clubs): fetched only for the rules that read them. */
  needs?: ProvidedFact[];
  /** For triggers: the event type, and whether this event matches the parameters. */
  trigger?: { event: TriggerEvent; matches?(params: P, event: FlowEvent): boolean };
  /** At most one of these on a path (two tier changes or two discounts would conflict). */
  exclusive?: boolean;
  /** Runs the node (triggers run nothing: they only start the path). */
  run?(params: P, ctx: EvalContext): NodeOutcome;
  /**
   * The hot path: the decision run makes, without the inputs only the trace shows, with the
   * parameters read once when the rule is compiled (an operator chosen, a key built), not on
   * every event. A condition gives its test (the `true` or `false` port); an action with one
   * `out` port its effect, a fresh object or null for none, made with its node's id (the
   * walker adds the path's variants and caps: an object given every property as it is made
   * takes no new shape and no second allocation per event). Kinds without either go through
   * run. fast.test.ts holds them to run.
   */
  compileTest?(params: P): (ctx: EvalContext) => boolean;
  compileEffect?(params: P, nodeId: string): (ctx: EvalContext) => Effect | null;
  /** The hot path of an A/B split: the index of the variant (an output port) the member lands in, an exposure of the experiment. */
  variant?: { experimentKey(params: P): string; compilePick(params: P): (ctx: EvalContext) => number };
}

/** Keeps the parameter type of a definition while listing it among others. */
export function defineNode<P>(definition: NodeDefinition<P>): NodeDefinition<P> {
  return definition;
}
