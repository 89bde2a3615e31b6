import { type JourneyDocument, moveNotes, validateJourney } from '@recall/shared'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { describe, expect, it } from 'vitest'
import { Canvas } from '../src/editor/Canvas'
import { useEditor } from '../src/editor/store'
import { Toolbar } from '../src/editor/Toolbar'
import { openInEditor, template } from './helpers'

const notes = () => useEditor.getState().document?.notes ?? []

/** The cart template in the editor: its toolbar and an 800 × 600 canvas. */
function openWithToolbar() {
  openInEditor(template('abandoned-cart'))
  render(
    <ReactFlowProvider>
      <Toolbar onPublish={() => {}} onSimulate={() => {}} />
      <div className="editor__canvas" style={{ width: 800, height: 600 }}>
        <Canvas />
      </div>
    </ReactFlowProvider>,
  )
}

describe('sticky notes on the canvas', () => {
  it('adds a note from the toolbar, edits its text, moves and deletes it, and undo brings each step back', () => {
    openWithToolbar()
    fireEvent.click(screen.getByRole('button', { name: '🗒 Note' }))
    // Centred on the middle of the view (0, 0 here: jsdom lays nothing out), a note being 200 × 120.
    expect(notes()).toEqual([{ id: 'note-1', position: { x: -100, y: -60 }, text: '' }])
    const box = screen.getByLabelText('Sticky note')
    // The new note takes the typing at once.
    expect(document.activeElement).toBe(box)
    fireEvent.change(box, { target: { value: 'Coupon copy approved by legal' } })
    fireEvent.change(box, { target: { value: 'Coupon copy approved by legal on 12-01' } })
    expect(notes()[0]?.text).toBe('Coupon copy approved by legal on 12-01')

    // Saved in the document, not a node: the engine and validation see the same journey as before.
    const journey = useEditor.getState().document
    expect(journey?.nodes.map((node) => node.id)).toEqual(template('abandoned-cart').nodes.map((node) => node.id))
    expect(validateJourney(journey).problems).toEqual(validateJourney(template('abandoned-cart')).problems)

    act(() => {
      const editor = useEditor.getState()
      editor.edit(moveNotes(editor.document as JourneyDocument, new Map([['note-1', { x: 400, y: -120 }]])))
    })
    expect(notes()[0]?.position).toEqual({ x: 400, y: -120 })
    fireEvent.click(screen.getByLabelText('Delete note'))
    expect(notes()).toEqual([])

    act(() => useEditor.getState().undo())
    expect(notes()).toEqual([{ id: 'note-1', position: { x: 400, y: -120 }, text: 'Coupon copy approved by legal on 12-01' }])
    act(() => useEditor.getState().undo())
    expect(notes()[0]?.position).toEqual({ x: -100, y: -60 })
    // The typing was one burst: one undo takes the whole text back.
    act(() => useEditor.getState().undo())
    expect(notes()).toEqual([{ id: 'note-1', position: { x: -100, y: -60 }, text: '' }])
    act(() => useEditor.getState().undo())
    expect(notes()).toEqual([])
  })

  it('keeps a measured note shown while its text changes, so its text box keeps the focus', () => {
    openWithToolbar()
    fireEvent.click(screen.getByRole('button', { name: '🗒 Note' }))
    // What React Flow reports once it has measured the note in a browser.
    act(() => useEditor.getState().setMeasured({ 'note-1': { width: 200, height: 120 } }))
    const drawn = () => (document.querySelector('.react-flow__node[data-id="note-1"]') as HTMLElement).style.visibility
    expect(drawn()).toBe('visible')
    // Each change is a new note object; React Flow hid one it took for unmeasured, and a hidden box loses the focus.
    const box = screen.getByLabelText('Sticky note')
    fireEvent.change(box, { target: { value: '春节' } })
    fireEvent.change(box, { target: { value: '春节促销安排' } })
    expect([drawn(), notes()[0]?.text]).toEqual(['visible', '春节促销安排'])
  })

  it('refuses an over-long note with its field named, and ignores notes for reachability', () => {
    const journey = { ...template('abandoned-cart'), notes: [{ id: 'note-1', position: { x: 0, y: 0 }, text: 'x'.repeat(2001) }] }
    const problems = validateJourney(journey).problems
    expect(problems.map((problem) => [problem.path, problem.message.en])).toEqual([['/notes/0/text', 'Note text must have at most 2000 characters']])
  })
})
