import type { Problem } from '@recall/shared'
import { useEffect } from 'react'
import { create } from 'zustand'
import { ApiFailure, failureText, type JourneyRecord, send } from '../app/api'
import { useLocaleStore } from '../app/locale'
import { useSession } from '../app/session'
import { TEXT } from '../app/texts'
import { forgetPendingDraft, keepPendingDraft } from './pending-draft'
import { editingLocked, useEditor } from './store'

/**
 * `signed-out`: kept in the browser until the person signs in again; `conflict`: someone saved a newer
 * draft; `deleted`: the journey was deleted elsewhere, so nothing more is sent (the page keeps what is shown).
 */
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed' | 'signed-out' | 'conflict' | 'deleted'

export interface DraftConflict {
  /** Who saved the newer draft and when, in the person's language. */
  message: string
  /** What differs there, node by node. */
  problems: (Problem & { text?: string })[]
}

interface SaveStatus {
  state: SaveState
  error: string | undefined
  /** The draft revision this page's document is based on: sent as If-Match. */
  revision: number | undefined
  conflict: DraftConflict | undefined
}

export const useSaveState = create<SaveStatus>(() => ({ state: 'saved', error: undefined, revision: undefined, conflict: undefined }))

/** Quiet time after the last edit before the draft is saved. */
const AUTOSAVE_DELAY_MS = 600

/** Saves the draft against the revision it was based on; `overwrite` replaces a newer one saved elsewhere. */
async function saveNow(options: { overwrite?: boolean } = {}): Promise<void> {
  const editor = useEditor.getState()
  const { document, journeyId, savedDocument, markSaved } = editor
  const { revision, state } = useSaveState.getState()
  if (!document || !journeyId || editingLocked(editor)) return
  if (document === savedDocument && !options.overwrite) return
  if (state === 'deleted') return
  // A conflict waits for the person's choice: reload theirs, or overwrite.
  if (state === 'conflict' && !options.overwrite) return
  useSaveState.setState({ state: 'saving', error: undefined })
  const ifMatch = options.overwrite ? '*' : revision !== undefined ? `"${revision}"` : undefined
  try {
    const answer = await send<JourneyRecord>('PUT', `/journeys/${encodeURIComponent(journeyId)}/draft`, { json: document }, ifMatch ? { 'if-match': ifMatch } : {})
    forgetPendingDraft(journeyId)
    markSaved(document)
    useSaveState.setState({ state: useEditor.getState().document === document ? 'saved' : 'unsaved', revision: answer.journey.draftRevision, conflict: undefined })
  } catch (cause) {
    if (cause instanceof ApiFailure && cause.status === 401) {
      keepPendingDraft(journeyId, { document, revision })
      useSaveState.setState({ state: 'signed-out' })
    } else if (cause instanceof ApiFailure && cause.status === 412) {
      useSaveState.setState({ state: 'conflict', conflict: { message: cause.message, problems: cause.problems } })
    } else if (cause instanceof ApiFailure && cause.code === 'journey_archived') {
      // Archived elsewhere while open: the editor turns read-only and says so; the edit stays on screen.
      useEditor.setState({ archived: true })
      useSaveState.setState({ state: 'failed', error: failureText(cause) })
    } else if (cause instanceof ApiFailure && cause.status === 404) {
      useSaveState.setState({ state: 'deleted', error: failureText(cause) })
    } else useSaveState.setState({ state: 'failed', error: failureText(cause) })
  }
}

/** Saves the draft shortly after each edit, again after signing back in, and warns before leaving with changes not yet saved. */
export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = useEditor.subscribe((state, previous) => {
      if (state.document === previous.document || state.document === state.savedDocument) return
      const { state: saveState } = useSaveState.getState()
      if (saveState !== 'conflict' && saveState !== 'deleted') useSaveState.setState({ state: 'unsaved' })
      clearTimeout(timer)
      timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
    })
    const unsubscribeSession = useSession.subscribe((session, previous) => {
      if (previous.status === 'expired' && session.status === 'signed-in') void saveNow()
    })
    function onBeforeUnload(event: BeforeUnloadEvent) {
      const { document, savedDocument } = useEditor.getState()
      if (document === savedDocument) return
      event.preventDefault()
      event.returnValue = useLocaleStore.getState().locale === 'zh-CN' ? TEXT.leaveWarning.zh : TEXT.leaveWarning.en
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      clearTimeout(timer)
      unsubscribe()
      unsubscribeSession()
      window.removeEventListener('beforeunload', onBeforeUnload)
      void saveNow()
    }
  }, [])
}

export { saveNow }
