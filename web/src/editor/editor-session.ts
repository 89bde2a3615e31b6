import type { JourneyDocument } from '@recall/shared'
import { keepPendingDraft } from './pending-draft'
import { type SaveState, useSaveState } from './save-state'
import { savesLocked, useEditor } from './store'

/**
 * One journey open in the editor page, from the page's opening to its leaving. The store and the save
 * state are one for the whole app: the next journey's page takes them over the moment it opens. So a
 * save or a load that answers after its page was left must not read or write them; it finishes from
 * what its own page held when it was left.
 */
export interface EditorSession {
  readonly journeyId: string
  /** What the page held when it was left; undefined while it is open. */
  left: DraftAtHand | undefined
}

/** The draft as a page holds it: what is on screen, what the server has, the revision to name next, how saving stands. */
export interface DraftAtHand {
  document: JourneyDocument | undefined
  savedDocument: JourneyDocument | undefined
  revision: number | undefined
  state: SaveState
  /** The server takes no draft from it (archived, a viewer). */
  locked: boolean
}

const NOTHING_HELD: DraftAtHand = { document: undefined, savedDocument: undefined, revision: undefined, state: 'saved', locked: true }

/** The editor page open now. */
let open: EditorSession | undefined
/** With no page open (a dialog or the store driven on its own), the journey the store holds, reused while it holds it. */
let detached: EditorSession | undefined

export function openSession(journeyId: string): EditorSession {
  open = { journeyId, left: undefined }
  return open
}

/** The page leaves its journey: what it holds is kept with the session, for its saves still to come. */
export function leaveSession(session: EditorSession): DraftAtHand {
  const left = { ...draftAtHand(session) }
  session.left = left
  if (open === session) open = undefined
  return left
}

/** The open page's session; with none, the store's own journey's. */
export function pageSession(): EditorSession | undefined {
  if (open) return open
  const { journeyId } = useEditor.getState()
  if (journeyId === undefined) return undefined
  if (detached?.journeyId !== journeyId) detached = { journeyId, left: undefined }
  return detached
}

/** Whether the store and the save state are still this session's: not left, no other page opened since, its journey loaded. */
export function holdsStore(session: EditorSession): boolean {
  return session.left === undefined && (open ?? session) === session && useEditor.getState().journeyId === session.journeyId
}

/**
 * Asked before a request that loads into the page: answers whether the same page is still open on
 * this journey when the answer comes (a page left since must not have another journey's page changed).
 */
export function pageStillOpen(journeyId: string): () => boolean {
  const asking = open
  return () => open === asking && (asking === undefined || asking.journeyId === journeyId)
}

/** The session's draft: from the store while its page holds it, else as its page left it. */
export function draftAtHand(session: EditorSession): DraftAtHand {
  if (session.left) return session.left
  if (!holdsStore(session)) return NOTHING_HELD
  const editor = useEditor.getState()
  const { revision, state } = useSaveState.getState()
  return { document: editor.document, savedDocument: editor.savedDocument, revision, state, locked: savesLocked(editor) }
}

/**
 * Keeps an edit the server does not have yet in this browser (as a signed-out edit is kept), so it
 * comes back on top of the draft when the journey opens again; the save that stores it forgets it.
 */
export function keepInBrowser(journeyId: string, draft: DraftAtHand): void {
  if (!draft.document || draft.document === draft.savedDocument || draft.locked || draft.state === 'deleted') return
  keepPendingDraft(journeyId, { document: draft.document, revision: draft.revision })
}

/** Keeps the open page's edit not saved yet in the browser: before the tab closes or the draft is reloaded. */
export function keepUnsavedInBrowser(): void {
  const session = pageSession()
  if (session) keepInBrowser(session.journeyId, draftAtHand(session))
}
