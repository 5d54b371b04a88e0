import { computed, inject, type ComputedRef, type InjectionKey } from 'vue';
import type { Diagnostic } from '@patron/schema/flow';
import type { DiffStatus } from '../graph/diff-view';
import { NO_SIMULATION, type SimulationView } from '../graph/simulation-view';

/**
 * What the canvas draws over the nodes: diagnostics, the simulated path, a version diff.
 * Node components read it by injection rather than through each node's data, so that
 * new diagnostics do not hand Vue Flow 800 new node objects.
 */
export interface CanvasDecorations {
  diagnostics: ComputedRef<ReadonlyMap<string, Diagnostic[]>>;
  simulation: ComputedRef<SimulationView>;
  diff: ComputedRef<ReadonlyMap<string, DiffStatus> | null>;
  /** A/B results of the published campaign by experiment key, for the split nodes. */
  experiments?: ComputedRef<ReadonlyMap<string, ExperimentView>>;
}

export interface ExperimentView {
  variants: { key: string; exposed: number; conversionRate: number }[];
  verdict: { status: string; ru: string; en: string };
}

export const CANVAS_DECORATIONS: InjectionKey<CanvasDecorations> = Symbol('canvas-decorations');

const NONE: CanvasDecorations = {
  diagnostics: computed(() => new Map()),
  simulation: computed(() => NO_SIMULATION),
  diff: computed(() => null),
};

export function useCanvasDecorations(): CanvasDecorations {
  return inject(CANVAS_DECORATIONS, NONE);
}
