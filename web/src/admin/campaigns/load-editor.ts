/**
 * The campaign editor's code (Vue Flow, dagre, the inspector forms): loaded with its route,
 * and fetched and evaluated ahead while the campaigns list sits idle, so that opening a
 * campaign from the list waits only for the campaign itself.
 */
export const loadCampaignEditor = () => import('./CampaignEditorPage.vue');

export function preloadCampaignEditorWhenIdle() {
  const preload = () => void loadCampaignEditor().catch(() => undefined);
  if ('requestIdleCallback' in window) window.requestIdleCallback(preload, { timeout: 2000 });
  else setTimeout(preload, 500);
}
