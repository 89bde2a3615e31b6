import type { JourneyHead } from '@recall/shared'
import { useEffect } from 'react'
import { create } from 'zustand'
import { api } from '../app/api'
import { useSaveState } from './save-state'

/** How often an open editor asks where the draft and the live version stand (a few small rows, no documents). */
const WATCH_EVERY_MS = 5_000

interface ServerHeadState {
  journeyId: string | undefined
  /** The server's answer last heard: the draft revision and live version a colleague may have moved. */
  head: JourneyHead | undefined
  /**
   * Publishes, approvals and roll-outs made from this page and not finished yet (the page has not taken
   * their answer): the server's word on the draft and live version meanwhile is this page's own doing.
   */
  ownChanges: number
  /** Versions published from this page: never a colleague's news, whenever the server's word on them comes. */
  ownVersions: readonly number[]
}

const NOTHING_HEARD = { head: undefined, ownChanges: 0, ownVersions: [] }

export const useServerHead = create<ServerHeadState>(() => ({ journeyId: undefined, ...NOTHING_HEARD }))

/**
 * Runs a publish, an approval or a roll-out made from this page, with what the page does with its answer:
 * until it is done, a newer draft or live version on the server is not said to be a colleague's, and the
 * version it published never is.
 */
export async function asOwnChange<Result extends { version: number }>(journeyId: string, change: () => Promise<Result>): Promise<Result> {
  // A page opened on another journey since (its watch started afresh) has nothing of this one to count.
  const onThisJourney = () => useServerHead.getState().journeyId === journeyId
  if (onThisJourney()) useServerHead.setState((state) => ({ ownChanges: state.ownChanges + 1 }))
  try {
    const result = await change()
    if (onThisJourney()) useServerHead.setState((state) => ({ ownVersions: [...state.ownVersions, result.version] }))
    return result
  } finally {
    if (onThisJourney()) useServerHead.setState((state) => ({ ownChanges: Math.max(0, state.ownChanges - 1) }))
  }
}

/** Asks once now (a presence message said someone saved, say); an answer for a journey no longer open is dropped. */
export async function checkServerHead(journeyId: string): Promise<void> {
  try {
    const head = await api<JourneyHead>('GET', `/journeys/${encodeURIComponent(journeyId)}/head`)
    if (useServerHead.getState().journeyId === journeyId) useServerHead.setState({ head })
  } catch {
    // A missed look is taken again at the next one; saves report their own failures.
  }
}

/** Follows the journey's draft revision and live version on the server while its editor is open and the tab is seen. */
export function useServerHeadWatch(journeyId: string): void {
  useEffect(() => {
    useServerHead.setState({ journeyId, ...NOTHING_HEARD })
    const timer = setInterval(() => {
      if (!document.hidden) void checkServerHead(journeyId)
    }, WATCH_EVERY_MS)
    return () => {
      clearInterval(timer)
      useServerHead.setState({ journeyId: undefined, ...NOTHING_HEARD })
    }
  }, [journeyId])
}

/**
 * The server's word on the draft when it is newer than the revision this page's draft is based on, by
 * someone else: not while a publish, approval or roll-out of this page is under way (the newer draft may be its doing).
 */
export function useNewerDraftOnServer(): JourneyHead | undefined {
  const head = useServerHead((state) => (state.ownChanges > 0 ? undefined : state.head))
  const revision = useSaveState((state) => state.revision)
  return head && revision !== undefined && head.draftRevision > revision ? head : undefined
}
