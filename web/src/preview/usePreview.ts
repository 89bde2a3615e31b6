import type { ContactPreview } from '@recall/shared'
import { useEffect, useState } from 'react'
import { failureText } from '../app/api'
import { drawnDocument, useEditor } from '../editor/store'
import { fetchPreview } from './preview-api'
import { usePreviewContact } from './preview-store'

/** Edits come in bursts while typing: the preview follows once the typing pauses. */
const SETTLE_MS = 400

/**
 * The messages of what the canvas draws (the live version in the Live view, a version opened from the
 * list, the draft otherwise) as the chosen contact gets them, re-rendered by the server after each pause in editing.
 */
export function usePreview(journeyId: string) {
  const document = useEditor(drawnDocument)
  const contactId = usePreviewContact((state) => state.contact?.id)
  const [preview, setPreview] = useState<ContactPreview | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    if (!document) return
    let current = true
    const timer = setTimeout(() => {
      fetchPreview(journeyId, document, contactId).then(
        (answer) => {
          if (!current) return
          setPreview(answer)
          setError(undefined)
        },
        (cause) => current && setError(failureText(cause)),
      )
    }, SETTLE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [journeyId, document, contactId])
  return { preview, error }
}
