import { onBeforeUnmount, ref } from 'vue';

/**
 * Whether the same campaign is open in another tab of this browser. The server's revision
 * check catches every conflict on save; this warns before one happens.
 */
export function useTabPresence(channelName: string) {
  const otherTabs = ref(0);
  if (typeof BroadcastChannel === 'undefined') return { otherTabs };
  const me = Math.random().toString(36).slice(2);
  const peers = new Set<string>();
  const channel = new BroadcastChannel(channelName);
  const update = () => (otherTabs.value = peers.size);
  channel.onmessage = (event: MessageEvent<{ type: 'hello' | 'here' | 'bye'; tab: string }>) => {
    const { type, tab } = event.data ?? {};
    if (!tab || tab === me) return;
    if (type === 'bye') peers.delete(tab);
    else peers.add(tab);
    if (type === 'hello') channel.postMessage({ type: 'here', tab: me });
    update();
  };
  channel.postMessage({ type: 'hello', tab: me });
  const leave = () => channel.postMessage({ type: 'bye', tab: me });
  window.addEventListener('pagehide', leave);
  onBeforeUnmount(() => {
    leave();
    window.removeEventListener('pagehide', leave);
    channel.close();
  });
  return { otherTabs };
}
