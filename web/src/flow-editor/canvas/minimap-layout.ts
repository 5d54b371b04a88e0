/** The overview map's geometry: flow coordinates to map pixels and back, kept free of the DOM. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MiniMapLayout {
  /** Map pixels per flow unit. */
  scale: number;
  /** Where the flow point (originX, originY) lands on the map. */
  offsetX: number;
  offsetY: number;
  originX: number;
  originY: number;
  boxes: Box[];
  /** The part of the flow in view, on the map. */
  view: Box;
}

/** The colours of the node groups, as the nodes' top borders on the canvas. */
export const GROUP_COLORS = { trigger: '#2f6fed', condition: '#b7791f', flow: '#7c3aed', action: '#15803d' } as const;

const PADDING = 0.05;

/**
 * Fits every node and the part in view (the viewport transform of Vue Flow: the flow is drawn
 * at `x + flowX * zoom`) into a map of `size`, centred, with a little margin.
 */
export function miniMapLayout(nodes: readonly Box[], viewport: { x: number; y: number; zoom: number }, pane: { width: number; height: number }, size: { width: number; height: number }): MiniMapLayout {
  const zoom = viewport.zoom || 1;
  const view: Box = { x: -viewport.x / zoom, y: -viewport.y / zoom, width: pane.width / zoom, height: pane.height / zoom };
  let minX = view.x;
  let minY = view.y;
  let maxX = view.x + view.width;
  let maxY = view.y + view.height;
  for (const n of nodes) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
    maxX = Math.max(maxX, n.x + n.width);
    maxY = Math.max(maxY, n.y + n.height);
  }
  const width = Math.max(1, maxX - minX);
  const height = Math.max(1, maxY - minY);
  const scale = Math.min(size.width / width, size.height / height) * (1 - 2 * PADDING);
  const offsetX = (size.width - width * scale) / 2;
  const offsetY = (size.height - height * scale) / 2;
  const place = (b: Box): Box => ({ x: offsetX + (b.x - minX) * scale, y: offsetY + (b.y - minY) * scale, width: b.width * scale, height: b.height * scale });
  return { scale, offsetX, offsetY, originX: minX, originY: minY, boxes: nodes.map(place), view: place(view) };
}

/** The flow point under a map pixel: where a click on the map centres the view. */
export function toFlowPoint(layout: MiniMapLayout, point: { x: number; y: number }) {
  return { x: layout.originX + (point.x - layout.offsetX) / layout.scale, y: layout.originY + (point.y - layout.offsetY) / layout.scale };
}
