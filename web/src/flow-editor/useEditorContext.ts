import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { CampaignExperimentsQuery, FlowEditorContextQuery } from '../graphql/campaigns';
import type { ExperimentView } from './canvas/canvas-decorations';
import type { ReferenceOptions } from './inspector/references';

/**
 * What the editor reads from the API besides the campaign: segments and tiers for the
 * pickers, the domains this server runs for the palette, and, once a version is
 * published, the A/B results for the split nodes. None of it blocks editing: until it
 * arrives, references are typed and every kind looks available. The campaign page asks for
 * the context beside the campaign, so here it usually comes from the cache.
 */
export function useEditorContext(campaignId: string, published: () => boolean) {
  const context = useQuery(FlowEditorContextQuery, {}, { fetchPolicy: 'cache-first' });
  const results = useQuery(CampaignExperimentsQuery, { id: campaignId }, () => ({ enabled: published(), fetchPolicy: 'cache-and-network' }));

  const domains = computed(() => context.result.value?.flowDomains ?? null);
  const references = computed<ReferenceOptions>(() => {
    const data = context.result.value;
    if (!data) return {};
    return {
      segment: data.segments.map((s) => ({ value: s.code, label: s.name })),
      tier: [...data.program.tiers].sort((a, b) => a.rank - b.rank).map((tier) => ({ value: tier.code, label: tier.name })),
    };
  });
  const experiments = computed<ReadonlyMap<string, ExperimentView>>(
    () =>
      new Map(
        (results.result.value?.campaign?.experiments ?? []).map((e) => [
          e.experimentKey,
          { variants: e.variants.map((v) => ({ key: v.key, exposed: v.exposed, conversionRate: v.conversionRate })), verdict: { status: e.verdict.status, ru: e.verdict.ru, en: e.verdict.en } },
        ]),
      ),
  );
  return { domains, references, experiments };
}
