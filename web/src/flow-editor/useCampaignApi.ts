import { useApolloClient } from '@vue/apollo-composable';
import type { FlowGraph } from '@patron/schema/flow';
import {
  CampaignDiffQuery,
  CampaignEditorQuery,
  PublishCampaignMutation,
  RestoreCampaignVersionMutation,
  SimulateCampaignMutation,
  UpdateCampaignDraftMutation,
} from '../graphql/campaigns';
import type { SimulationEventInput } from '../graphql/generated/graphql';
import type { SaveDraft } from './useDraftAutosave';

/** The campaign calls the editor makes, as plain async functions with typed outcomes. */
export function useCampaignApi(campaignId: string) {
  const { resolveClient } = useApolloClient();
  const client = () => resolveClient();

  const saveDraft: SaveDraft = async (graph, expectedRevision) => {
    const { data } = await client().mutate({ mutation: UpdateCampaignDraftMutation, variables: { id: campaignId, input: { graph, expectedRevision } }, fetchPolicy: 'no-cache' });
    const answer = data?.updateCampaignDraft;
    if (answer?.__typename === 'Campaign') return { kind: 'saved', revision: answer.draftRevision, diagnostics: answer.draftDiagnostics };
    if (answer?.__typename === 'ConflictError') return { kind: 'conflict', message: answer.message };
    if (answer?.__typename === 'ValidationError') return { kind: 'error', message: answer.fieldErrors.map((e) => e.message).join('; ') };
    return { kind: 'error', message: answer?.__typename === 'NotFoundError' ? answer.message : 'unexpected answer' };
  };

  async function publish(notes: string) {
    const { data } = await client().mutate({ mutation: PublishCampaignMutation, variables: { id: campaignId, notes: notes.trim() || null } });
    return data?.publishCampaign ?? null;
  }

  async function simulate(graph: FlowGraph, memberId: string, event: SimulationEventInput) {
    const { data } = await client().mutate({ mutation: SimulateCampaignMutation, variables: { id: campaignId, memberId, event, graph }, fetchPolicy: 'no-cache' });
    return data?.simulateCampaign ?? null;
  }

  async function diff(from: number, to: number | null) {
    const { data } = await client().query({ query: CampaignDiffQuery, variables: { id: campaignId, from, to }, fetchPolicy: 'network-only' });
    return data.campaign?.diff ?? null;
  }

  async function restore(version: number) {
    const { data } = await client().mutate({ mutation: RestoreCampaignVersionMutation, variables: { id: campaignId, version } });
    return data?.restoreCampaignVersion ?? null;
  }

  /** The draft as the server has it now (after another tab saved). */
  async function reload() {
    const { data } = await client().query({ query: CampaignEditorQuery, variables: { id: campaignId }, fetchPolicy: 'network-only' });
    return data.campaign;
  }

  return { saveDraft, publish, simulate, diff, restore, reload };
}
