import type { FlowLocale, NodeDefinition, ParamUi } from '@patron/schema/flow';

/** One input of the inspector, read from a node definition's zod schema and `ui` hints. */
export interface ParamField {
  key: string;
  widget: NonNullable<ParamUi['widget']>;
  label: string;
  help?: string;
  /** May be left empty: null for a nullable parameter, left out for an optional one. */
  empty: 'null' | 'omit' | null;
  min?: number;
  max?: number;
  integer: boolean;
  /** For select and multiselect: value and label in the reader's language. */
  options: { value: string; label: string }[];
  reference?: ParamUi['reference'];
}

// zod 4 keeps its definition on `def`; only what the form needs is read here.
interface ZodLike {
  def: { type: string; innerType?: ZodLike; element?: ZodLike; entries?: Record<string, string> };
  shape?: Record<string, ZodLike>;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: readonly unknown[];
}

const WRAPPERS = new Set(['default', 'prefault', 'nullable', 'optional', 'readonly', 'catch']);

function unwrap(schema: ZodLike): { inner: ZodLike; nullable: boolean; optional: boolean } {
  let inner = schema;
  let nullable = false;
  let optional = false;
  while (WRAPPERS.has(inner.def.type) && inner.def.innerType) {
    if (inner.def.type === 'nullable') nullable = true;
    if (inner.def.type === 'optional') optional = true;
    inner = inner.def.innerType;
  }
  return { inner, nullable, optional };
}

function guessWidget(inner: ZodLike): ParamField['widget'] {
  switch (inner.def.type) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'toggle';
    case 'enum':
      return 'select';
    case 'array':
      return 'multiselect';
    case 'string':
      return 'text';
    default:
      return 'json';
  }
}

function enumValues(inner: ZodLike): string[] {
  if (inner.def.type === 'enum') return (inner.options ?? Object.values(inner.def.entries ?? {})).map(String);
  if (inner.def.type === 'array' && inner.def.element) return enumValues(unwrap(inner.def.element).inner);
  return [];
}

/** The inspector's inputs for a kind, in the order the definition declares its parameters. */
export function paramFields(definition: NodeDefinition<Record<string, unknown>>, locale: FlowLocale): ParamField[] {
  const shape = (definition.params as unknown as ZodLike).shape ?? {};
  return Object.entries(shape).map(([key, schema]) => {
    const { inner, nullable, optional } = unwrap(schema);
    const ui = (definition.ui as Record<string, ParamUi | undefined>)[key];
    const values = enumValues(inner);
    const number = inner.def.type === 'number' ? inner : inner.def.type === 'array' && inner.def.element ? unwrap(inner.def.element).inner : null;
    return {
      key,
      widget: ui?.widget ?? guessWidget(inner),
      label: ui?.label[locale] ?? key,
      ...(ui?.help ? { help: ui.help[locale] } : {}),
      empty: nullable ? 'null' : optional ? 'omit' : null,
      ...(number?.def.type === 'number' && Number.isFinite(number.minValue) ? { min: number.minValue! } : {}),
      ...(number?.def.type === 'number' && Number.isFinite(number.maxValue) ? { max: number.maxValue! } : {}),
      integer: number?.def.type === 'number' ? !!number.isInt : false,
      options: values.map((value) => ({ value, label: ui?.options?.[value]?.[locale] ?? value })),
      ...(ui?.reference ? { reference: ui.reference } : {}),
    };
  });
}

/** Money is stored in kopecks and edited in roubles; a kopeck is the smallest step. */
export const minorToMajor = (minor: number | null | undefined) => (typeof minor === 'number' ? minor / 100 : null);
export const majorToMinor = (major: number | null | undefined) => (typeof major === 'number' && Number.isFinite(major) ? Math.round(major * 100) : null);

export interface FieldIssue {
  code: string;
  message: string;
  minimum?: number;
  maximum?: number;
}

/** The definition's own checks, by parameter, so each message sits under its input. */
export function fieldIssues(definition: NodeDefinition<Record<string, unknown>>, params: Record<string, unknown>): Map<string, FieldIssue[]> {
  const result = definition.params.safeParse(params);
  const byKey = new Map<string, FieldIssue[]>();
  if (result.success) return byKey;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const extra = issue as { minimum?: number | bigint; maximum?: number | bigint };
    byKey.set(key, [
      ...(byKey.get(key) ?? []),
      {
        code: issue.code,
        message: issue.message,
        ...(extra.minimum !== undefined ? { minimum: Number(extra.minimum) } : {}),
        ...(extra.maximum !== undefined ? { maximum: Number(extra.maximum) } : {}),
      },
    ]);
  }
  return byKey;
}
