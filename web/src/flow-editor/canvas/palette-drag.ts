/** The data type a palette item carries while dragged onto the canvas (Vue Flow's dnd example uses the same). */
export const PALETTE_MIME = 'application/vueflow';
