import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { useLocale } from '../app/locale'
import { useEditor } from './store'
import { useSaveState } from './useAutosave'

interface PresenceMessage {
  editors: { id: string; name: string }[]
  you: string
  revision: number | undefined
  savedBy: string | undefined
  ended?: 'archived' | 'deleted'
}

const TEXT = {
  alsoHere: { en: 'Also editing:', zh: '同时在编辑:' },
  newer: { en: '{name} saved a newer draft; your next save will ask what to keep', zh: '{name} 保存了更新的草稿;下次保存时会询问保留哪一份' },
} satisfies Record<string, LocalizedText>

/** Who else has this journey open, and a warning as soon as one of them saves, over server-sent events. */
export function Presence({ journeyId }: { journeyId: string }) {
  const locale = useLocale()
  const [message, setMessage] = useState<PresenceMessage | undefined>()
  const { revision, state } = useSaveState()
  useEffect(() => {
    const source = new EventSource(`/api/journeys/${encodeURIComponent(journeyId)}/presence`)
    source.onmessage = (event) => {
      const heard = JSON.parse(event.data) as PresenceMessage
      setMessage(heard)
      // Archived or deleted in another tab or by a colleague: say so now, not at the next save.
      if (heard.ended === 'archived') useEditor.setState({ archived: true })
      if (heard.ended === 'deleted') useSaveState.setState({ state: 'deleted', error: undefined })
    }
    return () => source.close()
  }, [journeyId])
  if (!message) return null
  const others = message.editors.filter((editor) => editor.id !== message.you)
  // Our own save is announced before its answer arrives: only a revision newer than ours once we are not saving counts.
  const newer = state !== 'saving' && message.revision !== undefined && revision !== undefined && message.revision > revision
  return (
    <>
      {others.length > 0 && (
        <span className="presence" data-testid="presence">
          {localize(TEXT.alsoHere, locale)} {others.map((editor) => editor.name).join(', ')}
        </span>
      )}
      {newer && (
        <span className="presence presence--newer" role="status">
          {localize(TEXT.newer, locale).replace('{name}', message.savedBy ?? '?')}
        </span>
      )}
    </>
  )
}
