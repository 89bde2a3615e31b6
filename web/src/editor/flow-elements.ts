import type { JourneyDocument, JourneyEdge, JourneyNode, StickyNote } from '@recall/shared'
import type { Edge, Node } from '@xyflow/react'
import { edgeAriaLabel } from './flow-aria-labels'
import type { StickyNoteFlowNode } from './StickyNoteView'

export type JourneyFlowNode = Node<{ journeyNode: JourneyNode }, JourneyNode['type']>

export interface Measured {
  width: number
  height: number
}

// One React Flow node per journey node object and selection state: an edit elsewhere leaves
// these objects as they were, so React Flow re-renders only the node that changed.
const nodeCache = new WeakMap<JourneyNode, { selected: boolean; measured: Measured | undefined; flow: JourneyFlowNode }>()

export function flowNodes(document: JourneyDocument, selected: ReadonlySet<string>, measured: Readonly<Record<string, Measured>>): JourneyFlowNode[] {
  return document.nodes.map((node) => {
    const isSelected = selected.has(node.id)
    const size = measured[node.id]
    const cached = nodeCache.get(node)
    if (cached && cached.selected === isSelected && cached.measured === size) return cached.flow
    const flow: JourneyFlowNode = {
      id: node.id,
      type: node.type,
      position: node.position,
      data: { journeyNode: node },
      selected: isSelected,
      ...(size ? { measured: size } : {}),
    }
    nodeCache.set(node, { selected: isSelected, measured: size, flow })
    return flow
  })
}

const noteCache = new WeakMap<StickyNote, { selected: boolean; measured: Measured | undefined; flow: StickyNoteFlowNode }>()

/**
 * Sticky notes as canvas elements of their own kind, drawn under the journey's nodes. Each keystroke
 * makes a new note object, so each carries the size React Flow measured: without it React Flow takes
 * the note for unmeasured and hides it until measured again, and the hidden text box loses the focus.
 */
export function flowNotes(document: JourneyDocument, selected: ReadonlySet<string>, measured: Readonly<Record<string, Measured>>): StickyNoteFlowNode[] {
  return (document.notes ?? []).map((note) => {
    const isSelected = selected.has(note.id)
    const size = measured[note.id]
    const cached = noteCache.get(note)
    if (cached && cached.selected === isSelected && cached.measured === size) return cached.flow
    const flow: StickyNoteFlowNode = {
      id: note.id,
      type: 'sticky_note',
      position: note.position,
      data: { note },
      selected: isSelected,
      zIndex: -1,
      ...(size ? { measured: size } : {}),
    }
    noteCache.set(note, { selected: isSelected, measured: size, flow })
    return flow
  })
}

const edgeCache = new WeakMap<JourneyEdge, { selected: boolean; count: number | undefined; locale: string | undefined; flow: Edge }>()

/**
 * Edges, labelled with how many contacts went along them when a simulation or the live view says.
 * Cached per journey edge like the nodes: a drag frame leaves the edges as they were, so React Flow
 * redraws only the edges of the moved node instead of all of them.
 */
export function flowEdges(document: JourneyDocument, selected: ReadonlySet<string>, travelled?: Readonly<Record<string, number>>, locale?: string): Edge[] {
  return document.edges.map((edge) => {
    const isSelected = selected.has(edge.id)
    const count = travelled?.[edge.id] || undefined
    const cached = edgeCache.get(edge)
    if (cached && cached.selected === isSelected && cached.count === count && cached.locale === locale) return cached.flow
    const flow: Edge = {
      ...(count ? { label: count.toLocaleString(locale), labelBgPadding: [4, 2] as [number, number], className: 'journey-edge--counted' } : {}),
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      ariaLabel: edgeAriaLabel(edge.source, edge.target, locale),
      selected: isSelected,
      type: 'smoothstep',
      interactionWidth: 24,
    }
    edgeCache.set(edge, { selected: isSelected, count, locale, flow })
    return flow
  })
}
