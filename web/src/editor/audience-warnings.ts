import { isAudienceZoneProblem, type Problem } from '@recall/shared'
import { useEffect } from 'react'
import { create } from 'zustand'
import { api } from '../app/api'
import { useSaveState } from './save-state'

/**
 * Quiet time after the last save before the server is asked again. Saves follow typing by 600 ms;
 * each ask counts the workspace's contacts by zone (one grouped query), so a burst of edits is one ask.
 */
export const AUDIENCE_CHECK_DELAY_MS = 1_500

export const NO_WARNINGS: readonly Problem[] = []

interface AudienceWarnings {
  /** The journey the warnings are about: another journey's are never shown. */
  journeyId: string | undefined
  /**
   * Where the saved draft's sends would be held in its contacts' zones, as the server's validate (or a
   * publish) last said; the editor finds every other problem itself from the document on screen.
   */
  problems: readonly Problem[]
  /** The draft revision last asked about, so the publish dialog asks only when there is a newer one. */
  checkedRevision: number | undefined
  checking: boolean
}

export const useAudienceWarnings = create<AudienceWarnings>(() => ({ journeyId: undefined, problems: NO_WARNINGS, checkedRevision: undefined, checking: false }))

/** Answers can overtake each other: only the latest question's is kept. */
let asked = 0

const zoneWarnings = (problems: readonly Problem[] | undefined) => {
  const kept = (problems ?? []).filter(isAudienceZoneProblem)
  return kept.length > 0 ? kept : NO_WARNINGS
}

/** Asks the server where the saved draft's sends would be held in its contacts' zones. A failure keeps the last answer: publishing checks again. */
export async function checkAudience(journeyId: string): Promise<void> {
  const { state, revision } = useSaveState.getState()
  // The server checks the draft it holds: not the one on screen while an edit waits to be saved (its save asks again) or cannot be (a conflict).
  if (state !== 'saved') return
  const question = ++asked
  useAudienceWarnings.setState({ checking: true })
  try {
    const { problems } = await api<{ problems?: Problem[] }>('POST', `/journeys/${encodeURIComponent(journeyId)}/validate`)
    if (question === asked) useAudienceWarnings.setState({ journeyId, problems: zoneWarnings(problems), checkedRevision: revision, checking: false })
  } catch {
    if (question === asked) useAudienceWarnings.setState({ checking: false })
  }
}

/** The publish dialog's ask: at once, unless the draft on the server was already checked. */
export function checkAudienceUnlessChecked(journeyId: string): Promise<void> {
  const { journeyId: checked, checkedRevision } = useAudienceWarnings.getState()
  if (checked === journeyId && checkedRevision !== undefined && checkedRevision === useSaveState.getState().revision) return Promise.resolve()
  return checkAudience(journeyId)
}

/** A publish's answer names the warnings of the version it made from the draft: newer than any ask on its way. */
export function takeAudienceWarnings(journeyId: string, problems: readonly Problem[] | undefined): void {
  asked++
  useAudienceWarnings.setState({ journeyId, problems: zoneWarnings(problems), checkedRevision: useSaveState.getState().revision, checking: false })
}

/** Checks the journey's draft when the editor opens it and each time its saves pause, never per keystroke. */
export function useAudienceCheck(journeyId: string): void {
  useEffect(() => {
    asked++
    useAudienceWarnings.setState({ journeyId, problems: NO_WARNINGS, checkedRevision: undefined, checking: false })
    let timer: ReturnType<typeof setTimeout> | undefined
    const checkSoon = () => {
      clearTimeout(timer)
      timer = setTimeout(() => void checkAudience(journeyId), AUDIENCE_CHECK_DELAY_MS)
    }
    checkSoon()
    const unsubscribe = useSaveState.subscribe((state, previous) => {
      if (state.revision !== undefined && state.revision !== previous.revision) checkSoon()
    })
    return () => {
      clearTimeout(timer)
      unsubscribe()
      // An answer for a page left is not shown on the next one.
      asked++
    }
  }, [journeyId])
}
