import type { LiveSnapshot } from '@recall/shared'
import { create } from 'zustand'

interface LiveState {
  snapshot: LiveSnapshot | undefined
  journeyId: string | undefined
}

export const useLive = create<LiveState>(() => ({ snapshot: undefined, journeyId: undefined }))

let source: EventSource | undefined

/** Follows a running journey: the server pushes its counts whenever they change. */
export function startLive(journeyId: string, lastHours?: number): void {
  stopLive()
  const query = lastHours ? `?lastHours=${lastHours}` : ''
  source = new EventSource(`/api/journeys/${encodeURIComponent(journeyId)}/live${query}`)
  useLive.setState({ journeyId })
  source.onmessage = (event) => useLive.setState({ snapshot: JSON.parse(event.data) as LiveSnapshot })
}

export function stopLive(): void {
  source?.close()
  source = undefined
  useLive.setState({ snapshot: undefined, journeyId: undefined })
}
