import { computed, nextTick } from 'vue';
import { useVueFlow, type Connection } from '@vue-flow/core';
import { canConnect as sharedCanConnect, nodeDefinition, type FlowGraph, type FlowPosition, type Localized } from '@patron/schema/flow';
import { fromConnection, LARGE_GRAPH } from './canvas/canvas-mapping';
import { autoLayout } from './graph/auto-layout';
import type { FlowHistory } from './graph/flow-history';
import { addNode, connect, copyFragment, duplicate, moveNodes, pasteFragment, removeElements, setParam, type FlowClipboard } from './graph/graph-edits';

/** How a large flow opens: zoom and the margin (px) left of and above its first trigger. */
const OPEN_ZOOM = 0.8;
const OPEN_MARGIN = 40;

/**
 * What the user can do to the graph, bound to one editor: the history holds the graph,
 * Vue Flow holds the selection and the viewport.
 */
export function useFlowEditing(flowId: string, history: FlowHistory, refuse: (reason: Localized) => void) {
  const flow = useVueFlow(flowId);
  const graph = () => history.graph.value;

  const selectedNodeIds = computed(() => flow.getSelectedNodes.value.map((n) => n.id));
  const selectedEdgeIds = computed(() => flow.getSelectedEdges.value.map((e) => e.id));

  async function select(ids: readonly string[]) {
    await nextTick();
    flow.removeSelectedElements();
    const nodes = ids.map((id) => flow.findNode(id)).filter((n) => n !== undefined);
    if (nodes.length) flow.addSelectedNodes(nodes);
  }

  function apply(next: FlowGraph, coalesce?: string) {
    history.apply(next, coalesce);
  }

  function add(kind: string, position?: FlowPosition) {
    const at = position ?? viewportCenter();
    const result = addNode(graph(), kind, at);
    apply(result.graph);
    void select([result.id]);
    return result.id;
  }

  function viewportCenter(): FlowPosition {
    const rect = flow.vueFlowRef.value?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    const point = flow.screenToFlowCoordinate({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    // Each press lands a little further along, so several added at once stay readable.
    const offset = (graph().nodes.length % 8) * 24;
    return { x: point.x - 110 + offset, y: point.y - 50 + offset };
  }

  /** For Vue Flow while the user drags a connection: the same check the server makes. */
  const canConnect = (connection: Connection) => sharedCanConnect(graph(), fromConnection(connection)).ok;

  function connectPorts(connection: Connection) {
    const result = connect(graph(), fromConnection(connection));
    if (result.reason) refuse(result.reason);
    else apply(result.graph);
  }

  const removeSelected = () => apply(removeElements(graph(), selectedNodeIds.value, selectedEdgeIds.value));
  const updateParam = (nodeId: string, key: string, value: unknown) => apply(setParam(graph(), nodeId, key, value), `param:${nodeId}:${key}`);
  const move = (positions: ReadonlyMap<string, FlowPosition>) => apply(moveNodes(graph(), positions));

  function duplicateSelected() {
    if (!selectedNodeIds.value.length) return;
    const result = duplicate(graph(), selectedNodeIds.value);
    apply(result.graph);
    void select(result.ids);
  }

  const copySelected = (): FlowClipboard | null => (selectedNodeIds.value.length ? copyFragment(graph(), selectedNodeIds.value) : null);

  function paste(fragment: FlowClipboard) {
    const result = pasteFragment(graph(), fragment, { x: 40, y: 40 });
    if (!result.ids.length) return;
    apply(result.graph);
    void select(result.ids);
  }

  const selectAll = () => void select(graph().nodes.map((n) => n.id));

  function layout() {
    const sizes = new Map(flow.getNodes.value.map((n) => [n.id, { width: n.dimensions.width, height: n.dimensions.height }]));
    apply(moveNodes(graph(), autoLayout(graph(), { sizes })));
    void nextTick(fitView);
  }

  const fitView = () => flow.fitView({ padding: 0.15, maxZoom: 1, duration: 200 });
  /**
   * On opening: a small flow fits in view; a large one starts where it starts, its top-left
   * trigger in the top-left corner at a readable zoom (the overview map shows the rest).
   */
  function openView() {
    const nodes = graph().nodes;
    if (nodes.length <= LARGE_GRAPH) return fitView();
    const triggers = nodes.filter((n) => nodeDefinition(n.kind)?.group === 'trigger');
    const start = triggers.length ? triggers : nodes;
    const x = Math.min(...start.map((n) => n.position.x));
    const y = Math.min(...start.map((n) => n.position.y));
    return flow.setViewport({ x: OPEN_MARGIN - x * OPEN_ZOOM, y: OPEN_MARGIN - y * OPEN_ZOOM, zoom: OPEN_ZOOM });
  }

  /** Centers a node and selects it (from the diagnostics list). */
  async function focusNode(id: string) {
    const node = flow.findNode(id);
    if (!node) return;
    await select([id]);
    await flow.setCenter(node.position.x + node.dimensions.width / 2, node.position.y + node.dimensions.height / 2, { zoom: Math.max(flow.viewport.value.zoom, 1), duration: 250 });
  }

  return { selectedNodeIds, selectedEdgeIds, add, canConnect, connectPorts, removeSelected, updateParam, move, duplicateSelected, copySelected, paste, selectAll, layout, fitView, openView, focusNode, select };
}
