import { api, type JourneyRecord } from '../app/api'
import { pendingDraft } from './pending-draft'
import { useEditor } from './store'
import { keepUnsavedInBrowser, useSaveState } from './useAutosave'

/**
 * Opens the draft of a journey in the editor. An edit the server did not take before (signed out,
 * then reloaded) comes back on top of it as one undo step, based on the revision it was made on.
 */
export async function openDraft(journeyId: string): Promise<JourneyRecord> {
  const record = await api<JourneyRecord>('GET', `/journeys/${encodeURIComponent(journeyId)}`)
  useSaveState.setState({ state: 'saved', error: undefined, revision: record.journey.draftRevision, conflict: undefined })
  useEditor.getState().load(record.journey.draft, { archived: record.journey.status === 'archived' })
  const pending = pendingDraft(journeyId)
  if (pending) {
    useSaveState.setState({ revision: pending.revision ?? record.journey.draftRevision })
    useEditor.getState().edit(pending.document)
  }
  return record
}

/** Makes a published version the draft again, as one edit on top of the current draft (undo takes it back); autosave stores it. */
export async function restoreVersion(journeyId: string, version: number): Promise<void> {
  const found = await api<{ document: JourneyRecord['journey']['draft'] }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions/${version}`)
  // An edit not saved yet comes back from the browser under the restored version, so undo reaches it.
  keepUnsavedInBrowser()
  await openDraft(journeyId)
  useEditor.getState().edit({ ...found.document, id: journeyId })
}

/** Opens a published version, read-only; an edit of the draft not saved yet is kept in the browser and comes back with the draft. */
export async function openVersion(journeyId: string, version: number): Promise<void> {
  const found = await api<{ document: JourneyRecord['journey']['draft'] }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions/${version}`)
  keepUnsavedInBrowser()
  useEditor.getState().load(found.document, { readOnlyVersion: version, archived: useEditor.getState().archived })
}
