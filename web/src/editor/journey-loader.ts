import { api, type JourneyRecord } from '../app/api'
import { savesSettled } from './draft-save'
import { keepUnsavedInBrowser, pageStillOpen } from './editor-session'
import { pendingDraft } from './pending-draft'
import { useSaveState } from './save-state'
import { useEditor } from './store'

type Found = { document: JourneyRecord['journey']['draft'] }

/**
 * Opens the draft of a journey in the editor. An edit the server did not take before (signed out,
 * then reloaded, or left while its save was on its way) comes back on top of it as one undo step, based
 * on the revision it was made on. A draft that answers after its page was left changes nothing on screen.
 */
export async function openDraft(journeyId: string): Promise<JourneyRecord> {
  const stillOpen = pageStillOpen(journeyId)
  // A save of this journey from a page left a moment ago answers first: the draft read then holds it, and what was kept in the browser is up to date.
  await savesSettled(journeyId)
  const record = await api<JourneyRecord>('GET', `/journeys/${encodeURIComponent(journeyId)}`)
  if (!stillOpen()) return record
  useSaveState.setState({ state: 'saved', error: undefined, revision: record.journey.draftRevision, conflict: undefined })
  useEditor.getState().load(record.journey.draft, { archived: record.journey.status === 'archived' })
  const pending = pendingDraft(journeyId)
  if (pending) {
    useSaveState.setState({ revision: pending.revision ?? record.journey.draftRevision })
    useEditor.getState().restoreKept(pending.document)
  }
  return record
}

/** Reads the draft again once the server changed it (a roll-out): an edit it does not have yet comes back on top, as one undo step. */
export async function reloadDraft(journeyId: string): Promise<JourneyRecord> {
  keepUnsavedInBrowser()
  return openDraft(journeyId)
}

/**
 * Opens a published version, read-only, over the draft: the draft stays in the page as it is (its saves,
 * undo and the questions before leaving go on) and is drawn again with "Back to the draft".
 */
export async function openVersion(journeyId: string, version: number): Promise<void> {
  const stillOpen = pageStillOpen(journeyId)
  const found = await api<Found>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions/${version}`)
  if (stillOpen()) useEditor.getState().showVersion({ version, document: found.document })
}
