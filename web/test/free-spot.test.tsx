import { blankJourney, NODE_KINDS, type NodeKind } from '@recall/shared'
import { fireEvent, render, screen } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { describe, expect, it } from 'vitest'
import { addNodeNear } from '../src/editor/commands'
import { NODE_ROOM, NOTE_ROOM } from '../src/editor/free-spot'
import { useEditor } from '../src/editor/store'
import { Toolbar } from '../src/editor/Toolbar'
import { openInEditor } from './helpers'

interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** Pairs of boxes that share any area (touching edges do not count). */
function overlapping(boxes: Box[]): [number, number][] {
  const pairs: [number, number][] = []
  boxes.forEach((a, i) => {
    boxes.forEach((b, j) => {
      if (j > i && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) pairs.push([i, j])
    })
  })
  return pairs
}

const boxes = () => {
  const document = useEditor.getState().document
  return [...(document?.nodes ?? []).map((node) => ({ ...node.position, ...NODE_ROOM })), ...(document?.notes ?? []).map((note) => ({ ...note.position, ...NOTE_ROOM }))]
}

describe('where a click on the palette or the Note button puts the new box', () => {
  it('puts a second note beside the first, not on top of it', () => {
    openInEditor(blankJourney('j-1', 'New journey'))
    render(
      <ReactFlowProvider>
        <Toolbar onPublish={() => {}} onSimulate={() => {}} />
      </ReactFlowProvider>,
    )
    fireEvent.click(screen.getByRole('button', { name: '🗒 Note' }))
    fireEvent.click(screen.getByRole('button', { name: '🗒 Note' }))
    const notes = useEditor.getState().document?.notes ?? []
    expect(notes.map((note) => note.id)).toEqual(['note-1', 'note-2'])
    // The view's middle is (0, 0) here (jsdom lays nothing out), where the trigger sits: each note takes the nearest spot clear of it and of the other note.
    expect(notes.map((note) => note.position)).toEqual([
      { x: -100, y: -140 },
      { x: -220, y: 0 },
    ])
    expect(overlapping(boxes())).toEqual([])
  })

  it('keeps 12 clicks of every kind clear of each other with room for problem lines (180 px tall)', () => {
    openInEditor(blankJourney('j-1', 'New journey'))
    const kinds = NODE_KINDS.filter((kind): kind is NodeKind => kind !== 'trigger')
    for (let click = 0; click < 12; click++) addNodeNear(kinds[click % kinds.length] as NodeKind, { x: 200, y: 40 })
    // React Flow measures a new segment split at 132 px once its problem lines show; that is within the room kept.
    const split = useEditor.getState().document?.nodes.find((node) => node.type === 'segment_split')
    useEditor.setState({ measured: { ...useEditor.getState().measured, [split?.id as string]: { width: 202, height: 132 } } })
    addNodeNear('send_sms', { x: 200, y: 40 })
    expect(useEditor.getState().document?.nodes).toHaveLength(2 + 13)
    expect(overlapping(boxes())).toEqual([])
  })
})
