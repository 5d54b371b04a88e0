import { z } from 'zod';
import { NODE_CATALOG } from './catalog';
import type { FlowDomain, NodeDefinition, ReferenceKind } from './definition';
import { GRAPH_LIMITS, type FlowEdge, type FlowGraph, type FlowNode } from './graph';
import { t, type Localized } from './text';

export type DiagnosticCode =
  | 'graph_malformed'
  | 'graph_too_large'
  | 'duplicate_id'
  | 'unknown_node_kind'
  | 'parameter_invalid'
  | 'trigger_missing'
  | 'dangling_edge'
  | 'invalid_connection'
  | 'cycle'
  | 'unreachable_node'
  | 'unknown_reference'
  | 'domain_unavailable'
  | 'conflicting_actions'
  | 'no_action';

/** A problem in a graph, pointing at the node or edge (by id) and, for parameters, the field path. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
  message: Localized;
}

export interface ValidateOptions {
  /** Domains that have landed; a node needing another cannot be published. Default: none. */
  domains?: ReadonlySet<FlowDomain> | 'all';
  /** Ids that exist, per kind; a kind left out is not checked. */
  references?: Partial<Record<ReferenceKind, readonly string[]>>;
}

export interface ValidatedGraph {
  graph: FlowGraph;
  /** Parameters with defaults filled in, by node id. */
  params: Map<string, Record<string, unknown>>;
  definitions: Map<string, NodeDefinition<Record<string, unknown>>>;
}

const id = z.string().min(1).max(GRAPH_LIMITS.idLength);
const graphShape = z.object({
  nodes: z.array(
    z.object({
      id,
      kind: z.string().min(1).max(64),
      params: z.record(z.string(), z.unknown()).default({}),
      position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
    }),
  ),
  edges: z.array(z.object({ id, source: id, sourcePort: z.string().min(1).max(64), target: id })),
});

const error = (code: DiagnosticCode, message: Localized, where: Partial<Diagnostic> = {}): Diagnostic => ({ code, severity: 'error', message, ...where });

/**
 * Whether an edge may be drawn from `source`'s `sourcePort` to `target`. The editor calls
 * this as the user drags; the server calls it again for every edge it receives.
 */
export function canConnect(graph: FlowGraph, connection: { source: string; sourcePort: string; target: string }): { ok: true } | { ok: false; reason: Localized } {
  const source = graph.nodes.find((n) => n.id === connection.source);
  const target = graph.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return { ok: false, reason: t('Нет такого узла.', 'No such node.') };
  if (source.id === target.id) return { ok: false, reason: t('Узел не может вести сам в себя.', 'A node cannot lead to itself.') };
  const targetDef = NODE_CATALOG.get(target.kind);
  const sourceDef = NODE_CATALOG.get(source.kind);
  if (!sourceDef || !targetDef) return { ok: false, reason: t('Неизвестный тип узла.', 'Unknown node kind.') };
  if (targetDef.group === 'trigger') return { ok: false, reason: t('В триггер нельзя войти: он начинает сценарий.', 'A trigger starts a flow; nothing can lead into it.') };
  const parsed = sourceDef.params.safeParse(source.params ?? {});
  const ports = parsed.success ? sourceDef.outputs(parsed.data) : [];
  if (!ports.includes(connection.sourcePort)) return { ok: false, reason: t('У узла нет такого выхода.', 'The node has no such output.') };
  if (graph.edges.some((e) => e.source === connection.source && e.sourcePort === connection.sourcePort && e.target === connection.target)) {
    return { ok: false, reason: t('Такая связь уже есть.', 'This connection exists already.') };
  }
  if (reaches(graph.edges, connection.target, connection.source)) return { ok: false, reason: t('Связь замкнула бы цикл.', 'The connection would close a loop.') };
  return { ok: true };
}

function reaches(edges: FlowEdge[], from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === to) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(next.get(node) ?? []));
  }
  return false;
}

/**
 * Checks a graph as received (any JSON): shape, size, ids, kinds, parameters, edges,
 * cycles, reachability, references, domains and conflicting actions. Errors block
 * publishing; warnings do not.
 */
export function validateGraph(input: unknown, options: ValidateOptions = {}): { diagnostics: Diagnostic[]; validated: ValidatedGraph | null } {
  const shape = graphShape.safeParse(input);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    return { diagnostics: [error('graph_malformed', t(`Граф не читается: ${issue.path.join('.')} — ${issue.message}`, `The graph cannot be read: ${issue.path.join('.')}: ${issue.message}`), { path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))) })], validated: null };
  }
  const graph: FlowGraph = shape.data;
  if (graph.nodes.length > GRAPH_LIMITS.nodes || graph.edges.length > GRAPH_LIMITS.edges) {
    return {
      diagnostics: [error('graph_too_large', t(`Слишком большой сценарий: не больше ${GRAPH_LIMITS.nodes} узлов и ${GRAPH_LIMITS.edges} связей.`, `The flow is too large: at most ${GRAPH_LIMITS.nodes} nodes and ${GRAPH_LIMITS.edges} edges.`))],
      validated: null,
    };
  }
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, FlowNode>();
  const params = new Map<string, Record<string, unknown>>();
  const definitions = new Map<string, NodeDefinition<Record<string, unknown>>>();
  const domains = options.domains ?? new Set<FlowDomain>();

  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      diagnostics.push(error('duplicate_id', t('Два узла с одним id.', 'Two nodes share this id.'), { nodeId: node.id }));
      continue;
    }
    nodes.set(node.id, node);
    const definition = NODE_CATALOG.get(node.kind);
    if (!definition) {
      diagnostics.push(error('unknown_node_kind', t(`Неизвестный тип узла «${node.kind}».`, `Unknown node kind "${node.kind}".`), { nodeId: node.id }));
      continue;
    }
    definitions.set(node.id, definition);
    const parsed = definition.params.safeParse(node.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = ['params', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
        diagnostics.push(error('parameter_invalid', t(`Параметр ${path.slice(1).join('.') || ''}: ${issue.message}`, `Parameter ${path.slice(1).join('.') || ''}: ${issue.message}`), { nodeId: node.id, path }));
      }
      continue;
    }
    params.set(node.id, parsed.data);
    if (definition.requires && domains !== 'all' && !domains.has(definition.requires)) {
      diagnostics.push(
        error('domain_unavailable', t(`«${definition.label.ru}» ещё недоступен: раздел «${definition.requires}» не подключён.`, `"${definition.label.en}" is not available yet: the ${definition.requires} domain is not set up.`), {
          nodeId: node.id,
        }),
      );
    }
    for (const ref of definition.references?.(parsed.data) ?? []) {
      const known = options.references?.[ref.kind];
      if (known && !known.includes(ref.id)) {
        diagnostics.push(error('unknown_reference', t(`Не найдено: ${ref.kind} «${ref.id}».`, `Not found: ${ref.kind} "${ref.id}".`), { nodeId: node.id, path: ref.path }));
      }
    }
  }

  const edges: FlowEdge[] = [];
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) {
      diagnostics.push(error('duplicate_id', t('Две связи с одним id.', 'Two edges share this id.'), { edgeId: edge.id }));
      continue;
    }
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      diagnostics.push(error('dangling_edge', t('Связь ведёт к несуществующему узлу.', 'The edge points at a node that does not exist.'), { edgeId: edge.id, nodeId: source?.id ?? target?.id }));
      continue;
    }
    const sourceDef = definitions.get(source.id);
    const sourceParams = params.get(source.id);
    if (sourceDef && sourceParams && !sourceDef.outputs(sourceParams).includes(edge.sourcePort)) {
      diagnostics.push(error('dangling_edge', t(`У узла нет выхода «${edge.sourcePort}».`, `The node has no output "${edge.sourcePort}".`), { edgeId: edge.id, nodeId: source.id }));
      continue;
    }
    if (definitions.get(target.id)?.group === 'trigger' || source.id === target.id) {
      diagnostics.push(error('invalid_connection', t('В триггер нельзя войти, и узел не может вести сам в себя.', 'Nothing can lead into a trigger, and a node cannot lead to itself.'), { edgeId: edge.id, nodeId: target.id }));
      continue;
    }
    if (edges.some((e) => e.source === edge.source && e.sourcePort === edge.sourcePort && e.target === edge.target)) {
      diagnostics.push(error('invalid_connection', t('Такая связь уже есть.', 'This connection exists already.'), { edgeId: edge.id }));
      continue;
    }
    edges.push(edge);
  }

  const triggers = [...definitions].filter(([, d]) => d.group === 'trigger').map(([nodeId]) => nodeId);
  if (triggers.length === 0 && nodes.size > 0) diagnostics.push(error('trigger_missing', t('Нужен хотя бы один триггер: с него начинается сценарий.', 'Add a trigger: every flow starts with one.')));
  if (nodes.size === 0) diagnostics.push(error('trigger_missing', t('Сценарий пуст: добавьте триггер.', 'The flow is empty: add a trigger.')));

  for (const cycle of findCycles([...nodes.keys()], edges)) {
    diagnostics.push(error('cycle', t('Узлы образуют цикл: сценарий должен идти от триггера вперёд.', 'These nodes form a loop: a flow must run forward from its trigger.'), { nodeId: cycle }));
  }

  const reachable = new Set<string>();
  const next = adjacency(edges);
  const stack = [...triggers];
  while (stack.length) {
    const nodeId = stack.pop()!;
    if (reachable.has(nodeId)) continue;
    reachable.add(nodeId);
    stack.push(...(next.get(nodeId) ?? []));
  }
  for (const nodeId of nodes.keys()) {
    if (!reachable.has(nodeId) && definitions.get(nodeId)?.group !== 'trigger' && triggers.length) {
      diagnostics.push(error('unreachable_node', t('До узла не дойти ни от одного триггера.', 'No trigger leads to this node.'), { nodeId }));
    }
  }

  // Two exclusive actions of one kind on one path (two tier changes, two discounts) conflict.
  const exclusive = [...definitions].filter(([, d]) => d.exclusive).map(([nodeId, d]) => ({ nodeId, kind: d.kind }));
  for (const a of exclusive) {
    for (const b of exclusive) {
      if (a.nodeId !== b.nodeId && a.kind === b.kind && reaches(edges, a.nodeId, b.nodeId)) {
        diagnostics.push(error('conflicting_actions', t('Два таких действия на одном пути противоречат друг другу.', 'Two actions of this kind on one path contradict each other.'), { nodeId: b.nodeId }));
      }
    }
  }

  if (nodes.size > 0 && ![...definitions.values()].some((d) => d.group === 'action')) {
    diagnostics.push({ code: 'no_action', severity: 'warning', message: t('В сценарии нет действий: он ничего не сделает.', 'The flow has no action: it will do nothing.') });
  }

  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  return { diagnostics, validated: hasErrors ? null : { graph: { nodes: graph.nodes, edges }, params, definitions } };
}

function adjacency(edges: FlowEdge[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  return next;
}

/** Nodes on a cycle (iterative DFS; one diagnostic per node on any cycle). */
function findCycles(nodeIds: string[], edges: FlowEdge[]): string[] {
  const next = adjacency(edges);
  const state = new Map<string, 0 | 1 | 2>();
  const onCycle = new Set<string>();
  for (const start of nodeIds) {
    if (state.get(start)) continue;
    const stack: { node: string; i: number }[] = [{ node: start, i: 0 }];
    const path: string[] = [start];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const successors = next.get(top.node) ?? [];
      if (top.i < successors.length) {
        const succ = successors[top.i++];
        const s = state.get(succ) ?? 0;
        if (s === 0) {
          state.set(succ, 1);
          stack.push({ node: succ, i: 0 });
          path.push(succ);
        } else if (s === 1) {
          for (let k = path.lastIndexOf(succ); k < path.length; k++) onCycle.add(path[k]);
        }
      } else {
        state.set(top.node, 2);
        stack.pop();
        path.pop();
      }
    }
  }
  return [...onCycle];
}
