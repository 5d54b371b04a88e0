import type { PartnerInput, PartnerKind, PartnerRowFragment, PartnerStatus } from '../../graphql/generated/graphql';

export const PARTNER_KINDS: PartnerKind[] = ['RETAIL', 'CAFE', 'GYM', 'SERVICE_CENTRE', 'OTHER'];

/** As typed; rates in major units (₽), converted to kopecks only on the way out. */
export interface PartnerFormValues {
  code: string;
  name: string;
  kind: PartnerKind;
  status: PartnerStatus;
  contactEmail: string;
  issueRate: string;
  redeemRate: string;
  ratePoints: string;
  earnPoints: string;
  earnPer: string;
}

export const PARTNER_FIELDS = ['code', 'name', 'kind', 'status', 'contactEmail', 'issueRateMinor', 'redeemRateMinor', 'ratePoints', 'earnPoints', 'earnPerMinor'] as const;

export function emptyPartner(): PartnerFormValues {
  return { code: '', name: '', kind: 'RETAIL', status: 'ACTIVE', contactEmail: '', issueRate: '', redeemRate: '', ratePoints: '1', earnPoints: '', earnPer: '' };
}

const major = (minor: number | null | undefined) => (minor === null || minor === undefined ? '' : String(minor / 100));

export function fromPartner(partner: PartnerRowFragment): PartnerFormValues {
  return {
    code: partner.code,
    name: partner.name,
    kind: partner.kind,
    status: partner.status,
    contactEmail: partner.contactEmail ?? '',
    issueRate: major(partner.issueRateMinor),
    redeemRate: major(partner.redeemRateMinor),
    ratePoints: String(partner.ratePoints),
    earnPoints: partner.earnPoints === null || partner.earnPoints === undefined ? '' : String(partner.earnPoints),
    earnPer: major(partner.earnPerMinor),
  };
}

export type PartnerIssue = 'wholeNumber' | 'money' | 'required' | 'earnPair';

function whole(value: string): number | null | PartnerIssue {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 'wholeNumber';
}

/** "0,35" or "12.5" ₽ → kopecks. */
export function parseMoney(value: string): number | null | PartnerIssue {
  const trimmed = value.trim().replace(',', '.').replace(/\s/g, '');
  if (!trimmed) return null;
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : 'money';
}

const ISSUES: readonly string[] = ['wholeNumber', 'money', 'required', 'earnPair'];

export function toPartnerInput(values: PartnerFormValues): { input: PartnerInput; issues: Record<string, PartnerIssue> } {
  const issues: Record<string, PartnerIssue> = {};
  const take = (field: string, value: number | null | PartnerIssue): number | null => {
    if (typeof value === 'string' && ISSUES.includes(value)) {
      issues[field] = value as PartnerIssue;
      return null;
    }
    return value as number | null;
  };
  const input: PartnerInput = {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind,
    status: values.status,
    contactEmail: values.contactEmail.trim() || null,
    issueRateMinor: take('issueRateMinor', parseMoney(values.issueRate)),
    redeemRateMinor: take('redeemRateMinor', parseMoney(values.redeemRate)),
    ratePoints: take('ratePoints', whole(values.ratePoints)),
    earnPoints: take('earnPoints', whole(values.earnPoints)),
    earnPerMinor: take('earnPerMinor', parseMoney(values.earnPer)),
  };
  if (!input.name) issues.name = 'required';
  if (!input.code) issues.code = 'required';
  for (const field of ['issueRateMinor', 'redeemRateMinor', 'ratePoints'] as const) if (input[field] === null && !issues[field]) issues[field] = 'required';
  // The partner's own earn rate is both numbers or neither.
  if ((input.earnPoints === null) !== (input.earnPerMinor === null) && !issues.earnPoints && !issues.earnPerMinor) issues.earnPoints = 'earnPair';
  return { input, issues };
}

/** 35 kopecks per 100 points → "0,35 ₽" (the caller adds "per 100 points"). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100);
}
