/** What happened, as the runtime sees it. Amounts in minor units; times ISO 8601 UTC. */
export const TRIGGER_EVENTS = [
  'purchase',
  'custom',
  'signup',
  'birthday',
  'referral',
  'tierChanged',
  'communityPost',
  'surveyAnswered',
  'challengeCompleted',
  'schedule',
  'inactivity',
  'pointsExpiring',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export interface PurchaseFacts {
  totalMinor: number;
  currency: string;
  channel: string;
  storeId?: string | null;
  items: { sku: string; category?: string | null; quantity: number; unitPriceMinor: number }[];
  /** Points the program itself gives for this purchase (multipliers build on them). */
  basePoints: number;
}

export interface FlowEvent {
  type: TriggerEvent;
  memberId: string;
  occurredAt: string;
  /** Custom event name (trigger.event), schedule id, and the like. */
  name?: string;
  purchase?: PurchaseFacts;
  /** Anything else the event carries (tier codes for tierChanged, days for birthday…). */
  data?: Record<string, unknown>;
}

/** Member facts that another domain provides, fetched only for the rules that read them (NodeDefinition.needs). */
export type ProvidedFact = 'clubs';

/** What the server knows about the member, fetched once per evaluation. */
export interface MemberFacts {
  tier?: string | null;
  segments?: string[];
  /** Codes of the paid club plans the member is in (trialing, active, or past due within grace). */
  clubs?: string[];
  attributes?: Record<string, unknown>;
  /** Purchases before this event. */
  purchaseCount?: number;
  joinedAt?: string;
  birthday?: string | null;
  /** Window aggregates the rule asked for, by key (see FactRequest). */
  aggregates?: Record<string, number>;
  /** Uses of each cap node so far: per member, in the current period, and budget spent. */
  capUsage?: Record<string, { member?: number; period?: number; budget?: number }>;
}

/**
 * The facts for one campaign's run, always in this one shape. Every node reads them; built
 * by spreading (`{ ...base, aggregates }`) they read about ten times slower across 1,000
 * campaigns (bench/rules.ts).
 */
export function memberFacts(base: Omit<MemberFacts, 'aggregates' | 'capUsage'>, aggregates: MemberFacts['aggregates'], capUsage: MemberFacts['capUsage']): MemberFacts {
  return {
    tier: base.tier,
    segments: base.segments,
    clubs: base.clubs,
    attributes: base.attributes,
    purchaseCount: base.purchaseCount,
    joinedAt: base.joinedAt,
    birthday: base.birthday,
    aggregates,
    capUsage,
  };
}

/**
 * `last` again when it was made from the same aggregates and cap usage, else new facts:
 * campaigns that read the same (most read no aggregates and no caps) share one object per
 * event rather than make one each. The caller drops `last` (null) when `base` changes.
 */
export function factsFor(last: MemberFacts | null, base: Omit<MemberFacts, 'aggregates' | 'capUsage'>, aggregates: MemberFacts['aggregates'], capUsage: MemberFacts['capUsage']): MemberFacts {
  return last !== null && last.aggregates === aggregates && last.capUsage === capUsage ? last : memberFacts(base, aggregates, capUsage);
}

/** A window aggregate a condition needs: count or sum over the last N days. */
export interface FactRequest {
  key: string;
  metric: 'purchaseCount' | 'purchaseSum' | 'pointsEarned';
  days: number;
}

export const aggregateKey = (metric: FactRequest['metric'], days: number) => `${metric}:${days}`;
