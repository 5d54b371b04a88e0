import type { LeafRule, SegmentComparison, SegmentRule } from '@patron/schema/segments';
import type { Dialect } from '../db/data-source';
import { sqlDate } from '../db/sql-date';

/** A SQL condition over `members m` (and `loyalty_accounts a` of the program) with its `?` parameters in order. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

const DAY_MS = 86_400_000;
const SYMBOL: Record<SegmentComparison, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '=', neq: '<>' };

/**
 * Turns a segment definition into one SQL condition. Only fixed fragments are written
 * into the text; every value (numbers, codes, attribute paths, dates) is a bound
 * parameter, so a definition cannot inject SQL. Leaves are wrapped in COALESCE(…, 0) so
 * that a missing value (no account, no purchase) is false, and NOT stays two-valued.
 */
/** Quintile cut points (20/40/60/80 %) of recency (days), frequency and monetary over the last year. */
export interface RfmCuts {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export function segmentCondition(rule: SegmentRule, context: { programId: number; now: Date; dialect: Dialect; rfm?: RfmCuts }): SqlCondition {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return '?';
  };
  const since = (days: number) => {
    return bind(sqlDate(context.dialect, new Date(context.now.getTime() - days * DAY_MS)));
  };
  const program = () => bind(context.programId);

  /** "Days since <column>" compared with `value`, as a bound on the column itself (index-friendly). */
  const daysSince = (column: string, op: SegmentComparison, value: number): string => {
    const atLeast = (days: number) => `${column} <= ${since(days)}`;
    const below = (days: number) => `${column} > ${since(days)}`;
    switch (op) {
      case 'gte':
        return atLeast(value);
      case 'gt':
        return atLeast(value + 1);
      case 'lte':
        return below(value + 1);
      case 'lt':
        return below(value);
      case 'eq':
        return `(${atLeast(value)} AND ${below(value + 1)})`;
      case 'neq':
        return `NOT (${atLeast(value)} AND ${below(value + 1)})`;
    }
  };

  const leaf = (rule: LeafRule): string => {
    switch (rule.type) {
      case 'metric': {
        if (rule.metric === 'daysSinceJoined') return daysSince('m.createdAt', rule.op, rule.value);
        if (rule.metric === 'daysSinceLastPurchase') return daysSince('a.lastPurchaseAt', rule.op, rule.value);
        const column = { pointsBalance: 'a.available', lifetimeSpend: 'a.lifetimeSpendMinor', lifetimePurchases: 'a.purchaseCount' }[rule.metric];
        return `COALESCE(${column}, 0) ${SYMBOL[rule.op]} ${bind(rule.value)}`;
      }
      case 'window': {
        if (rule.metric === 'pointsEarned') {
          return `(SELECT COALESCE(SUM(e.availableChange + e.pendingChange - e.debtChange), 0) FROM ledger_entries e WHERE e.memberId = m.id AND e.programId = ${program()} AND e.kind = 'earn' AND e.occurredAt >= ${since(rule.days)}) ${SYMBOL[rule.op]} ${bind(rule.value)}`;
        }
        const aggregate = { purchaseCount: 'COUNT(*)', spend: 'COALESCE(SUM(p.totalMinor - p.refundedMinor), 0)', averageOrder: 'AVG(p.totalMinor - p.refundedMinor)' }[rule.metric];
        return `(SELECT ${aggregate} FROM purchases p WHERE p.memberId = m.id AND p.programId = ${program()} AND p.occurredAt >= ${since(rule.days)}) ${SYMBOL[rule.op]} ${bind(rule.value)}`;
      }
      case 'tier':
        return `a.tierId IN (SELECT t.id FROM tiers t WHERE t.programId = ${program()} AND t.code IN (${rule.tiers.map(bind).join(', ')}))`;
      case 'channel':
        return `EXISTS (SELECT 1 FROM purchases p WHERE p.memberId = m.id AND p.programId = ${program()} AND p.channel = ${bind(rule.channel)} AND p.occurredAt >= ${since(rule.days)})`;
      case 'attribute':
        return attribute(rule, context.dialect, bind);
      case 'profile': {
        if (rule.field === 'locale') return `m.locale = ${bind(String(rule.value))}`;
        const wanted = rule.value === true || rule.value === 'true';
        if (rule.field === 'consentEmail' || rule.field === 'consentSms') return `m.${rule.field} = ${bind(wanted ? 1 : 0)}`;
        const column = { hasEmail: 'm.email', hasPhone: 'm.phone', hasBirthday: 'm.birthday' }[rule.field];
        return `${column} IS ${wanted ? 'NOT ' : ''}NULL`;
      }
      case 'exposure':
        return `EXISTS (SELECT 1 FROM experiment_exposures x WHERE x.memberId = m.id AND x.experimentKey = ${bind(rule.experimentKey)}${rule.variant ? ` AND x.variant = ${bind(rule.variant)}` : ''})`;
      case 'survey': {
        const buckets = { promoter: ' AND r.npsScore >= 9', passive: ' AND r.npsScore BETWEEN 7 AND 8', detractor: ' AND r.npsScore <= 6' };
        const bucket = rule.nps ? buckets[rule.nps] : '';
        return `EXISTS (SELECT 1 FROM survey_responses r INNER JOIN surveys v ON v.id = r.surveyId WHERE r.memberId = m.id AND v.programId = ${program()} AND v.code = ${bind(rule.survey)}${bucket})`;
      }
      case 'rfm': {
        const cuts = context.rfm;
        if (!cuts) throw new Error('RFM cut points were not computed');
        // Functions, not strings: each use binds its own parameters in place.
        const yearSpend = () => `(SELECT COALESCE(SUM(p.totalMinor - p.refundedMinor), 0) FROM purchases p WHERE p.memberId = m.id AND p.programId = ${program()} AND p.occurredAt >= ${since(365)})`;
        const yearCount = () => `(SELECT COUNT(*) FROM purchases p WHERE p.memberId = m.id AND p.programId = ${program()} AND p.occurredAt >= ${since(365)})`;
        // Higher is better: score s covers (cut[s−2], cut[s−1]]; 1 has no lower bound, 5 no upper.
        const band = (value: () => string, list: number[], [from, to]: [number, number]) => [
          ...(from > 1 ? [`${value()} > ${bind(list[from - 2])}`] : []),
          ...(to < 5 ? [`${value()} <= ${bind(list[to - 1])}`] : []),
        ];
        const parts = [`${yearCount()} > 0`];
        if (rule.frequency) parts.push(...band(yearCount, cuts.frequency, rule.frequency));
        if (rule.monetary) parts.push(...band(yearSpend, cuts.monetary, rule.monetary));
        if (rule.recency) {
          // Fewer days is better: recency score s is the band of days 6 − s.
          const [from, to] = rule.recency;
          const [low, high] = [6 - to, 6 - from];
          if (low > 1) parts.push(daysSince('a.lastPurchaseAt', 'gt', cuts.recency[low - 2]));
          if (high < 5) parts.push(daysSince('a.lastPurchaseAt', 'lte', cuts.recency[high - 1]));
        }
        return parts.join(' AND ');
      }
      case 'community': {
        // posted: topics started; replied: replies written; reacted: reactions given. Deleted posts count (they happened); the program's categories only.
        const inProgram = `INNER JOIN community_topics t ON t.id = p.topicId INNER JOIN community_categories c ON c.id = t.categoryId AND c.programId = ${program()}`;
        const count =
          rule.activity === 'reacted'
            ? `(SELECT COUNT(*) FROM community_post_actions x INNER JOIN community_posts p ON p.id = x.postId ${inProgram} WHERE x.memberId = m.id AND x.type <> 'flag' AND x.createdAt >= ${since(rule.days)})`
            : `(SELECT COUNT(*) FROM community_posts p ${inProgram} WHERE p.authorMemberId = m.id AND p.postNumber ${rule.activity === 'posted' ? '= 1' : '> 1'} AND p.createdAt >= ${since(rule.days)})`;
        return `${count} ${SYMBOL[rule.op]} ${bind(rule.value)}`;
      }
      case 'segment':
        return `EXISTS (SELECT 1 FROM segment_members s INNER JOIN segments g ON g.id = s.segmentId WHERE s.memberId = m.id AND g.programId = ${program()} AND g.code = ${bind(rule.segment)})`;
    }
  };

  const walk = (rule: SegmentRule): string => {
    if (rule.type === 'all') return `(${rule.rules.map(walk).join(' AND ')})`;
    if (rule.type === 'any') return `(${rule.rules.map(walk).join(' OR ')})`;
    if (rule.type === 'not') return `(NOT ${walk(rule.rule)})`;
    return `(COALESCE((${leaf(rule)}), 0) = 1)`;
  };

  return { sql: walk(rule), params };
}

function attribute(rule: Extract<LeafRule, { type: 'attribute' }>, dialect: Dialect, bind: (value: unknown) => string): string {
  // Each use binds the path again: placeholders are positional.
  const raw = () => (dialect === 'mysql' ? `JSON_EXTRACT(m.attributes, ${bind(`$.${rule.path}`)})` : `json_extract(m.attributes, ${bind(`$.${rule.path}`)})`);
  if (rule.op === 'exists') return `${raw()} IS NOT NULL`;
  const value = rule.value ?? '';
  let expr: () => string;
  let bound: unknown;
  if (typeof value === 'number') {
    expr = () => (dialect === 'mysql' ? `CAST(${raw()} AS DECIMAL(30, 6))` : raw());
    bound = value;
  } else if (typeof value === 'boolean') {
    // MySQL unquotes JSON true to 'true'; SQLite's json_extract gives 1.
    expr = () => (dialect === 'mysql' ? `JSON_UNQUOTE(${raw()})` : raw());
    bound = dialect === 'mysql' ? String(value) : value ? 1 : 0;
  } else {
    expr = () => (dialect === 'mysql' ? `JSON_UNQUOTE(${raw()})` : raw());
    bound = value;
  }
  if (rule.op === 'neq') {
    const missing = `${raw()} IS NULL`;
    return `(${missing} OR ${expr()} <> ${bind(bound)})`;
  }
  const symbol = { eq: '=', gt: '>', lt: '<' }[rule.op];
  const left = expr();
  return `${left} ${symbol} ${bind(bound)}`;
}
