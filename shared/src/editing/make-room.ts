import type { JourneyDocument } from '../schema/document'
import { moveNodes } from './edit'

/** Space kept between a node inserted on an edge and the nodes it pushes along. */
const INSERT_GAP = 60
const TYPICAL_NODE_WIDTH = 200

/** Every node reachable from `nodeId` along connections, itself excluded. */
function downstreamOf(document: JourneyDocument, nodeId: string): Set<string> {
  const next = new Map<string, string[]>()
  for (const edge of document.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target])
  const reached = new Set<string>()
  const pending = [...(next.get(nodeId) ?? [])]
  while (pending.length > 0) {
    const id = pending.pop() as string
    if (id === nodeId || reached.has(id)) continue
    reached.add(id)
    pending.push(...(next.get(id) ?? []))
  }
  return reached
}

/**
 * A node inserted on an edge would sit on top of what follows it: the nodes after it on its path
 * (and to its right) move along by a node's width, as a marketer would do by hand. Nodes on other
 * branches, or not connected, stay where they are.
 */
export function makeRoomAfter(document: JourneyDocument, nodeId: string): JourneyDocument {
  const inserted = document.nodes.find((node) => node.id === nodeId)
  if (!inserted) return document
  const downstream = downstreamOf(document, nodeId)
  const shift = TYPICAL_NODE_WIDTH + INSERT_GAP
  const positions = new Map(
    document.nodes
      .filter((node) => downstream.has(node.id) && node.position.x + TYPICAL_NODE_WIDTH > inserted.position.x)
      .map((node) => [node.id, { x: node.position.x + shift, y: node.position.y }]),
  )
  return positions.size === 0 ? document : moveNodes(document, positions)
}
