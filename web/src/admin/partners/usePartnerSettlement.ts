import { computed, ref, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { useI18n } from 'vue-i18n';
import type { Period, Settlement } from './PartnerSettlementReport.vue';
import { PartnerSettlementQuery } from './partners.documents';

const day = (date: Date) => date.toISOString().slice(0, 10);

/** This year so far, as the report opens. */
export function defaultPeriod(now = new Date()): Period {
  return { from: `${now.getUTCFullYear()}-01-01`, to: day(now) };
}

/** The period's days as the API's [from, to): the last day is included, so `to` is the next midnight (UTC). */
export function periodRange(period: Period): { from: string; to: string } | null {
  const from = Date.parse(`${period.from}T00:00:00Z`);
  const to = Date.parse(`${period.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return null;
  return { from: new Date(from).toISOString(), to: new Date(to + 86_400_000).toISOString() };
}

/** The settlement of one partner for a period chosen on screen. */
export function usePartnerSettlement(partnerId: Ref<string | null>) {
  const { t } = useI18n();
  const period = ref<Period>(defaultPeriod());
  const range = computed(() => periodRange(period.value));
  const query = useQuery(
    PartnerSettlementQuery,
    () => ({ partnerId: partnerId.value ?? '', from: range.value?.from ?? '', to: range.value?.to ?? '' }),
    () => ({ enabled: Boolean(partnerId.value && range.value), fetchPolicy: 'network-only' }),
  );
  const answer = computed(() => query.result.value?.partnerSettlement);
  const settlement = computed<Settlement | null>(() => (answer.value?.__typename === 'PartnerSettlement' ? answer.value : null));
  const message = computed(() => {
    if (!range.value) return t('partners.settlement.badPeriod');
    if (answer.value?.__typename === 'ValidationError') return answer.value.fieldErrors.map((error) => error.message).join(' ');
    if (answer.value?.__typename === 'NotFoundError') return t('partners.notFound');
    return null;
  });
  return { period, settlement, message, loading: query.loading, error: query.error, refetch: () => query.refetch() };
}
