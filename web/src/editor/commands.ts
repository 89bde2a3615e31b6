import { addNode, addNote, moveNodes, type NodeKind, pasteNodes } from '@recall/shared'
import { freeSpot, NOTE_ROOM } from './free-spot'
import { layoutLeftToRight } from './layout'
import { useEditor } from './store'

/** Editor commands shared by the toolbar, the palette and keyboard shortcuts. */

/** A node dropped on the canvas: exactly where the person let go. */
export function addNodeAt(kind: NodeKind, position: { x: number; y: number }): void {
  const editor = useEditor.getState()
  if (!editor.document) return
  const result = addNode(editor.document, kind, position)
  editor.edit(result.document)
  editor.select([result.nodeId])
}

/** A node added by a palette click: at the free spot nearest `centre`, clear of the nodes and notes already there. */
export function addNodeNear(kind: NodeKind, centre: { x: number; y: number }): void {
  const document = useEditor.getState().document
  if (document) addNodeAt(kind, freeSpot(document, centre, useEditor.getState().measured))
}

/** A note added by the toolbar: at the free spot nearest `centre`, clear of nodes and other notes, selected so it can be typed in at once. */
export function addNoteNear(centre: { x: number; y: number }): void {
  const editor = useEditor.getState()
  if (!editor.document) return
  const added = addNote(editor.document, freeSpot(editor.document, centre, editor.measured, NOTE_ROOM))
  editor.edit(added.document)
  editor.select([added.noteId])
}

export function autoLayout(): void {
  const editor = useEditor.getState()
  if (!editor.document) return
  editor.edit(moveNodes(editor.document, layoutLeftToRight(editor.document, editor.measured)))
}

export function copySelection(): void {
  const editor = useEditor.getState()
  if (!editor.document || editor.selectedNodeIds.length === 0) return
  const chosen = new Set(editor.selectedNodeIds)
  editor.setClipboard({
    nodes: editor.document.nodes.filter((node) => chosen.has(node.id)),
    edges: editor.document.edges.filter((edge) => chosen.has(edge.source) && chosen.has(edge.target)),
  })
}

const PASTE_OFFSET = { x: 40, y: 40 }

export function paste(): void {
  const editor = useEditor.getState()
  if (!editor.document || !editor.clipboard) return
  const result = pasteNodes(editor.document, editor.clipboard, PASTE_OFFSET)
  editor.edit(result.document)
  editor.select(result.nodeIds)
  // Pasting again places the next copy further along rather than on top of this one.
  editor.setClipboard({
    nodes: result.document.nodes.filter((node) => result.nodeIds.includes(node.id)),
    edges: result.document.edges.filter((edge) => result.nodeIds.includes(edge.source) && result.nodeIds.includes(edge.target)),
  })
}

export function duplicateSelection(): void {
  copySelection()
  paste()
}
