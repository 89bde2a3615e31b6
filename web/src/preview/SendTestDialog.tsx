import { type LocalizedText, localize, MESSAGE_STATUS_LABELS, type MessageStatus } from '@recall/shared'
import { useState } from 'react'
import { ApiFailure, failureText } from '../app/api'
import { Dialog } from '../app/Dialog'
import { useLocale } from '../app/locale'
import { drawnDocument, useEditor } from '../editor/store'
import { sendTestMessage, type TestSendResult } from './preview-api'
import { usePreviewContact } from './preview-store'
import { PREVIEW_TEXT } from './texts'

/**
 * Problems the server pins on the phone field (a bad number, an opted-out one, one whose contact has
 * no consent) are shown under it; the rest (outside the sending hours, no provider) above the buttons.
 */
const PHONE_PATH = '/body/phone'

/** "Send test" for one message node: to a phone, rendered as the contact being previewed, through the category's provider. */
export function SendTestDialog({ journeyId, nodeId, onClose }: { journeyId: string; nodeId: string; onClose(): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const contact = usePreviewContact((state) => state.contact)
  const [phone, setPhone] = useState('')
  const [busy, setBusy] = useState(false)
  const [phoneError, setPhoneError] = useState<string | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [sent, setSent] = useState<TestSendResult | undefined>()

  async function send() {
    // What the preview shows: the live version in the Live view, a version opened, the draft otherwise.
    const document = drawnDocument(useEditor.getState())
    if (!document) return
    setBusy(true)
    setPhoneError(undefined)
    setError(undefined)
    // A refused try must not sit under the previous one's "Sent to …".
    setSent(undefined)
    try {
      setSent(await sendTestMessage(journeyId, { document, nodeId, phone, contactId: contact?.id }))
    } catch (cause) {
      const onPhone = cause instanceof ApiFailure ? cause.problems.find((problem) => problem.path === PHONE_PATH) : undefined
      if (onPhone) setPhoneError(onPhone.text ?? localize(onPhone.message, locale))
      else setError(failureText(cause))
    } finally {
      setBusy(false)
    }
  }

  const status = sent ? MESSAGE_STATUS_LABELS[sent.message.status as MessageStatus] : undefined
  return (
    <Dialog
      title={`${t(PREVIEW_TEXT.sendTestTitle)} · ${nodeId}`}
      error={error}
      cancel={{ label: t(PREVIEW_TEXT.close), onClick: onClose }}
      confirm={{ label: t(PREVIEW_TEXT.send), onClick: () => void send(), disabled: busy || phone.trim() === '' }}
    >
      <p className="hint">{t(PREVIEW_TEXT.testHint)}</p>
      <p>
        {t(PREVIEW_TEXT.as)}: <strong>{contact ? contact.label : t(PREVIEW_TEXT.sample)}</strong>
      </p>
      <label className="field">
        <span className="field__label">{t(PREVIEW_TEXT.phone)}</span>
        <input
          type="tel"
          value={phone}
          placeholder="+86 138 0013 8000"
          maxLength={40}
          aria-invalid={phoneError !== undefined}
          onChange={(event) => setPhone(event.target.value)}
          // Enter sends, as in any one-field form.
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !busy && phone.trim() !== '') void send()
          }}
        />
      </label>
      {phoneError && (
        <p className="error" role="alert" data-path={PHONE_PATH}>
          {phoneError}
        </p>
      )}
      {sent && (
        <div role="status" className="notice">
          <p>
            {t(PREVIEW_TEXT.sentTo)
              .replace('{phone}', sent.message.phone)
              .replace('{status}', status ? t(status) : sent.message.status)}
            {sent.message.error ? ` (${sent.message.error})` : ''}
          </p>
          <div className="phone__bubble">{sent.message.text}</div>
        </div>
      )}
    </Dialog>
  )
}
