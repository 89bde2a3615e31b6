import type { JourneyDocument } from '@recall/shared'
import type { Measured } from './flow-elements'
import { TYPICAL_SIZE } from './layout'

/**
 * The room a node is given when spots are checked: nodes grow once their problem lines show (a new
 * segment split is 132 px tall a moment after the click, taller with more lines), so the tallest a
 * node gets is kept clear rather than the size it happens to have now.
 */
export const NODE_ROOM: Measured = { width: TYPICAL_SIZE.width, height: 180 }
/** A note React Flow has not measured yet: 200 px wide (editor.css) with a few lines of text. */
export const NOTE_ROOM: Measured = { width: 200, height: 120 }
/** Room kept around a new node, so it reads as separate from its neighbours. */
const GAP = 20
const GRID = 20
/** How far from the centre of the view a free spot is looked for, in grid steps (1200 px). */
const REACH = 60

interface Box {
  x: number
  y: number
  width: number
  height: number
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP

/** Grid offsets nearest first, computed once: the order the search tries spots in. */
const OFFSETS = (() => {
  const offsets: { dx: number; dy: number }[] = []
  for (let dx = -REACH; dx <= REACH; dx++) for (let dy = -REACH; dy <= REACH; dy++) offsets.push({ dx, dy })
  return offsets.sort((a, b) => a.dx * a.dx + a.dy * a.dy - (b.dx * b.dx + b.dy * b.dy))
})()

/** What a node or note already placed takes up: a node at least its full room, as it may still grow. */
function takenBoxes(document: JourneyDocument, measured: Readonly<Record<string, Measured>>): Box[] {
  return [
    ...document.nodes.map((node) => {
      const size = measured[node.id] ?? NODE_ROOM
      return { ...node.position, width: Math.max(size.width, NODE_ROOM.width), height: Math.max(size.height, NODE_ROOM.height) }
    }),
    ...(document.notes ?? []).map((note) => ({ ...note.position, ...(measured[note.id] ?? NOTE_ROOM) })),
  ]
}

/**
 * Where a node or note added by a click goes: the top-left of the free spot nearest to `centre` (the
 * middle of the view) where something of `size` overlaps no node and no note, on the canvas grid.
 * Falls back to the centre when the whole reach is taken.
 */
export function freeSpot(
  document: JourneyDocument,
  centre: { x: number; y: number },
  measured: Readonly<Record<string, Measured>>,
  size: Measured = NODE_ROOM,
): { x: number; y: number } {
  const taken = takenBoxes(document, measured)
  const origin = { x: Math.round((centre.x - size.width / 2) / GRID) * GRID, y: Math.round((centre.y - size.height / 2) / GRID) * GRID }
  for (const { dx, dy } of OFFSETS) {
    const spot = { x: origin.x + dx * GRID, y: origin.y + dy * GRID }
    if (!taken.some((box) => overlaps(box, { ...spot, ...size }))) return spot
  }
  return origin
}
