import type { LocalizedText } from '@recall/shared'
import { useState } from 'react'
import { api, failureText } from '../../app/api'
import { Dialog } from '../../app/Dialog'
import { useT } from '../../app/locale'
import { TEXT } from '../../app/texts'
import type { ReplyRow } from '../RepliesPage'

const LOCAL = {
  optOut: { en: 'Opt out this number', zh: '退订此号码' },
  optingOut: { en: 'Opting out…', zh: '退订中…' },
  title: { en: 'Opt out {phone}?', zh: '退订 {phone}?' },
  what: {
    en: "No more marketing or recall messages go to this number, and its marketing and recall journeys end. The person's own START cannot lift an opt-out you make: it is held for a colleague to review. Your name is recorded with the opt-out.",
    zh: '此号码将不再收到营销和召回短信,其营销和召回旅程随即结束。您所做的退订不能由用户自己的订阅回复恢复:该回复会留待同事审核。您的姓名会随此退订一并记录。',
  },
} satisfies Record<string, LocalizedText>

/** What the server answered: the journeys ended, and whether the number was opted out already (then nothing changed). */
export interface OptOutOutcome {
  exited: number
  alreadySuppressed: boolean
}

/**
 * An editor's or an admin's opt-out of a reply's number, asked again in a dialog that says what follows
 * (one click opted a number out for good, as only a colleague can lift it).
 */
export function OptOutReply({ row, onOptedOut }: { row: ReplyRow; onOptedOut(outcome: OptOutOutcome): void }) {
  const t = useT()
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)

  async function optOut() {
    setBusy(true)
    setError(undefined)
    try {
      onOptedOut(await api<OptOutOutcome>('POST', `/replies/${row.id}/opt-out`))
      setAsking(false)
    } catch (cause) {
      setError(failureText(cause))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      {' '}
      <button type="button" onClick={() => setAsking(true)}>
        {t(LOCAL.optOut)}
      </button>
      {asking && (
        <Dialog
          title={t(LOCAL.title).replace('{phone}', row.phone)}
          error={error}
          cancel={{ label: t(TEXT.cancel), onClick: () => setAsking(false) }}
          confirm={{ label: t(busy ? LOCAL.optingOut : LOCAL.optOut), onClick: () => void optOut(), disabled: busy }}
        >
          <p>{t(LOCAL.what)}</p>
        </Dialog>
      )}
    </>
  )
}
