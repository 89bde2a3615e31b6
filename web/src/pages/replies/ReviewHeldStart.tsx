import { type LocalizedText, storedActorText } from '@recall/shared'
import { useState } from 'react'
import { api, failureText } from '../../app/api'
import { Dialog } from '../../app/Dialog'
import { useT } from '../../app/locale'
import { TEXT } from '../../app/texts'
import type { ReplyRow } from '../RepliesPage'

type Decision = 'lift' | 'keep'

const LOCAL = {
  lift: { en: 'Lift opt-out', zh: '恢复订阅' },
  keep: { en: 'Keep opted out', zh: '保持退订' },
  liftTitle: { en: 'Lift the opt-out of {phone}?', zh: '恢复 {phone} 的订阅?' },
  keepTitle: { en: 'Keep {phone} opted out?', zh: '保持 {phone} 退订?' },
  liftWhat: {
    en: 'The number replied START, but it was {why}. Lifted, it gets marketing and recall messages again. Lift it only when you are sure the person asked for them; your name is recorded with the decision.',
    zh: '该号码回复了订阅,但它{why}。恢复后,它将再次收到营销和召回短信。请仅在确认用户本人要求时恢复;您的姓名会随此决定一并记录。',
  },
  keepWhat: {
    en: 'The number stays opted out and this START leaves the review list; your name is recorded with the decision.',
    zh: '号码保持退订,这条订阅回复将移出待审核列表;您的姓名会随此决定一并记录。',
  },
} satisfies Record<string, LocalizedText>

/** Why a START did not lift the opt-out: only the person's own reply opt-out is theirs to lift. */
const HELD_BY = {
  import: { en: 'opted out by an import (blocklist, DNC), not by a reply', zh: '由导入(黑名单、免打扰)退订,并非用户回复' },
  admin: { en: 'opted out by a colleague, not by a reply', zh: '由同事操作退订,并非用户回复' },
  complaint: { en: 'opted out by a complaint (harassment, a report), not by a plain reply', zh: '因投诉(骚扰、举报)退订,并非普通退订回复' },
  reply: { en: 'opted out by a reply', zh: '由用户回复退订' },
} satisfies Record<NonNullable<ReplyRow['optOutSource']>, LocalizedText>
const HELD_BY_NAMED = { en: 'opted out by {name}, not by a reply', zh: '由 {name} 操作退订,并非用户回复' } satisfies LocalizedText

/** Why a START was held, naming the colleague who opted the number out when they are known. */
export function heldBy(row: Pick<ReplyRow, 'optOutSource' | 'optedOutBy'>): LocalizedText {
  const { optOutSource, optedOutBy } = row
  if (optOutSource === 'admin' && optedOutBy) {
    const name = storedActorText(optedOutBy)
    return { en: HELD_BY_NAMED.en.replace('{name}', name.en), zh: HELD_BY_NAMED.zh.replace('{name}', name.zh) }
  }
  return HELD_BY[optOutSource ?? 'reply']
}

/**
 * An editor's or an admin's decision on a START held for review: lift the opt-out it could not, or
 * keep it, each asked again in a dialog that says what follows; the server records who and when.
 */
export function ReviewHeldStart({ row, onReviewed }: { row: ReplyRow; onReviewed(outcome: Pick<ReplyRow, 'action' | 'reviewedBy' | 'reviewedAt'>): void }) {
  const t = useT()
  const [asking, setAsking] = useState<Decision | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)

  async function decide(decision: Decision) {
    setBusy(true)
    setError(undefined)
    try {
      onReviewed(await api<Pick<ReplyRow, 'action' | 'reviewedBy' | 'reviewedAt'>>('POST', `/replies/${row.id}/review`, { decision }))
      setAsking(null)
    } catch (cause) {
      setError(failureText(cause))
    } finally {
      setBusy(false)
    }
  }

  const why = heldBy(row)
  return (
    <>
      {' '}
      <button type="button" onClick={() => setAsking('lift')}>
        {t(LOCAL.lift)}
      </button>{' '}
      <button type="button" onClick={() => setAsking('keep')}>
        {t(LOCAL.keep)}
      </button>
      {asking && (
        <Dialog
          title={t(asking === 'lift' ? LOCAL.liftTitle : LOCAL.keepTitle).replace('{phone}', row.phone)}
          error={error}
          cancel={{ label: t(TEXT.cancel), onClick: () => setAsking(null) }}
          confirm={{ label: t(asking === 'lift' ? LOCAL.lift : LOCAL.keep), onClick: () => void decide(asking), disabled: busy }}
        >
          <p>{asking === 'lift' ? t(LOCAL.liftWhat).replace('{why}', t(why)) : t(LOCAL.keepWhat)}</p>
        </Dialog>
      )}
    </>
  )
}
