import type { JourneyDocument } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../app/api'

/** A published version never changes: each is fetched once per page load, however often it is asked for. */
const fetched = new Map<string, Promise<JourneyDocument>>()

function versionDocument(journeyId: string, version: number): Promise<JourneyDocument> {
  const key = `${journeyId}@${version}`
  let found = fetched.get(key)
  if (!found) {
    found = api<{ document: JourneyDocument }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions/${version}`).then((answer) => answer.document)
    // A failed fetch is asked again next time rather than remembered.
    found.catch(() => fetched.delete(key))
    fetched.set(key, found)
  }
  return found
}

/** The document of a published version, once fetched; undefined until then (or if it cannot be). */
export function useVersionDocument(journeyId: string, version: number): JourneyDocument | undefined {
  const key = `${journeyId}@${version}`
  const [found, setFound] = useState<{ key: string; document: JourneyDocument } | undefined>()
  useEffect(() => {
    let current = true
    // Without the document the nodes are named by id: still exact, only less friendly, so no error is shown.
    versionDocument(journeyId, version).then(
      (document) => current && setFound({ key: `${journeyId}@${version}`, document }),
      () => {},
    )
    return () => {
      current = false
    }
  }, [journeyId, version])
  return found?.key === key ? found.document : undefined
}
