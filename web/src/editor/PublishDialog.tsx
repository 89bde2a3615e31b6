import { localize } from '@recall/shared'
import { useState } from 'react'
import { api, failureText, type PublishResult } from '../app/api'
import { Dialog } from '../app/Dialog'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { saveNow } from './useAutosave'

/** Publish with a note; the draft is saved first so what is published is what is on screen. */
export function PublishDialog({ journeyId, onClose, onPublished }: { journeyId: string; onClose(): void; onPublished(result: PublishResult): void }) {
  const locale = useLocale()
  const t = (text: { en: string; zh: string }) => localize(text, locale)
  const [note, setNote] = useState('')
  const [migrate, setMigrate] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  async function publish() {
    setBusy(true)
    setError(undefined)
    try {
      await saveNow()
      onPublished(await api<PublishResult>('POST', `/journeys/${encodeURIComponent(journeyId)}/publish`, { note, migrate }))
    } catch (cause) {
      setError(failureText(cause))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog
      title={t(TEXT.publish)}
      error={error}
      cancel={{ label: t(TEXT.cancel), onClick: onClose }}
      confirm={{ label: t(TEXT.publish), onClick: () => void publish(), disabled: busy }}
    >
      <label>
        {t(TEXT.publishNote)}
        <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={migrate} onChange={(event) => setMigrate(event.target.checked)} />
        {t(TEXT.migrate)}
      </label>
    </Dialog>
  )
}
