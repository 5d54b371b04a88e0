import { leafRules, MEMBER_METRICS, SEGMENT_COMPARISONS, SEGMENT_LIMITS, segmentDefinition, WINDOW_METRICS, type LeafRule, type SegmentRule } from '@patron/schema/segments';

/**
 * The segment builder's model: the shared definition schema is the only source of rule
 * types, their options and their checks; this file only adds starting values and reads
 * the schema's issues back onto the rule they belong to.
 */
export type LeafType = LeafRule['type'];
export type GroupType = 'all' | 'any';

export const LEAF_TYPES = leafRules.map((schema) => schema.shape.type.value) as LeafType[];
export { MEMBER_METRICS, SEGMENT_COMPARISONS, SEGMENT_LIMITS, WINDOW_METRICS };

/** RFM dimensions, each scored 1–5 (5 best). */
export const RFM_DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;
export type RfmDimension = (typeof RFM_DIMENSIONS)[number];

/** Metrics the builder edits in roubles while the definition keeps kopecks. */
export const MONEY_METRICS: readonly string[] = ['lifetimeSpend', 'spend', 'averageOrder'];

interface EnumLike {
  def: { type: string; innerType?: EnumLike };
  options?: readonly string[];
}

/** The values a leaf's field may take, read from the zod enum in the shared schema. */
export function fieldOptions(type: LeafType, field: string): string[] {
  const leaf = leafRules.find((schema) => schema.shape.type.value === type);
  let schema = (leaf?.shape as Record<string, EnumLike> | undefined)?.[field];
  while (schema && schema.def.type === 'optional' && schema.def.innerType) schema = schema.def.innerType;
  return schema?.def.type === 'enum' ? [...(schema.options ?? [])] : [];
}

/** A valid rule of each kind to start from; the marketer edits it from there. */
export function defaultLeaf(type: LeafType, refs: { segment?: string; tier?: string } = {}): LeafRule {
  switch (type) {
    case 'metric':
      return { type, metric: 'daysSinceLastPurchase', op: 'lte', value: 30 };
    case 'window':
      return { type, metric: 'purchaseCount', days: 90, op: 'gte', value: 2 };
    case 'tier':
      return { type, tiers: [refs.tier ?? 'gold'] };
    case 'channel':
      return { type, channel: 'online', days: 90 };
    case 'attribute':
      return { type, path: 'city', op: 'eq', value: '' };
    case 'profile':
      return { type, field: 'consentEmail', value: true };
    case 'exposure':
      return { type, experimentKey: 'experiment' };
    case 'segment':
      return { type, segment: refs.segment ?? 'loyal' };
    case 'survey':
      return { type, survey: 'nps' };
    case 'community':
      return { type, activity: 'posted', days: 30, op: 'gte', value: 1 };
    case 'rfm':
      return { type, recency: [4, 5], frequency: [4, 5] };
    default:
      return { type: 'metric', metric: 'daysSinceLastPurchase', op: 'lte', value: 30 };
  }
}

export const isGroup = (rule: SegmentRule): rule is { type: GroupType; rules: SegmentRule[] } => rule.type === 'all' || rule.type === 'any';

/** A new segment starts as "all of" one condition, so that adding a second is one click. */
export const emptyDefinition = (): SegmentRule => ({ type: 'all', rules: [defaultLeaf('metric')] });

export interface RuleIssue {
  /** Where in the tree: "rules.0.value" (dots between keys and indexes). */
  path: string;
  code: string;
  message: string;
  minimum?: number;
  maximum?: number;
}

/** The shared schema's verdict on a definition, each issue keyed by its path in the tree. */
export function checkDefinition(definition: unknown): { valid: boolean; issues: RuleIssue[] } {
  const result = segmentDefinition.safeParse(definition);
  if (result.success) return { valid: true, issues: [] };
  return {
    valid: false,
    issues: result.error.issues.map((issue) => {
      const extra = issue as { minimum?: number | bigint; maximum?: number | bigint };
      return {
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
        ...(extra.minimum !== undefined ? { minimum: Number(extra.minimum) } : {}),
        ...(extra.maximum !== undefined ? { maximum: Number(extra.maximum) } : {}),
      };
    }),
  };
}

export const childPath = (path: string, ...keys: (string | number)[]) => [path, ...keys.map(String)].filter(Boolean).join('.');

/** Replaces the rule at a path ("rules.1.rule") in a copy of the tree. */
export function replaceAt(root: SegmentRule, path: string, next: SegmentRule | null): SegmentRule | null {
  if (!path) return next;
  const [head, ...rest] = path.split('.');
  if (isGroup(root) && head === 'rules') {
    const [index, ...tail] = rest;
    const i = Number(index);
    const child = replaceAt(root.rules[i], tail.join('.'), next);
    const rules = child === null ? root.rules.filter((_, j) => j !== i) : root.rules.map((r, j) => (j === i ? child : r));
    return { ...root, rules };
  }
  if (root.type === 'not' && head === 'rule') {
    const child = replaceAt(root.rule, rest.join('.'), next);
    return child === null ? null : { ...root, rule: child };
  }
  return root;
}

export function depthOf(path: string): number {
  return path ? path.split('.').filter((p) => p === 'rules' || p === 'rule').length + 1 : 1;
}
