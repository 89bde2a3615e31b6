import { connect, insertOnEdge, isNodeKind, makeRoomAfter, moveNodes, moveNotes, removeElements, removeNotes } from '@recall/shared'
import { Background, type Connection, Controls, type EdgeChange, MiniMap, type NodeChange, type NodeTypes, ReactFlow, useReactFlow } from '@xyflow/react'
import { type DragEvent, useCallback, useMemo } from 'react'
import { useLocale } from '../app/locale'
import { useLive } from '../monitoring/store'
import { NODE_VISUALS } from '../nodes/visuals'
import { useSimulation } from '../simulation/store'
import { addNodeAt } from './commands'
import { flowAriaLabels } from './flow-aria-labels'
import { flowEdges, flowNodes, flowNotes, type JourneyFlowNode, type Measured } from './flow-elements'
import { JourneyNodeView } from './JourneyNodeView'
import { replacedNotice } from './replaced-notice'
import { StickyNoteView } from './StickyNoteView'
import { drawnDocument, editingLocked, liveVersionDrawn, useEditor, versionDrawn } from './store'
import { useFocusedNode, useOpeningView } from './useShowJourney'

export const PALETTE_MIME = 'application/x-recall-node-kind'
const GRID: [number, number] = [20, 20]
/** From this many nodes the canvas renders only visible elements (React Flow's onlyRenderVisibleElements). */
const VIRTUALIZE_FROM_NODES = 100

// Module-level so React Flow never sees a new nodeTypes object.
const nodeTypes: NodeTypes = { ...Object.fromEntries(Object.keys(NODE_VISUALS).map((kind) => [kind, JourneyNodeView])), sticky_note: StickyNoteView }

/** The edge under a screen point, if any: where a palette item was dropped. */
function edgeAt(x: number, y: number): string | undefined {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge')
    const id = edge?.getAttribute('data-id')
    if (id) return id
  }
  return undefined
}

export function Canvas() {
  const journey = useEditor(drawnDocument)
  const selectedNodeIds = useEditor((state) => state.selectedNodeIds)
  const selectedEdgeIds = useEditor((state) => state.selectedEdgeIds)
  const measured = useEditor((state) => state.measured)
  const readOnly = useEditor(editingLocked)
  const { screenToFlowPosition } = useReactFlow()
  useOpeningView(journey?.id)
  useFocusedNode()

  const nodes = useMemo(() => {
    if (!journey) return []
    const selected = new Set(selectedNodeIds)
    return [...flowNotes(journey, selected, measured), ...flowNodes(journey, selected, measured)] as JourneyFlowNode[]
  }, [journey, selectedNodeIds, measured])
  // Live counts belong to the live version, simulated ones to the draft: each drawn only on what it counts.
  const liveDrawn = useEditor(liveVersionDrawn)
  const draftDrawn = useEditor((state) => versionDrawn(state) === undefined)
  const simulatedEdges = useSimulation((state) => (state.overlay && draftDrawn ? state.run?.result?.edges : undefined))
  const liveEdges = useLive((state) => (liveDrawn !== undefined && state.snapshot?.liveVersion === liveDrawn ? state.snapshot.edges : undefined))
  const locale = useLocale()
  const travelled = simulatedEdges ?? liveEdges
  const edges = useMemo(() => (journey ? flowEdges(journey, new Set(selectedEdgeIds), travelled, locale) : []), [journey, selectedEdgeIds, travelled, locale])

  const onNodesChange = useCallback((changes: NodeChange<JourneyFlowNode>[]) => {
    const editor = useEditor.getState()
    if (!editor.document) return
    const sizes: Record<string, Measured> = {}
    const positions = new Map<string, { x: number; y: number }>()
    let selection: Set<string> | undefined
    let gestureEnded = false
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions
      if (change.type === 'position' && change.position) positions.set(change.id, change.position)
      if (change.type === 'position' && change.dragging === false) gestureEnded = true
      if (change.type === 'select') {
        selection ??= new Set(editor.selectedNodeIds)
        if (change.selected) selection.add(change.id)
        else selection.delete(change.id)
      }
    }
    if (Object.keys(sizes).length > 0) editor.setMeasured(sizes)
    // Notes and nodes move together in one drag; each function ignores the other's ids.
    if (positions.size > 0) editor.preview(moveNotes(moveNodes(editor.document, positions), positions))
    if (gestureEnded) editor.endGesture()
    if (selection) editor.select([...selection], editor.selectedEdgeIds)
  }, [])

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const editor = useEditor.getState()
    let selection: Set<string> | undefined
    for (const change of changes) {
      if (change.type !== 'select') continue
      selection ??= new Set(editor.selectedEdgeIds)
      if (change.selected) selection.add(change.id)
      else selection.delete(change.id)
    }
    if (selection) editor.select(editor.selectedNodeIds, [...selection])
  }, [])

  const onConnect = useCallback((connection: Connection) => {
    const editor = useEditor.getState()
    if (!editor.document || !connection.sourceHandle) return
    const result = connect(editor.document, { source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target })
    if ('refused' in result) return editor.setNotice(result.refused)
    editor.edit(result.document)
    // Replacing a connection can cut nodes off: say what changed and that undo brings it back.
    if (result.replaced) editor.setNotice(replacedNotice(result.replaced))
  }, [])

  const onDelete = useCallback(({ nodes: gone, edges: cut }: { nodes: { id: string }[]; edges: { id: string }[] }) => {
    const editor = useEditor.getState()
    if (!editor.document) return
    const ids = gone.map((node) => node.id)
    editor.edit(
      removeNotes(
        removeElements(
          editor.document,
          ids,
          cut.map((edge) => edge.id),
        ),
        ids,
      ),
    )
    editor.select([], [])
  }, [])

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault()
      const kind = event.dataTransfer.getData(PALETTE_MIME)
      const editor = useEditor.getState()
      if (!editor.document || !isNodeKind(kind)) return
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY })
      const edgeId = edgeAt(event.clientX, event.clientY)
      if (!edgeId) return addNodeAt(kind, position)
      const result = insertOnEdge(editor.document, edgeId, kind, position)
      if ('refused' in result) return editor.setNotice(result.refused)
      editor.edit(makeRoomAfter(result.document, result.nodeId))
      editor.select([result.nodeId])
    },
    [screenToFlowPosition],
  )

  return (
    <ReactFlow<JourneyFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onDelete={onDelete}
      onDrop={onDrop}
      onDragOver={(event) => {
        event.preventDefault()
        event.dataTransfer.dropEffect = 'move'
      }}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
      snapToGrid
      snapGrid={GRID}
      minZoom={0.1}
      // Big journeys draw only what is on screen, so dragging stays fluid; small ones keep every element in the page.
      onlyRenderVisibleElements={nodes.length > VIRTUALIZE_FROM_NODES}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={flowAriaLabels(locale)}
    >
      <Background gap={GRID[0]} />
      <Controls />
      <MiniMap pannable zoomable nodeColor={(node) => NODE_VISUALS[(node as JourneyFlowNode).type as keyof typeof NODE_VISUALS]?.accent ?? '#999'} />
    </ReactFlow>
  )
}
