import { validateGraph, type Diagnostic, type DiagnosticCode, type FlowGraph } from '@patron/schema/flow';

/** A diagnostic as the server sends it: the message in both languages as two fields. */
export interface ServerDiagnostic {
  code: string;
  severity: string;
  nodeId?: string | null;
  edgeId?: string | null;
  path?: readonly string[] | null;
  ru: string;
  en: string;
}

export function fromServer(d: ServerDiagnostic): Diagnostic {
  return {
    code: d.code as DiagnosticCode,
    severity: d.severity === 'warning' ? 'warning' : 'error',
    ...(d.nodeId ? { nodeId: d.nodeId } : {}),
    ...(d.edgeId ? { edgeId: d.edgeId } : {}),
    ...(d.path ? { path: [...d.path] } : {}),
    message: { ru: d.ru, en: d.en },
  };
}

// What only the server knows: which domains have landed and which ids exist. The editor
// checks everything else itself, as the user draws.
const SERVER_ONLY: ReadonlySet<string> = new Set(['domain_unavailable', 'unknown_reference']);

/**
 * The diagnostics to show: the shared `validateGraph()` run on every edit, plus what the
 * server found on the last save that the browser cannot know, for nodes still there.
 */
export function editorDiagnostics(graph: FlowGraph, server: readonly Diagnostic[] = []): Diagnostic[] {
  const local = validateGraph(graph, { domains: 'all' }).diagnostics;
  const ids = new Set(graph.nodes.map((n) => n.id));
  const extra = server.filter((d) => SERVER_ONLY.has(d.code) && (!d.nodeId || ids.has(d.nodeId)));
  const seen = new Set<string>();
  return [...local, ...extra].filter((d) => {
    const key = `${d.code}|${d.nodeId ?? ''}|${d.edgeId ?? ''}|${(d.path ?? []).join('.')}|${d.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function diagnosticsByNode(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byNode = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) if (d.nodeId) byNode.set(d.nodeId, [...(byNode.get(d.nodeId) ?? []), d]);
  return byNode;
}

/** A node's messages for one parameter (the path after 'params'), for the inspector. */
export function paramMessages(diagnostics: readonly Diagnostic[], key: string): Diagnostic[] {
  return diagnostics.filter((d) => d.path?.[0] === 'params' && d.path[1] === key);
}

export const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');
