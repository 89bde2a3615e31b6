import { localize } from '@recall/shared'
import { useState } from 'react'
import { ApiFailure, api, type PublishResult } from '../app/api'
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
      setError(cause instanceof ApiFailure ? cause.message : String(cause))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="dialog-backdrop">
      <dialog open className="dialog" aria-label={t(TEXT.publish)}>
        <h2>{t(TEXT.publish)}</h2>
        <label>
          {t(TEXT.publishNote)}
          <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={migrate} onChange={(event) => setMigrate(event.target.checked)} />
          {t(TEXT.migrate)}
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            {t(TEXT.cancel)}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void publish()}>
            {t(TEXT.publish)}
          </button>
        </div>
      </dialog>
    </div>
  )
}
