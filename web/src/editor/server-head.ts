import type { JourneyHead } from '@recall/shared'
import { useEffect } from 'react'
import { create } from 'zustand'
import { api } from '../app/api'

/** How often an open editor asks where the draft and the live version stand (a few small rows, no documents). */
const WATCH_EVERY_MS = 5_000

interface ServerHeadState {
  journeyId: string | undefined
  /** The server's answer last heard: the draft revision and live version a colleague may have moved. */
  head: JourneyHead | undefined
}

export const useServerHead = create<ServerHeadState>(() => ({ journeyId: undefined, head: undefined }))

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
    useServerHead.setState({ journeyId, head: undefined })
    const timer = setInterval(() => {
      if (!document.hidden) void checkServerHead(journeyId)
    }, WATCH_EVERY_MS)
    return () => {
      clearInterval(timer)
      useServerHead.setState({ journeyId: undefined, head: undefined })
    }
  }, [journeyId])
}
