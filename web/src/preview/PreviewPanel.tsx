import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { useLocale } from '../app/locale'
import { useSession, viewsOnly } from '../app/session'
import { liveVersionDrawn, useEditor, versionDrawn } from '../editor/store'
import { ContactPicker } from './ContactPicker'
import { MessagePreviewCard } from './MessagePreviewCard'
import { SendTestDialog } from './SendTestDialog'
import { PREVIEW_TEXT } from './texts'
import { usePreview } from './usePreview'

/** Every message node in the order a contact meets them, as the chosen contact gets it; each can be sent as a test. */
export function PreviewPanel({ journeyId }: { journeyId: string }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const { preview, error } = usePreview(journeyId)
  const [testing, setTesting] = useState<string | undefined>()
  const selected = useEditor((state) => state.selectedNodeIds)
  const viewOnly = useSession(viewsOnly)
  const liveVersion = useEditor(liveVersionDrawn)
  const version = useEditor(versionDrawn)
  // Which version the messages are of: the Live view's and a version opened are not the draft being edited.
  const of = liveVersion !== undefined ? PREVIEW_TEXT.ofLive : version !== undefined ? PREVIEW_TEXT.ofVersion : PREVIEW_TEXT.ofDraft
  return (
    <section className="preview-panel" aria-label={t(PREVIEW_TEXT.preview)}>
      <h2>{t(PREVIEW_TEXT.preview)}</h2>
      <p className="hint" data-testid="preview-of">
        {t(of).replace('{version}', String(version))}
      </p>
      <ContactPicker />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!preview && !error && <p className="hint">{t(PREVIEW_TEXT.loading)}</p>}
      {preview && preview.messages.length === 0 && preview.incomplete.length === 0 && <p className="hint">{t(PREVIEW_TEXT.noMessages)}</p>}
      <div className="preview-panel__messages">
        {preview?.messages.map((message) => (
          <MessagePreviewCard
            key={message.nodeId}
            message={message}
            selected={selected.includes(message.nodeId)}
            onSelect={() => useEditor.getState().select([message.nodeId])}
            onSendTest={viewOnly ? undefined : () => setTesting(message.nodeId)}
          />
        ))}
      </div>
      {preview && preview.incomplete.length > 0 && (
        <p className="warning">
          {t(PREVIEW_TEXT.incomplete)}: {preview.incomplete.join(', ')}
        </p>
      )}
      {testing && <SendTestDialog journeyId={journeyId} nodeId={testing} onClose={() => setTesting(undefined)} />}
    </section>
  )
}
