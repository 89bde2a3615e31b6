import type { JourneyDocument } from '@recall/shared'
import { ApiFailure, failureText, type JourneyRecord, send } from '../app/api'
import { type DraftAtHand, draftAtHand, type EditorSession, holdsStore, keepInBrowser, leaveSession, pageSession } from './editor-session'
import { forgetPendingDraft, keepPendingDraft } from './pending-draft'
import { type SaveState, useSaveState } from './save-state'
import { useEditor } from './store'

/** A failed save is tried again after 2, 4, 8 … seconds, at most a minute apart (and at once when the browser is back online). */
const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 60_000

/**
 * How a save goes: `overwrite` replaces a newer draft saved elsewhere; `resend` sends what is on screen even
 * when it is what this page last saved (keeping mine over a colleague's newer draft: the server answers 412, and the person chooses).
 */
export interface SaveOptions {
  overwrite?: boolean
  resend?: boolean
}

/** What one save sends, fixed when it starts: its answer is about this journey, this document and this revision, whatever is on screen by then. */
interface DraftSent {
  journeyId: string
  document: JourneyDocument
  revision: number | undefined
}

interface Retry {
  timer: ReturnType<typeof setTimeout> | undefined
  delay: number
}

/** Retries belong to the page that failed: leaving it ends them. */
const retries = new WeakMap<EditorSession, Retry>()

export function cancelRetry(session: EditorSession): void {
  clearTimeout(retries.get(session)?.timer)
  retries.delete(session)
}

function retryLater(session: EditorSession): void {
  const delay = retries.get(session)?.delay ?? RETRY_FIRST_MS
  clearTimeout(retries.get(session)?.timer)
  retries.set(session, { timer: setTimeout(() => void saveDraft(session), delay), delay: Math.min(delay * 2, RETRY_MAX_MS) })
}

/** Only what may pass by itself is tried again: no network, a server error, a rate limit. */
const passes = (cause: unknown) => cause instanceof ApiFailure && (cause.status === 0 || cause.status === 429 || cause.status >= 500)

/**
 * Each journey's saves in turn: the one running and those waiting behind it. Saves of one journey never
 * overlap, so each names the revision the one before it made; another journey's never wait for them.
 */
const queues = new Map<string, Promise<void>>()

/** Saves the session's draft once every save of its journey before it has answered; resolves when this one has. */
export function saveDraft(session: EditorSession, options: SaveOptions = {}): Promise<void> {
  const { journeyId } = session
  const next = (queues.get(journeyId) ?? Promise.resolve()).then(() => saveOnce(session, options))
  const settled = next.catch(() => {})
  queues.set(journeyId, settled)
  void settled.then(() => {
    if (queues.get(journeyId) === settled) queues.delete(journeyId)
  })
  return next
}

/** Resolves once the saves of this journey under way now have answered (those of a page left a moment ago, say). */
export const savesSettled = (journeyId: string): Promise<void> => queues.get(journeyId) ?? Promise.resolve()

/** Saves the open page's draft (see saveDraft). */
export function saveNow(options: SaveOptions = {}): Promise<void> {
  const session = pageSession()
  return session ? saveDraft(session, options) : Promise.resolve()
}

/**
 * The page leaves its journey: retries end, and the edit the server does not have yet is kept in the
 * browser, then sent once more from what the page held, to that journey; the next page never sees its answer.
 */
export function leaveJourney(session: EditorSession): void {
  cancelRetry(session)
  keepInBrowser(session.journeyId, leaveSession(session))
  void saveDraft(session)
}

/** A conflict waits for the person's choice (reload theirs, or overwrite); a left page's signed-out edit waits in the browser for them. */
function waitsForPerson(session: EditorSession, draft: DraftAtHand, options: SaveOptions): boolean {
  if (draft.state === 'conflict') return !options.overwrite
  return session.left !== undefined && draft.state === 'signed-out'
}

/** Saves the draft against the revision it was based on. */
async function saveOnce(session: EditorSession, options: SaveOptions): Promise<void> {
  const draft = draftAtHand(session)
  if (!draft.document || draft.locked || draft.state === 'deleted' || waitsForPerson(session, draft, options)) return
  const onPage = holdsStore(session)
  if (draft.document === draft.savedDocument && !options.overwrite && !options.resend) {
    // Back to what the server holds (undone before the save): nothing to send.
    if (onPage && draft.state !== 'saved') useSaveState.setState({ state: 'saved', error: undefined })
    return
  }
  const sent: DraftSent = { journeyId: session.journeyId, document: draft.document, revision: draft.revision }
  if (onPage) useSaveState.setState({ state: 'saving' })
  const ifMatch = options.overwrite ? '*' : sent.revision !== undefined ? `"${sent.revision}"` : undefined
  try {
    const answer = await send<JourneyRecord>('PUT', `/journeys/${encodeURIComponent(sent.journeyId)}/draft`, { json: sent.document }, ifMatch ? { 'if-match': ifMatch } : {})
    if (session.left) savedAfterLeaving(session.journeyId, session.left, sent, answer.journey.draftRevision)
    else if (holdsStore(session)) savedOnPage(session, sent, answer.journey.draftRevision)
  } catch (cause) {
    if (session.left) refusedAfterLeaving(session.left, cause)
    else if (holdsStore(session)) refusedOnPage(session, sent, cause)
  }
}

function savedOnPage(session: EditorSession, sent: DraftSent, revision: number): void {
  cancelRetry(session)
  useEditor.getState().markSaved(sent.document)
  const current = useEditor.getState().document
  // A copy kept in the browser is forgotten once the server has what is on screen, not an older state of it.
  if (current === sent.document) forgetPendingDraft(sent.journeyId)
  useSaveState.setState({ state: current === sent.document ? 'saved' : 'unsaved', error: undefined, revision, conflict: undefined })
  // Edited (or undone) while this save was on its way: the server gets what is on screen now, on the new revision.
  if (current !== sent.document) void saveDraft(session)
}

function refusedOnPage(session: EditorSession, sent: DraftSent, cause: unknown): void {
  if (cause instanceof ApiFailure && cause.status === 401) {
    keepPendingDraft(sent.journeyId, { document: sent.document, revision: sent.revision })
    useSaveState.setState({ state: 'signed-out' })
  } else if (cause instanceof ApiFailure && cause.status === 412) {
    useSaveState.setState({ state: 'conflict', conflict: { message: cause.message, problems: cause.problems } })
  } else if (isArchived(cause)) {
    // Archived elsewhere while open: the editor turns read-only and says so; the edit stays on screen.
    useEditor.setState({ archived: true })
    useSaveState.setState({ state: 'failed', error: failureText(cause) })
  } else if (cause instanceof ApiFailure && cause.status === 404) {
    useSaveState.setState({ state: 'deleted', error: failureText(cause) })
  } else {
    useSaveState.setState({ state: 'failed', error: failureText(cause) })
    if (passes(cause)) retryLater(session)
  }
}

/** The page was left while this save was on its way (or waiting): only its own draft learns the answer. */
function savedAfterLeaving(journeyId: string, left: DraftAtHand, sent: DraftSent, revision: number): void {
  left.savedDocument = sent.document
  left.revision = revision
  // What was kept in the browser now names the revision the server has, so it comes back without a conflict with itself.
  if (left.document === sent.document) forgetPendingDraft(journeyId)
  else keepInBrowser(journeyId, left)
}

/**
 * Nothing is tried again for a page left: its edit stays in the browser as kept when the page was left
 * (or as the last save that got there re-kept it), and comes back when the journey opens again.
 */
function refusedAfterLeaving(left: DraftAtHand, cause: unknown): void {
  left.state = refusedState(cause)
  left.locked ||= isArchived(cause)
}

const isArchived = (cause: unknown) => cause instanceof ApiFailure && cause.code === 'journey_archived'

function refusedState(cause: unknown): SaveState {
  if (!(cause instanceof ApiFailure)) return 'failed'
  if (cause.status === 401) return 'signed-out'
  if (cause.status === 412) return 'conflict'
  if (cause.status === 404 && !isArchived(cause)) return 'deleted'
  return 'failed'
}
