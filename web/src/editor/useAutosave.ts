import type { Problem } from '@recall/shared'
import { useEffect } from 'react'
import { create } from 'zustand'
import { ApiFailure, failureText, type JourneyRecord, send } from '../app/api'
import { useSession } from '../app/session'
import { forgetPendingDraft, keepPendingDraft } from './pending-draft'
import { savesLocked, useEditor } from './store'

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
/** A failed save is tried again after 2, 4, 8 … seconds, at most a minute apart, and at once when the browser is back online. */
const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 60_000

let retry: { timer: ReturnType<typeof setTimeout> | undefined; delay: number } = { timer: undefined, delay: RETRY_FIRST_MS }

function cancelRetry(): void {
  clearTimeout(retry.timer)
  retry = { timer: undefined, delay: RETRY_FIRST_MS }
}

/** Only what may pass by itself is tried again: no network, a server error, a rate limit. */
const passes = (cause: unknown) => cause instanceof ApiFailure && (cause.status === 0 || cause.status === 429 || cause.status >= 500)

function retryLater(): void {
  clearTimeout(retry.timer)
  const delay = retry.delay
  retry = { timer: setTimeout(() => void saveNow(), delay), delay: Math.min(delay * 2, RETRY_MAX_MS) }
}

/**
 * How a save goes: `overwrite` replaces a newer draft saved elsewhere; `resend` sends what is on screen even
 * when it is what this page last saved (keeping mine over a colleague's newer draft: the server answers 412, and the person chooses).
 */
interface SaveOptions {
  overwrite?: boolean
  resend?: boolean
}

/** Saves the draft against the revision it was based on. */
async function saveOnce(options: SaveOptions): Promise<void> {
  const editor = useEditor.getState()
  const { document, journeyId, savedDocument, markSaved } = editor
  const { revision, state } = useSaveState.getState()
  if (!document || !journeyId || savesLocked(editor)) return
  if (state === 'deleted') return
  // A conflict waits for the person's choice: reload theirs, or overwrite.
  if (state === 'conflict' && !options.overwrite) return
  if (document === savedDocument && !options.overwrite && !options.resend) {
    // Back to what the server holds (undone before the save): nothing to send.
    if (state !== 'saved') useSaveState.setState({ state: 'saved', error: undefined })
    return
  }
  useSaveState.setState({ state: 'saving' })
  const ifMatch = options.overwrite ? '*' : revision !== undefined ? `"${revision}"` : undefined
  try {
    const answer = await send<JourneyRecord>('PUT', `/journeys/${encodeURIComponent(journeyId)}/draft`, { json: document }, ifMatch ? { 'if-match': ifMatch } : {})
    cancelRetry()
    markSaved(document)
    const current = useEditor.getState().document
    // A copy kept in the browser is forgotten once the server has what is on screen, not an older state of it.
    if (current === document) forgetPendingDraft(journeyId)
    useSaveState.setState({ state: current === document ? 'saved' : 'unsaved', error: undefined, revision: answer.journey.draftRevision, conflict: undefined })
    // Edited (or undone) while this save was on its way: the server gets what is on screen now, on the new revision.
    if (current !== document) void saveNow()
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
    } else {
      useSaveState.setState({ state: 'failed', error: failureText(cause) })
      if (passes(cause)) retryLater()
    }
  }
}

/**
 * Keeps the edit the server does not have yet in this browser (as a signed-out edit is kept), so leaving
 * the editor loses nothing: it comes back on top of the draft when the journey opens again. The save
 * that stores what is on screen, or an undo back to what the server holds, forgets it.
 */
export function keepUnsavedInBrowser(): void {
  const editor = useEditor.getState()
  const { state, revision } = useSaveState.getState()
  if (!editor.journeyId || !editor.document || editor.document === editor.savedDocument || savesLocked(editor) || state === 'deleted') return
  keepPendingDraft(editor.journeyId, { document: editor.document, revision })
}

/** The save running now and those waiting behind it: saves never overlap, so each names the revision the one before it made. */
let queue: Promise<void> = Promise.resolve()

/** Saves the draft once every save before it has answered; resolves when this one has. */
function saveNow(options: SaveOptions = {}): Promise<void> {
  const next = queue.then(() => saveOnce(options))
  queue = next.catch(() => {})
  return next
}

/** Saves the draft shortly after each edit, again after signing back in or back online, and after a failure that may pass. */
export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = useEditor.subscribe((state, previous) => {
      if (state.document === previous.document) return
      const { state: saveState } = useSaveState.getState()
      // Back to what the server holds: a save in flight still ends with a save of this one (see saveOnce).
      if (state.document === state.savedDocument) {
        // Undone back to it (not a draft loaded, which brings a kept copy back on top): the kept copy is no longer news.
        if (state.journeyId && state.savedDocument === previous.savedDocument) forgetPendingDraft(state.journeyId)
        if (saveState === 'unsaved' || saveState === 'failed') useSaveState.setState({ state: 'saved', error: undefined })
        if (saveState !== 'saving') return
      } else if (saveState !== 'conflict' && saveState !== 'deleted' && saveState !== 'saving' && saveState !== 'signed-out') useSaveState.setState({ state: 'unsaved' })
      clearTimeout(timer)
      timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
    })
    const unsubscribeSession = useSession.subscribe((session, previous) => {
      if (previous.status !== 'expired' || session.status !== 'signed-in') return
      if (session.user?.userId === previous.user?.userId) return void saveNow()
      // Someone else signed in on this browser: the edit kept stays the first person's (for when they are back), not theirs to save.
      const { savedDocument, load } = useEditor.getState()
      if (savedDocument) load(savedDocument)
      useSaveState.setState({ state: 'saved', error: undefined })
    })
    const onOnline = () => {
      if (useSaveState.getState().state === 'failed') void saveNow()
    }
    window.addEventListener('online', onOnline)
    return () => {
      clearTimeout(timer)
      cancelRetry()
      unsubscribe()
      unsubscribeSession()
      window.removeEventListener('online', onOnline)
      // Leaving the editor: the edit is kept in the browser in case this last save does not get there.
      keepUnsavedInBrowser()
      void saveNow()
    }
  }, [])
}

export { saveNow }
