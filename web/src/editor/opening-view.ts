/** The smallest zoom at which a node's 12 px text still reads without squinting. */
export const READABLE_ZOOM = 0.75
/**
 * Down to this zoom a whole journey is shown at once (every template fits at 1440×900 beside the
 * palette and the inspector); a bigger one opens at its start at a readable size instead.
 */
export const SMALLEST_FITTING_ZOOM = 0.35
/** Small journeys open at full size rather than blown up. */
const LARGEST_ZOOM = 1
export const MARGIN_PX = 40
/** React Flow's minimap (200×150) and its 15 px margin, drawn over the pane's bottom-right corner. */
const MINIMAP = { width: 215, height: 165 }

export interface Box {
  x: number
  y: number
  width: number
  height: number
}
export interface Viewport {
  x: number
  y: number
  zoom: number
}

/**
 * The viewport that shows all of `bounds` in a pane of `width`×`height` without putting a node under
 * the minimap: the journey keeps clear of its corner either to its left or above it, whichever
 * leaves the larger zoom. Undefined when even that would be smaller than SMALLEST_FITTING_ZOOM.
 */
export function fittedViewport(bounds: Box, width: number, height: number): Viewport | undefined {
  const zoomWithin = (room: { width: number; height: number }) =>
    Math.min(LARGEST_ZOOM, (room.width - 2 * MARGIN_PX) / Math.max(bounds.width, 1), (room.height - 2 * MARGIN_PX) / Math.max(bounds.height, 1))
  const leftOfMinimap = { width: width - MINIMAP.width + MARGIN_PX, height }
  const aboveMinimap = { width, height: height - MINIMAP.height + MARGIN_PX }
  const room = zoomWithin(leftOfMinimap) >= zoomWithin(aboveMinimap) ? leftOfMinimap : aboveMinimap
  const zoom = zoomWithin(room)
  if (zoom < SMALLEST_FITTING_ZOOM) return undefined
  // Centred in the room it was fitted to.
  return {
    x: (room.width - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: (room.height - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  }
}

/** A journey too big to fit: its start at the top left at a readable size, the rest a pan away. */
export function startViewport(bounds: Box): Viewport {
  return { x: MARGIN_PX - bounds.x * READABLE_ZOOM, y: MARGIN_PX - bounds.y * READABLE_ZOOM, zoom: READABLE_ZOOM }
}
