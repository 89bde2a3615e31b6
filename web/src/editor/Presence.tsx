import { type LocalizedText, localize, storedActorText } from '@recall/shared'
import { useEffect, useState } from 'react'
import { useLocale } from '../app/locale'
import { useSaveState } from './save-state'
import { checkServerHead } from './server-head'
import { useEditor } from './store'

interface PresenceMessage {
  /** `viewing`: may not change the journey (a viewer), so shown as looking rather than editing. */
  editors: { id: string; name: string; viewing?: boolean }[]
  you: string
  revision: number | undefined
  savedBy: string | undefined
  ended?: 'archived' | 'deleted'
}

const TEXT = {
  alsoHere: { en: 'Also editing:', zh: '同时在编辑:' },
  viewing: { en: 'Viewing:', zh: '正在查看:' },
} satisfies Record<string, LocalizedText>

/** Who else has this journey open, over server-sent events; a save by one of them is looked up at once (ColleagueChanges says it). */
export function Presence({ journeyId }: { journeyId: string }) {
  const locale = useLocale()
  const [message, setMessage] = useState<PresenceMessage | undefined>()
  useEffect(() => {
    const source = new EventSource(`/api/journeys/${encodeURIComponent(journeyId)}/presence`)
    source.onmessage = (event) => {
      const heard = JSON.parse(event.data) as PresenceMessage
      setMessage(heard)
      // Archived or deleted in another tab or by a colleague: say so now, not at the next save.
      if (heard.ended === 'archived') useEditor.setState({ archived: true })
      if (heard.ended === 'deleted') useSaveState.setState({ state: 'deleted', error: undefined })
      // A newer revision than this page's: no need to wait for the next regular look.
      const { revision } = useSaveState.getState()
      if (heard.revision !== undefined && revision !== undefined && heard.revision > revision) void checkServerHead(journeyId)
    }
    return () => source.close()
  }, [journeyId])
  if (!message) return null
  const others = message.editors.filter((editor) => editor.id !== message.you)
  const name = (editor: PresenceMessage['editors'][number]) => localize(storedActorText(editor.name), locale)
  const editing = others.filter((editor) => !editor.viewing).map(name)
  const viewing = others.filter((editor) => editor.viewing).map(name)
  if (others.length === 0) return null
  return (
    <span className="presence" data-testid="presence">
      {[editing.length > 0 && `${localize(TEXT.alsoHere, locale)} ${editing.join(', ')}`, viewing.length > 0 && `${localize(TEXT.viewing, locale)} ${viewing.join(', ')}`]
        .filter(Boolean)
        .join(' · ')}
    </span>
  )
}
