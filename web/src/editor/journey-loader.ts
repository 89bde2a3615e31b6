import { api, type JourneyRecord } from '../app/api'
import { useEditor } from './store'

/** Opens the draft of a journey in the editor. */
export async function openDraft(journeyId: string): Promise<JourneyRecord> {
  const record = await api<JourneyRecord>('GET', `/journeys/${encodeURIComponent(journeyId)}`)
  useEditor.getState().load(record.journey.draft)
  return record
}

/** Opens a published version, read-only. */
export async function openVersion(journeyId: string, version: number): Promise<void> {
  const found = await api<{ document: JourneyRecord['journey']['draft'] }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions/${version}`)
  useEditor.getState().load(found.document, { readOnlyVersion: version })
}
