import { z } from 'zod';

/**
 * A segment definition is data: a tree of rules the console's builder renders and the
 * server turns into one SQL condition. Windows are in days back from the refresh; money
 * in minor units. Community activity joins when its domain lands.
 */
export const SEGMENT_COMPARISONS = ['gte', 'gt', 'lte', 'lt', 'eq', 'neq'] as const;
export type SegmentComparison = (typeof SEGMENT_COMPARISONS)[number];
const op = z.enum(SEGMENT_COMPARISONS);
const amount = z.number().finite().min(-1e12).max(1e12);
const days = z.number().int().min(1).max(3650);
const code = z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -');
/** An attribute path such as `city` or `pet.kind`: never interpolated, always a bound parameter. */
const scoreRange = z
  .tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)])
  .refine(([from, to]) => from <= to, 'from must not exceed to');
const attributePath = z.string().regex(/^[A-Za-z0-9_]{1,64}(\.[A-Za-z0-9_]{1,64}){0,4}$/, 'letters, digits and _, dot-separated');

/** Facts about the member compared with a number. */
export const MEMBER_METRICS = [
  'daysSinceJoined',
  'daysSinceLastPurchase',
  'pointsBalance',
  'lifetimeSpend',
  'lifetimePurchases',
] as const;
/** Facts over a window of the last `days` days. */
export const WINDOW_METRICS = ['purchaseCount', 'spend', 'averageOrder', 'pointsEarned'] as const;

export const leafRules = [
  z.object({ type: z.literal('metric'), metric: z.enum(MEMBER_METRICS), op, value: amount }),
  z.object({ type: z.literal('window'), metric: z.enum(WINDOW_METRICS), days, op, value: amount }),
  z.object({ type: z.literal('tier'), tiers: z.array(code).min(1).max(20) }),
  z.object({ type: z.literal('channel'), channel: z.enum(['store', 'online', 'app', 'partner']), days }),
  z.object({ type: z.literal('attribute'), path: attributePath, op: z.enum(['eq', 'neq', 'exists', 'gt', 'lt']), value: z.union([z.string().max(200), z.number().finite(), z.boolean()]).optional() }),
  z.object({ type: z.literal('profile'), field: z.enum(['locale', 'consentEmail', 'consentSms', 'hasEmail', 'hasPhone', 'hasBirthday']), value: z.union([z.string().max(16), z.boolean()]) }),
  z.object({ type: z.literal('exposure'), experimentKey: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), variant: z.string().max(32).optional() }),
  z.object({ type: z.literal('segment'), segment: code }),
  /**
   * RFM scores 1–5 (5 best), by quintiles of the program's members who bought in the last 365
   * days: recency (days since the last purchase), frequency (purchases) and monetary (spend)
   * over those 365 days. Each given range [from, to] must hold; a member with no purchase in
   * the year has no score.
   */
  z
    .object({ type: z.literal('rfm'), recency: scoreRange.optional(), frequency: scoreRange.optional(), monetary: scoreRange.optional() })
    .refine((r) => Boolean(r.recency || r.frequency || r.monetary), 'give at least one score range'),
  /**
   * Activity in the community forum over the last `days` days. Defined here for the builder;
   * the server refuses it until the forum's domain lands (never pretends to evaluate it).
   */
  z.object({ type: z.literal('community'), activity: z.enum(['posted', 'replied', 'reacted']), days, op, value: amount }),
  /** Answered a survey; with `nps`, only in that NPS bucket (promoters 9–10, passives 7–8, detractors 0–6). */
  z.object({ type: z.literal('survey'), survey: code, nps: z.enum(['promoter', 'passive', 'detractor']).optional() }),
] as const;

export type LeafRule = z.infer<(typeof leafRules)[number]>;
export type SegmentRule = LeafRule | { type: 'all'; rules: SegmentRule[] } | { type: 'any'; rules: SegmentRule[] } | { type: 'not'; rule: SegmentRule };

export const segmentRule: z.ZodType<SegmentRule> = z.lazy(() =>
  z.discriminatedUnion('type', [
    ...leafRules,
    z.object({ type: z.literal('all'), rules: z.array(segmentRule).min(1).max(50) }),
    z.object({ type: z.literal('any'), rules: z.array(segmentRule).min(1).max(50) }),
    z.object({ type: z.literal('not'), rule: segmentRule }),
  ]),
) as z.ZodType<SegmentRule>;

/** Bounds that keep one definition's SQL small: nesting depth and number of leaves. */
export const SEGMENT_LIMITS = { depth: 5, leaves: 50 };

export function ruleShape(rule: SegmentRule, depth = 1): { depth: number; leaves: number } {
  if (rule.type === 'all' || rule.type === 'any') {
    const children = rule.rules.map((r) => ruleShape(r, depth + 1));
    return { depth: Math.max(depth, ...children.map((c) => c.depth)), leaves: children.reduce((sum, c) => sum + c.leaves, 0) };
  }
  if (rule.type === 'not') return ruleShape(rule.rule, depth + 1);
  return { depth, leaves: 1 };
}

export const segmentDefinition = segmentRule.superRefine((rule, ctx) => {
  const shape = ruleShape(rule);
  if (shape.depth > SEGMENT_LIMITS.depth) ctx.addIssue({ code: 'custom', message: `nested deeper than ${SEGMENT_LIMITS.depth} levels` });
  if (shape.leaves > SEGMENT_LIMITS.leaves) ctx.addIssue({ code: 'custom', message: `more than ${SEGMENT_LIMITS.leaves} conditions` });
});

/** Segments every brand starts with (a program's "new", "loyal", "at risk"…). */
export const PREDEFINED_SEGMENTS: { code: string; name: { ru: string; en: string }; definition: SegmentRule }[] = [
  { code: 'new', name: { ru: 'Новые', en: 'New members' }, definition: { type: 'metric', metric: 'daysSinceJoined', op: 'lte', value: 30 } },
  { code: 'loyal', name: { ru: 'Постоянные', en: 'Loyal (frequent)' }, definition: { type: 'window', metric: 'purchaseCount', days: 90, op: 'gte', value: 4 } },
  { code: 'big-orders', name: { ru: 'Крупные чеки', en: 'Big orders' }, definition: { type: 'window', metric: 'averageOrder', days: 365, op: 'gte', value: 3000_00 } },
  { code: 'active', name: { ru: 'Активные', en: 'Active in the program' }, definition: { type: 'metric', metric: 'daysSinceLastPurchase', op: 'lte', value: 90 } },
  {
    code: 'at-risk',
    name: { ru: 'Под угрозой ухода', en: 'At risk' },
    definition: {
      type: 'all',
      rules: [
        { type: 'metric', metric: 'daysSinceLastPurchase', op: 'gt', value: 90 },
        { type: 'metric', metric: 'daysSinceLastPurchase', op: 'lte', value: 180 },
        { type: 'metric', metric: 'lifetimePurchases', op: 'gte', value: 2 },
      ],
    },
  },
  { code: 'churned', name: { ru: 'Ушедшие', en: 'Churned' }, definition: { type: 'metric', metric: 'daysSinceLastPurchase', op: 'gt', value: 180 } },
];

/** Whether a definition has an RFM rule (the server then computes the quintile cut points first). */
export function usesRfm(rule: SegmentRule): boolean {
  if (rule.type === 'all' || rule.type === 'any') return rule.rules.some(usesRfm);
  if (rule.type === 'not') return usesRfm(rule.rule);
  return rule.type === 'rfm';
}
