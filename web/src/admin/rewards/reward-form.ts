import type { RewardInput, RewardKind, RewardRowFragment } from '../../graphql/generated/graphql';

export const REWARD_KINDS: RewardKind[] = ['COUPON', 'FIXED_DISCOUNT', 'PERCENT_DISCOUNT', 'FREE_PRODUCT', 'FREE_DELIVERY', 'EXPERIENCE', 'PARTNER_VOUCHER'];

/** The form's values as typed: text, so that a half-typed number is not lost. */
export interface RewardFormValues {
  code: string;
  name: string;
  description: string;
  kind: RewardKind;
  costPoints: string;
  stock: string;
  perMemberLimit: string;
  validFrom: string;
  validUntil: string;
  minTier: string;
  couponValidDays: string;
  imageUrl: string;
  /** FIXED_DISCOUNT, in major units (₽). */
  value: string;
  percent: string;
  /** PERCENT_DISCOUNT cap, in major units. */
  cap: string;
  sku: string;
}

export const FORM_FIELDS = ['code', 'name', 'description', 'kind', 'costPoints', 'stock', 'perMemberLimit', 'validFrom', 'validUntil', 'minTier', 'couponValidDays', 'imageUrl', 'valueMinor', 'percent', 'capMinor', 'sku'] as const;

export function emptyReward(): RewardFormValues {
  return { code: '', name: '', description: '', kind: 'COUPON', costPoints: '', stock: '', perMemberLimit: '', validFrom: '', validUntil: '', minTier: '', couponValidDays: '', imageUrl: '', value: '', percent: '', cap: '', sku: '' };
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
const major = (minor: number | null | undefined) => (minor === null || minor === undefined ? '' : String(minor / 100));
const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

export function fromReward(reward: RewardRowFragment): RewardFormValues {
  return {
    code: reward.code,
    name: reward.name,
    description: reward.description,
    kind: reward.kind,
    costPoints: text(reward.costPoints),
    stock: text(reward.stock),
    perMemberLimit: text(reward.perMemberLimit),
    validFrom: day(reward.validFrom),
    validUntil: day(reward.validUntil),
    minTier: reward.minTier ?? '',
    couponValidDays: text(reward.couponValidDays),
    imageUrl: reward.imageUrl ?? '',
    value: major(reward.valueMinor),
    percent: text(reward.percent),
    cap: major(reward.capMinor),
    sku: reward.sku ?? '',
  };
}

export type Issue = 'wholeNumber' | 'money' | 'date' | 'required' | 'dateOrder';

function whole(value: string): number | null | Issue {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 'wholeNumber';
}

function minor(value: string): number | null | Issue {
  const trimmed = value.trim().replace(',', '.').replace(/\s/g, '');
  if (!trimmed) return null;
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : 'money';
}

function date(value: string, endOfDay: boolean): string | null | Issue {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed) || Number.isNaN(Date.parse(trimmed))) return 'date';
  return `${trimmed}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`;
}

const isIssue = (value: unknown): value is Issue => typeof value === 'string' && ['wholeNumber', 'money', 'date', 'required', 'dateOrder'].includes(value);

/**
 * The input the API takes, or the fields the browser can already tell are wrong (a
 * number that is not one). Everything else — ranges, formats, codes — the server checks.
 */
export function toRewardInput(values: RewardFormValues): { input: RewardInput; issues: Record<string, Issue> } {
  const issues: Record<string, Issue> = {};
  const take = <T>(field: string, value: T | Issue): T | null => {
    if (isIssue(value)) {
      issues[field] = value;
      return null;
    }
    return value;
  };
  const input: RewardInput = {
    code: values.code.trim(),
    name: values.name.trim(),
    description: values.description.trim(),
    kind: values.kind,
    costPoints: take('costPoints', whole(values.costPoints)),
    stock: take('stock', whole(values.stock)),
    perMemberLimit: take('perMemberLimit', whole(values.perMemberLimit)),
    validFrom: take('validFrom', date(values.validFrom, false)),
    validUntil: take('validUntil', date(values.validUntil, true)),
    minTier: values.minTier.trim() || null,
    couponValidDays: take('couponValidDays', whole(values.couponValidDays)),
    imageUrl: values.imageUrl.trim() || null,
    valueMinor: values.kind === 'FIXED_DISCOUNT' ? take('valueMinor', minor(values.value)) : null,
    percent: values.kind === 'PERCENT_DISCOUNT' ? take('percent', whole(values.percent)) : null,
    capMinor: values.kind === 'PERCENT_DISCOUNT' ? take('capMinor', minor(values.cap)) : null,
    sku: values.kind === 'FREE_PRODUCT' ? values.sku.trim() || null : null,
  };
  if (!input.name) issues.name = 'required';
  if (!input.code) issues.code = 'required';
  if (input.costPoints === null && !issues.costPoints) issues.costPoints = 'required';
  if (input.validFrom && input.validUntil && input.validFrom > input.validUntil) issues.validUntil = 'dateOrder';
  return { input, issues };
}
