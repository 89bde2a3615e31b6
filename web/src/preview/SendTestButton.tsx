import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { useLocale } from '../app/locale'
import { useSession, viewsOnly } from '../app/session'
import { useEditor } from '../editor/store'
import { SendTestDialog } from './SendTestDialog'
import { PREVIEW_TEXT } from './texts'

/** Node kinds a person can send as a test from the inspector. */
const TESTABLE = new Set(['send_sms', 'send_mms', 'reminder_before_expiry'])

/** "Send test" under a message node's form. */
export function SendTestButton({ nodeId, nodeType }: { nodeId: string; nodeType: string }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const journeyId = useEditor((state) => state.document?.id)
  const [open, setOpen] = useState(false)
  // A test send needs the right to change journeys, which a viewer lacks.
  const viewOnly = useSession(viewsOnly)
  if (!journeyId || !TESTABLE.has(nodeType) || viewOnly) return null
  return (
    <div className="send-test">
      <button type="button" onClick={() => setOpen(true)}>
        {t(PREVIEW_TEXT.sendTest)}
      </button>
      {open && <SendTestDialog journeyId={journeyId} nodeId={nodeId} onClose={() => setOpen(false)} />}
    </div>
  )
}
