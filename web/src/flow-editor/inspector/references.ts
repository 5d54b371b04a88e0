import { computed, inject, type ComputedRef, type InjectionKey } from 'vue';
import type { ReferenceKind } from '@patron/schema/flow';

/** A thing a parameter may refer to: its code, and how people call it. */
export interface ReferenceChoice {
  value: string;
  label: string;
}

/** Choices by reference kind; a kind left out (rewards, badges…) is typed by hand. */
export type ReferenceOptions = Partial<Record<ReferenceKind, ReferenceChoice[]>>;

export const FLOW_REFERENCES: InjectionKey<ComputedRef<ReferenceOptions>> = Symbol('flow-references');

const NONE = computed<ReferenceOptions>(() => ({}));

export function useReferenceOptions(): ComputedRef<ReferenceOptions> {
  return inject(FLOW_REFERENCES, NONE);
}

/**
 * The choices for a picker. A value the list does not know (a segment deleted since, a
 * code typed in an older draft) stays selectable and says so, rather than vanishing.
 */
export function referenceChoices(choices: readonly ReferenceChoice[], current: unknown, missing: (code: string) => string): ReferenceChoice[] {
  const values = (Array.isArray(current) ? current : [current]).filter((v): v is string => typeof v === 'string' && v !== '');
  const unknown = values.filter((v) => !choices.some((c) => c.value === v)).map((v) => ({ value: v, label: missing(v) }));
  return [...choices, ...unknown];
}
