import type { JourneyDocument } from '@recall/shared'
import { useSession } from '../app/session'

/** A draft the server would not take yet (signed out), with the revision it was based on. */
export interface PendingDraft {
  document: JourneyDocument
  revision: number | undefined
}

/** Kept per person as well as per journey: someone else signing in on this browser must not find (and save) it. */
function keyOf(journeyId: string): string | undefined {
  const userId = useSession.getState().user?.userId
  return userId === undefined ? undefined : `recall.pending-draft.${encodeURIComponent(userId)}.${journeyId}`
}

/** Kept in the browser, so a reload or a new sign-in does not lose the edit. */
export function keepPendingDraft(journeyId: string, pending: PendingDraft): void {
  const key = keyOf(journeyId)
  if (!key) return
  try {
    localStorage.setItem(key, JSON.stringify(pending))
  } catch {
    // A full or disabled storage leaves the draft in memory only; the page still holds it.
  }
}

export function pendingDraft(journeyId: string): PendingDraft | undefined {
  const key = keyOf(journeyId)
  const stored = key && localStorage.getItem(key)
  if (!stored) return undefined
  try {
    return JSON.parse(stored) as PendingDraft
  } catch {
    return undefined
  }
}

export function forgetPendingDraft(journeyId: string): void {
  const key = keyOf(journeyId)
  if (key) localStorage.removeItem(key)
}
