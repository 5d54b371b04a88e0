import { Position, type Dimensions, type HandleElement } from '@vue-flow/core';
import { nodeDefinition } from '@patron/schema/flow';

/**
 * A node's size and handle places before it is drawn, from its kind and parameters, laid out
 * as flow-editor.css draws a node: 220 px wide, a header, label and summary, then a row of
 * 19 px per output port; the input on the left at mid-height, the outputs on the right.
 *
 * Why: on a large graph the canvas draws only the nodes in view, but Vue Flow counts a node
 * it has not measured as visible, so opening an 800-node flow mounted all 800 just to measure
 * them and unmounted all but a screenful. With an estimate, a node is mounted (and measured)
 * only when it comes into view; edges to nodes not drawn yet end at the estimated handles.
 *
 * The width is a half pixel off on purpose: Vue Flow replaces a node's dimensions and
 * handles only when the measured size differs, and measured sizes are whole pixels.
 */
export const ESTIMATED_WIDTH = 219.5;
const HEAD = 82;
const PORT_ROW = 19;
const HANDLE = 10;

function outputPorts(kind: string, params: Record<string, unknown>): string[] {
  try {
    return nodeDefinition(kind)?.outputs(params as never) ?? ['out'];
  } catch {
    return ['out'];
  }
}

export function estimateNodeSize(nodeId: string, kind: string, params: Record<string, unknown>): { dimensions: Dimensions; handleBounds: { source: HandleElement[]; target: HandleElement[] } } {
  const ports = outputPorts(kind, params);
  const height = HEAD + PORT_ROW * Math.max(1, ports.length);
  const hasInput = nodeDefinition(kind)?.group !== 'trigger';
  return {
    dimensions: { width: ESTIMATED_WIDTH, height },
    handleBounds: {
      target: hasInput ? [{ id: 'in', nodeId, type: 'target', position: Position.Left, x: -HANDLE, y: Math.round(height / 2) - 3, width: HANDLE, height: HANDLE }] : [],
      source: ports.map((id, i) => ({ id, nodeId, type: 'source', position: Position.Right, x: ESTIMATED_WIDTH, y: height - 22 - PORT_ROW * (ports.length - 1 - i), width: HANDLE, height: HANDLE })),
    },
  };
}
