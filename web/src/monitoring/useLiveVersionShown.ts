import type { JourneyDocument } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText } from '../app/api'
import { useEditor } from '../editor/store'

/**
 * While the Live view is open, draws the version contacts run on (whose counts it shows) instead of
 * the draft: fetched when the view opens and again when another version goes live. The draft is left
 * as it is and drawn again when the view closes. Answers why the version could not be fetched, if so.
 */
export function useLiveVersionShown(journeyId: string, liveVersion: number | null, watching: boolean): string | undefined {
  const [failure, setFailure] = useState<string | undefined>()
  useEffect(() => {
    setFailure(undefined)
    if (!watching || liveVersion === null) return
    let current = true
    api<{ document: JourneyDocument }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions/${liveVersion}`)
      .then((found) => {
        // A selection made on the draft may name nodes the live version lacks.
        if (current) useEditor.setState({ liveShown: { version: liveVersion, document: found.document }, selectedNodeIds: [], selectedEdgeIds: [] })
      })
      .catch((cause) => {
        if (current) setFailure(failureText(cause))
      })
    return () => {
      current = false
      useEditor.setState({ liveShown: undefined, selectedNodeIds: [], selectedEdgeIds: [] })
    }
  }, [journeyId, liveVersion, watching])
  return failure
}
