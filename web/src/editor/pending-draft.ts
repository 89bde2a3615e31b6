import type { JourneyDocument } from '@recall/shared'

/** A draft the server would not take yet (signed out), with the revision it was based on. */
export interface PendingDraft {
  document: JourneyDocument
  revision: number | undefined
}

const keyOf = (journeyId: string) => `recall.pending-draft.${journeyId}`

/** Kept in the browser, so a reload or a new sign-in does not lose the edit. */
export function keepPendingDraft(journeyId: string, pending: PendingDraft): void {
  try {
    localStorage.setItem(keyOf(journeyId), JSON.stringify(pending))
  } catch {
    // A full or disabled storage leaves the draft in memory only; the page still holds it.
  }
}

export function pendingDraft(journeyId: string): PendingDraft | undefined {
  const stored = localStorage.getItem(keyOf(journeyId))
  if (!stored) return undefined
  try {
    return JSON.parse(stored) as PendingDraft
  } catch {
    return undefined
  }
}

export function forgetPendingDraft(journeyId: string): void {
  localStorage.removeItem(keyOf(journeyId))
}
