import { graphlib, layout } from '@dagrejs/dagre'
import type { JourneyDocument } from '@recall/shared'
import type { Measured } from './flow-elements'

/** A node React Flow has not measured yet is laid out at about the size nodes usually are. */
export const TYPICAL_SIZE: Measured = { width: 220, height: 90 }

/** Left-to-right layered layout; returns top-left positions as React Flow places nodes. */
export function layoutLeftToRight(document: JourneyDocument, measured: Readonly<Record<string, Measured>>): Map<string, { x: number; y: number }> {
  const graph = new graphlib.Graph()
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of document.nodes) graph.setNode(node.id, { ...(measured[node.id] ?? TYPICAL_SIZE) })
  for (const edge of document.edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target)
  layout(graph)
  const positions = new Map<string, { x: number; y: number }>()
  for (const node of document.nodes) {
    const placed = graph.node(node.id)
    const size = measured[node.id] ?? TYPICAL_SIZE
    // dagre gives centres; snap to the canvas grid so later drags line up.
    positions.set(node.id, { x: Math.round((placed.x - size.width / 2) / 20) * 20, y: Math.round((placed.y - size.height / 2) / 20) * 20 })
  }
  return positions
}
