import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue';
import type { FlowGraph } from '@patron/schema/flow';

export interface FlowHistory {
  /** The graph as it is now. Replace it only through `apply`, `undo`, `redo` or `reset`. */
  graph: Readonly<ShallowRef<FlowGraph>>;
  canUndo: ComputedRef<boolean>;
  canRedo: ComputedRef<boolean>;
  /**
   * Makes `next` the current graph, remembering the old one. Edits with the same
   * `coalesce` key in quick succession (typing a number) are one step to undo.
   */
  apply(next: FlowGraph, coalesce?: string): void;
  undo(): boolean;
  redo(): boolean;
  /** Starts over from this graph with nothing to undo (a draft loaded from the server). */
  reset(graph: FlowGraph): void;
}

export interface FlowHistoryOptions {
  limit?: number;
  coalesceMs?: number;
  now?: () => number;
}

/**
 * Undo and redo over whole graphs. Edits never change a graph in place (graph-edits.ts),
 * so keeping a step costs only what changed, and undoing is swapping a reference.
 */
export function createFlowHistory(initial: FlowGraph, options: FlowHistoryOptions = {}): FlowHistory {
  const { limit = 200, coalesceMs = 1000, now = Date.now } = options;
  const graph = shallowRef(initial);
  const past = shallowRef<FlowGraph[]>([]);
  const future = shallowRef<FlowGraph[]>([]);
  let last: { key: string; at: number } | null = null;

  return {
    graph,
    canUndo: computed(() => past.value.length > 0),
    canRedo: computed(() => future.value.length > 0),
    apply(next, coalesce) {
      if (next === graph.value) return;
      const at = now();
      const merge = coalesce !== undefined && last?.key === coalesce && at - last.at < coalesceMs && past.value.length > 0;
      if (!merge) past.value = [...past.value, graph.value].slice(-limit);
      future.value = [];
      last = coalesce === undefined ? null : { key: coalesce, at };
      graph.value = next;
    },
    undo() {
      const previous = past.value.at(-1);
      if (!previous) return false;
      past.value = past.value.slice(0, -1);
      future.value = [...future.value, graph.value];
      last = null;
      graph.value = previous;
      return true;
    },
    redo() {
      const next = future.value.at(-1);
      if (!next) return false;
      future.value = future.value.slice(0, -1);
      past.value = [...past.value, graph.value];
      last = null;
      graph.value = next;
      return true;
    },
    reset(next) {
      past.value = [];
      future.value = [];
      last = null;
      graph.value = next;
    },
  };
}
