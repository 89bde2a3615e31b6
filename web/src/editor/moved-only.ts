import type { JourneyDocument, JourneyNode } from '@recall/shared'

type Placed = { readonly position: unknown }

/** Whether two canvas elements are the same but for where they are placed. */
function samePlaced(before: Placed, after: Placed): boolean {
  if (before === after) return true
  const keys = Object.keys(before) as (keyof Placed)[]
  return keys.length === Object.keys(after).length && keys.every((key) => key === 'position' || before[key] === after[key])
}

/** Whether two lists hold the same elements but for where some are placed on the canvas. */
function samePlacedElements(before: readonly Placed[] | undefined, after: readonly Placed[] | undefined): boolean {
  if (before === after) return true
  if (!before || !after || before.length !== after.length) return false
  return before.every((element, index) => samePlaced(element, after[index] as Placed))
}

/**
 * Whether `after` is `before` with nodes or notes moved and nothing else changed (what a drag frame
 * makes: moveNodes keeps every other object). Validation never reads positions, so the problems
 * stay the same objects and no canvas node re-renders for them while a node is dragged.
 */
export function movedOnly(before: JourneyDocument, after: JourneyDocument): boolean {
  const keys = Object.keys(after) as (keyof JourneyDocument)[]
  if (keys.length !== Object.keys(before).length) return false
  return keys.every((key) =>
    key === 'nodes' ? samePlacedElements(before.nodes, after.nodes) : key === 'notes' ? samePlacedElements(before.notes, after.notes) : before[key] === after[key],
  )
}

const unmoved = new WeakMap<object, JourneyNode>()

/**
 * The node as first seen with its data, while only its place changes: an inspector or a selector
 * that does not show the position then gets the same object on every drag frame and does not re-render.
 */
export function ignoringPosition<Node extends JourneyNode>(node: Node | undefined): Node | undefined {
  if (!node) return undefined
  const seen = unmoved.get(node.data)
  if (seen && samePlaced(seen, node)) return seen as Node
  unmoved.set(node.data, node)
  return node
}
