import type { ReferralTermsInput } from '../../graphql/generated/graphql';
import { issueCollector, majorText, moneyIn, text, wholeIn, type Issues } from './form-values';

export const REFERRAL_FIELDS = ['minPurchaseMinor', 'windowDays', 'monthlyCap'] as const;

/** As typed; blank window and cap mean "any time" and "no cap". */
export interface ReferralFormValues {
  minPurchase: string;
  windowDays: string;
  monthlyCap: string;
}

export function fromReferralTerms(terms: { minPurchaseMinor: number; windowDays?: number | null; monthlyCap?: number | null }): ReferralFormValues {
  return { minPurchase: majorText(terms.minPurchaseMinor), windowDays: text(terms.windowDays), monthlyCap: text(terms.monthlyCap) };
}

/** The input updateReferralTerms takes (null clears the window or the cap), or what is wrong (termsInput in referrals.service.ts). */
export function toReferralInput(values: ReferralFormValues, programId: string): { input: ReferralTermsInput; issues: Issues } {
  const { issues, take } = issueCollector();
  const input: ReferralTermsInput = {
    programId,
    minPurchaseMinor: take('minPurchaseMinor', moneyIn(values.minPurchase, 0, 1_000_000_000)),
    windowDays: take('windowDays', wholeIn(values.windowDays, 1, 3650), false),
    monthlyCap: take('monthlyCap', wholeIn(values.monthlyCap, 1, 10_000), false),
  };
  return { input, issues };
}
