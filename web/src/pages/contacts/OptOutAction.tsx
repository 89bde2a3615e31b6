import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { api, failureText } from '../../app/api'
import { Dialog } from '../../app/Dialog'
import { useLocale } from '../../app/locale'
import { TEXT } from '../../app/texts'

const LOCAL = {
  optOut: { en: 'Opt out', zh: '退订' },
  title: { en: 'Opt out {id}?', zh: '将 {id} 退订?' },
  what: {
    en: 'The opt-out is recorded as yours and follows this person to any number: no marketing or recall message goes to them again, their number goes on the suppression list, and their marketing and recall journeys end. Only a colleague can lift it, on the Replies page after a START reply from them.',
    zh: '退订将记录为由您操作,并且此人换用任何号码都有效:不会再向其发送营销或召回短信,其号码加入退订名单,其营销和召回旅程将结束。只有在本人回复订阅后,同事才能在"回复"页面解除。',
  },
} satisfies Record<string, LocalizedText>

/**
 * "Opt out" on a contact's page, for a colleague who may change contacts: a confirmation naming the
 * contact and that it follows them to any number, then the same admin opt-out as opting a number out
 * from its reply (POST /contacts/:id/opt-out). There is no "opt back in" beside it: an admin opt-out is
 * lifted only on the Replies page, reviewing a START reply from the person.
 */
export function OptOutAction({ externalId, onOptedOut }: { externalId: string; onOptedOut(): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | undefined>()
  async function optOut() {
    try {
      await api('POST', `/contacts/${encodeURIComponent(externalId)}/opt-out`)
      setConfirming(false)
      onOptedOut()
    } catch (cause) {
      setError(failureText(cause))
    }
  }
  return (
    <>
      <button type="button" onClick={() => setConfirming(true)}>
        {t(LOCAL.optOut)}
      </button>
      {confirming && (
        <Dialog
          title={t(LOCAL.title).replace('{id}', externalId)}
          error={error}
          cancel={{ label: t(TEXT.cancel), onClick: () => setConfirming(false) }}
          confirm={{ label: t(LOCAL.optOut), onClick: () => void optOut() }}
        >
          <p>{t(LOCAL.what)}</p>
        </Dialog>
      )}
    </>
  )
}
