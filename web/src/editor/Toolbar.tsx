import { localize } from '@recall/shared'
import { useReactFlow } from '@xyflow/react'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { SimulateButton } from '../simulation/SimulateButton'
import { useSubmitsForReview } from './approvals/submitter'
import { APPROVAL_TEXT } from './approvals/texts'
import { CanvasSearch } from './CanvasSearch'
import { addNoteNear, autoLayout, duplicateSelection } from './commands'
import { useProblems } from './problems'
import { type SaveState, useSaveState } from './save-state'
import { publishWait } from './saved-draft'
import { useNewerDraftOnServer } from './server-head'
import { editingLocked, liveVersionDrawn, useEditor } from './store'
import { useShowJourney } from './useShowJourney'

const SAVE_LABELS = {
  saved: TEXT.saved,
  saving: TEXT.saving,
  unsaved: TEXT.unsaved,
  failed: TEXT.saveFailed,
  'signed-out': TEXT.savePending,
  conflict: TEXT.saveConflict,
  deleted: TEXT.saveDeleted,
  behind: TEXT.saveBehind,
}

/**
 * The save status shown: "saved" (or an edit about to be saved) is not said while a colleague's newer
 * draft is on the server, since what is on screen is then behind it (its save would meet the conflict).
 */
function shownSaveState(state: SaveState, newerDraftOnServer: boolean): keyof typeof SAVE_LABELS {
  return newerDraftOnServer && (state === 'saved' || state === 'unsaved') ? 'behind' : state
}

const NOTE = { en: 'Note', zh: '便签' }

export function Toolbar({ onPublish, onSimulate }: { onPublish(): void; onSimulate(): void }) {
  const locale = useLocale()
  const t = (text: { en: string; zh: string }) => localize(text, locale)
  const canUndo = useEditor((state) => state.past.length > 0)
  const canRedo = useEditor((state) => state.future.length > 0)
  const readOnlyVersion = useEditor((state) => state.versionShown?.version)
  const hasSelection = useEditor((state) => state.selectedNodeIds.length > 0)
  const { undo, redo } = useEditor.getState()
  const save = useSaveState()
  const saveShown = shownSaveState(save.state, useNewerDraftOnServer() !== undefined)
  const { errorCount } = useProblems()
  const showJourney = useShowJourney()
  const archived = useEditor((state) => state.archived)
  const viewOnly = useEditor((state) => state.viewOnly)
  const readOnly = useEditor(editingLocked)
  const liveDrawn = useEditor(liveVersionDrawn) !== undefined
  // Nothing to publish or simulate once the journey is archived or deleted elsewhere.
  const gone = archived || save.state === 'deleted'
  // What is on screen is not the draft the server holds (a failed save, a conflict, signed out): nothing acts on that draft as if it were.
  const wait = gone || readOnly ? undefined : publishWait(save)
  // Publish sends the draft: off, and said why, while the canvas shows another version (the archived and viewer cases say so above the canvas).
  const notTheDraft = gone || viewOnly ? undefined : readOnlyVersion !== undefined ? TEXT.publishFromVersion : liveDrawn ? TEXT.publishFromLiveView : undefined
  const submitter = useSubmitsForReview()
  const { screenToFlowPosition } = useReactFlow()
  /** A new note near the middle of what the canvas shows, clear of what is already there. */
  function addNoteInView() {
    const canvas = document.querySelector('.editor__canvas')?.getBoundingClientRect()
    const centre = canvas ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }) : { x: 0, y: 0 }
    addNoteNear(centre)
  }
  return (
    <div className="toolbar" role="toolbar">
      <button type="button" disabled={!canUndo || readOnly} onClick={undo} title="Ctrl/⌘+Z">
        ↶ {t(TEXT.undo)}
      </button>
      <button type="button" disabled={!canRedo || readOnly} onClick={redo} title="Ctrl/⌘+Shift+Z">
        ↷ {t(TEXT.redo)}
      </button>
      <button type="button" disabled={!hasSelection || readOnly} onClick={duplicateSelection} title="Ctrl/⌘+D">
        📋 {t(TEXT.duplicate)}
      </button>
      <button
        type="button"
        disabled={readOnly}
        onClick={() => {
          autoLayout()
          requestAnimationFrame(showJourney)
        }}
      >
        ⇶ {t(TEXT.autoLayout)}
      </button>
      <button type="button" disabled={readOnly} onClick={addNoteInView}>
        🗒 {t(NOTE)}
      </button>
      <CanvasSearch />
      <span className="toolbar__spacer" />
      {/* A version shown is read-only; the draft under it is still saved, so its status stays said. */}
      {readOnlyVersion !== undefined && <span className="badge">{`${t(TEXT.readOnly)} ${readOnlyVersion}`}</span>}
      {archived ? (
        <span className="badge">{t(TEXT.statusArchived)}</span>
      ) : viewOnly ? (
        <span className="badge">{t(TEXT.viewOnlyBadge)}</span>
      ) : (
        <span className={`save save--${saveShown}`}>
          {t(SAVE_LABELS[saveShown])}
          {/* Said, not hidden in a tooltip: why the save failed (it is tried again meanwhile). */}
          {save.state === 'failed' && save.error ? `: ${save.error}` : ''}
        </span>
      )}
      {/* Blocked while the draft on screen is not the saved one: the wait's reason is said below the buttons. */}
      <SimulateButton blocked={gone || errorCount > 0 || wait !== undefined} blockedReason={errorCount > 0 ? TEXT.publishBlocked : wait} onClick={onSimulate} />
      <button
        type="button"
        className="primary"
        disabled={readOnly || gone || errorCount > 0 || wait !== undefined}
        title={viewOnly ? t(TEXT.viewerCannotChange) : notTheDraft ? t(notTheDraft) : errorCount > 0 ? t(TEXT.publishBlocked) : undefined}
        onClick={onPublish}
      >
        {t(submitter ? APPROVAL_TEXT.submit : TEXT.publish)}
        {errorCount > 0 ? ` (${locale === 'zh-CN' ? `${errorCount} 个错误` : `${errorCount} error${errorCount === 1 ? '' : 's'}`})` : ''}
      </button>
      {wait && (
        <p className="toolbar__wait" role="status">
          {t(wait)}
        </p>
      )}
      {notTheDraft && (
        <p className="toolbar__reason" role="status">
          {t(notTheDraft)}
        </p>
      )}
    </div>
  )
}
