import { type LocalizedText, localize, removeNotes, type StickyNote, updateNoteText } from '@recall/shared'
import type { Node, NodeProps } from '@xyflow/react'
import { memo, useEffect, useRef } from 'react'
import { useLocale } from '../app/locale'
import { editingLocked, useEditor } from './store'

export type StickyNoteFlowNode = Node<{ note: StickyNote }, 'sticky_note'>

const TEXT = {
  placeholder: { en: 'A note for the team (not sent)', zh: '给团队的备注(不会发送)' },
  remove: { en: 'Delete note', zh: '删除备注' },
  label: { en: 'Sticky note', zh: '便签' },
} satisfies Record<string, LocalizedText>

/** A sticky note on the canvas: typed in place (one undo step per burst of typing), dragged by its edge, deleted with ×. */
export const StickyNoteView = memo(function StickyNoteView({ data, selected }: NodeProps<StickyNoteFlowNode>) {
  const locale = useLocale()
  const readOnly = useEditor(editingLocked)
  const { note } = data
  const box = useRef<HTMLTextAreaElement>(null)
  // A note just added from the toolbar (selected and empty) takes the typing at once, as its button promises.
  const startsEmptyAndSelected = useRef(selected && note.text === '')
  useEffect(() => {
    if (!startsEmptyAndSelected.current || readOnly) return
    // React Flow keeps a node hidden until it has measured it, and a hidden box refuses focus: try again next frame.
    let frame = 0
    let tries = 0
    const focus = () => {
      box.current?.focus({ preventScroll: true })
      if (document.activeElement !== box.current && tries++ < 30) frame = requestAnimationFrame(focus)
    }
    focus()
    return () => cancelAnimationFrame(frame)
  }, [readOnly])
  const edit = (change: (document: NonNullable<ReturnType<typeof useEditor.getState>['document']>) => ReturnType<typeof removeNotes>, coalesce?: string) => {
    const editor = useEditor.getState()
    if (editor.document) editor.edit(change(editor.document), coalesce)
  }
  return (
    <div className={`sticky-note${selected ? ' sticky-note--selected' : ''}`} data-note-id={note.id}>
      {!readOnly && (
        <button
          type="button"
          className="sticky-note__remove nodrag"
          aria-label={localize(TEXT.remove, locale)}
          onClick={() => edit((document) => removeNotes(document, [note.id]))}
        >
          ×
        </button>
      )}
      <textarea
        ref={box}
        className="nodrag"
        aria-label={localize(TEXT.label, locale)}
        placeholder={localize(TEXT.placeholder, locale)}
        value={note.text}
        maxLength={2000}
        readOnly={readOnly}
        onChange={(event) => {
          const text = event.target.value
          edit((document) => updateNoteText(document, note.id, text), `note-text:${note.id}`)
        }}
      />
    </div>
  )
})
