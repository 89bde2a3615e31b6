import type { ContactPreview, JourneyDocument, MessagePreview } from '@recall/shared'
import { api } from '../app/api'

/** What the server answers for a test send: the stored message (marked test) and what it rendered. */
export interface TestSendResult {
  message: { id: number; status: string; phone: string; text: string; error: string | null; test: boolean }
  preview: MessagePreview
}

const journeyPath = (journeyId: string) => `/journeys/${encodeURIComponent(journeyId)}`

/** The editor's document as it stands, rendered by the server's sender for a contact (or the sample). */
export function fetchPreview(journeyId: string, document: JourneyDocument, contactId: string | undefined): Promise<ContactPreview> {
  return api('POST', `${journeyPath(journeyId)}/preview`, { document, ...(contactId ? { contactId } : {}) })
}

export function sendTestMessage(journeyId: string, input: { document: JourneyDocument; nodeId: string; phone: string; contactId: string | undefined }): Promise<TestSendResult> {
  const { contactId, ...rest } = input
  return api('POST', `${journeyPath(journeyId)}/test-sends`, { ...rest, ...(contactId ? { contactId } : {}) })
}
