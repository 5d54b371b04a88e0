import { nodeDefinition, type FlowLocale, type NodeDefinition } from '@patron/schema/flow';
import { defaultParams } from '../graph/graph-edits';

/** How a node reads on the canvas: its name, its key parameters in words, its labelled ports. */
export interface NodeView {
  definition: NodeDefinition<Record<string, unknown>> | undefined;
  label: string;
  summary: string | null;
  ports: { id: string; label: string }[];
  valid: boolean;
}

export function nodeView(kind: string, params: Record<string, unknown>, locale: FlowLocale, edgePorts: readonly string[] = []): NodeView {
  const definition = nodeDefinition(kind);
  if (!definition) return { definition, label: kind, summary: null, ports: edgePorts.map((id) => ({ id, label: id })), valid: false };
  const parsed = definition.params.safeParse(params);
  let ports: string[];
  if (parsed.success) ports = definition.outputs(parsed.data);
  else {
    // Half-edited parameters (weights not yet at 100 %) still have ports: keep the edges drawn.
    try {
      ports = definition.outputs({ ...defaultParams(kind), ...params });
    } catch {
      ports = [];
    }
    for (const port of edgePorts) if (!ports.includes(port)) ports.push(port);
  }
  const label = (port: string) => definition.portLabel?.(port, locale) ?? (port === 'out' ? '' : port);
  return {
    definition,
    label: definition.label[locale],
    summary: parsed.success ? definition.summary(parsed.data, locale) : null,
    ports: ports.map((id) => ({ id, label: label(id) })),
    valid: parsed.success,
  };
}
