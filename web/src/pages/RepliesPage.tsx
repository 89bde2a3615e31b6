import { type LocalizedText, storedActorText } from '@recall/shared'
import { useEffect, useRef, useState } from 'react'
import { api, failureText } from '../app/api'
import { useLocale, useT } from '../app/locale'
import { useSession } from '../app/session'
import { TEXT } from '../app/texts'
import { type OptOutOutcome, OptOutReply } from './replies/OptOutReply'
import { ReplyText } from './replies/ReplyText'
import { heldBy, ReviewHeldStart } from './replies/ReviewHeldStart'

export interface ReplyRow {
  id: number
  provider: string
  phone: string
  text: string
  /** Characters past the stored limit that were not kept (absent from older servers). */
  textCut?: number
  receivedAt: string
  /** The contact the reply came from: the number's, or one that left it (then `contactLeftAt`, when). */
  contactId: string | null
  /** The reply came from a contact deleted since (absent from older servers). */
  contactDeleted?: boolean
  /** Its name (the `name` attribute), shown with the id (absent from older servers). */
  contactName?: string | null
  contactLeftAt?: string | null
  /**
   * What was done on the reply: opted out, opted in, nothing (a person should read it), a START
   * held because the opt-out was not the person's own (a person should read it too), or such a START
   * a colleague reviewed and kept opted out; a START that lifted nothing, sent before the opt-out
   * (`opt_in_too_early`) or from a number not opted out (`opt_in_nothing`).
   */
  action: 'opted_out' | 'opted_in' | 'opt_in_held' | 'opt_out_kept' | 'opt_in_too_early' | 'opt_in_nothing' | null
  /** Whether that person (or, with no contact, the number) is still opted out. */
  suppressed: boolean
  /** Since when (absent from older servers): a reply written before it is not "still" opted out. */
  optedOutAt?: string | null
  /** Whether the contact consented to marketing (null with no contact; absent from older servers). */
  contactConsent?: boolean | null
  /** Who opted the number (or its contact, at an earlier number) out: the person's reply, an import, an admin or a complaint. */
  optOutSource: 'reply' | 'import' | 'admin' | 'complaint' | null
  /** The colleague behind an admin's opt-out, when known. */
  optedOutBy: string | null
  /** A contact took the number after the reply came: the reply is not theirs, and is not opted out from here (absent from older servers). */
  numberChangedHands?: boolean
  /** Who reviewed a held START, and when. */
  reviewedBy: string | null
  reviewedAt: string | null
}

const PAGE = 100
const LOCAL = {
  needsReview: { en: 'Needs review only (not read as stop or start, or an opt-in held)', zh: '仅看待处理(未识别为退订或订阅,或暂未恢复订阅)' },
  more: { en: 'Older replies', zh: '更早的回复' },
  none: { en: 'No replies', zh: '没有回复' },
  time: { en: 'Time', zh: '时间' },
  phone: { en: 'Phone', zh: '手机号' },
  contact: { en: 'Contact', zh: '联系人' },
  text: { en: 'Reply', zh: '回复内容' },
  done: { en: 'What was done', zh: '处理结果' },
  optedOut: { en: 'Opted out', zh: '已退订' },
  optedIn: { en: 'Opted in', zh: '已重新订阅' },
  optInHeld: { en: 'Opt-in held for review', zh: '订阅待审核' },
  optOutKept: { en: 'Kept opted out', zh: '保持退订' },
  optInTooEarly: { en: 'START ignored: sent before the opt-out', zh: '订阅未生效:发送于退订之前' },
  optInNothing: { en: 'Nothing to lift: not opted out', zh: '无需恢复:未处于退订状态' },
  noConsent: { en: 'no marketing consent', zh: '未同意接收营销短信' },
  reviewedBy: { en: 'reviewed by {name}', zh: '审核人:{name}' },
  nothing: { en: 'Nothing', zh: '未处理' },
  stillOptedOut: { en: 'still opted out', zh: '仍为退订状态' },
  leftNumber: { en: 'left this number', zh: '已不再使用此号码' },
  deletedContact: { en: 'deleted contact', zh: '已删除的联系人' },
  changedHands: { en: 'number taken by another contact since', zh: '此号码之后已由其他联系人使用' },
  optedOutBy: { en: 'by {name}', zh: '操作人:{name}' },
  hint: {
    en: "Replies Recall reads as an opt-out (T, TD, 退订, STOP…) stop marketing at once. Read the others: if one asks to stop, opt its number out here. A START lifts only the person's own reply opt-out: one from a number an import, a colleague or a complaint opted out is held here, and the number stays opted out until an editor lifts the opt-out or keeps it.",
    zh: 'Recall 识别为退订的回复(T、TD、退订、STOP 等)会立即停止营销短信。请阅读其余回复:如有要求停止发送的,可在此退订该号码。订阅回复只能恢复用户自己回复的退订:由导入、同事或投诉退订的号码发来的订阅会留在此处待审核,号码保持退订,直到编辑者恢复订阅或确认保持退订。',
  },
} satisfies Record<string, LocalizedText>

const ACTION_LABEL = {
  opted_out: LOCAL.optedOut,
  opted_in: LOCAL.optedIn,
  opt_in_held: LOCAL.optInHeld,
  opt_out_kept: LOCAL.optOutKept,
  opt_in_too_early: LOCAL.optInTooEarly,
  opt_in_nothing: LOCAL.optInNothing,
} as const
const ACTION_CLASS = {
  opted_out: 'status status--failed',
  opted_in: 'status status--delivered',
  opt_in_held: 'status',
  opt_out_kept: 'status status--failed',
  opt_in_too_early: 'status',
  opt_in_nothing: 'status',
} as const

/** An opt-out made after the reply was written does not make the reply "still" opted out. */
const stillOptedOut = (row: ReplyRow) => row.suppressed && (!row.optedOutAt || Date.parse(row.optedOutAt) <= Date.parse(row.receivedAt))
/** A START lifted the opt-out, but the contact never consented: it still gets no marketing, so not green. */
const actionClass = (action: NonNullable<ReplyRow['action']>, row: ReplyRow) => (action === 'opted_in' && row.contactConsent === false ? 'status' : ACTION_CLASS[action])

/** The rows with a page's appended, each reply once: pages may overlap when replies come in between. */
const withPage = (rows: readonly ReplyRow[], page: readonly ReplyRow[]) => {
  const listed = new Set(rows.map((row) => row.id))
  return [...rows, ...page.filter((row) => !listed.has(row.id))]
}

/** Replies from phones, newest first, a page at a time; those Recall did not act on can be opted out by hand. */
export function RepliesPage() {
  const locale = useLocale()
  const t = useT()
  const role = useSession((state) => state.user?.role)
  // Opting a number out and reviewing a held START are both an editor's or an admin's.
  const canOptOut = role === 'editor' || role === 'admin'
  const [review, setReview] = useState(false)
  const [rows, setRows] = useState<ReplyRow[]>([])
  const [next, setNext] = useState<string | null>(null)
  const me = useSession((state) => state.user?.name)
  const [error, setError] = useState<string | null>(null)

  // One load at a time (a double click on "Older replies" asked for the same page twice), and a page
  // asked for under the filter before is dropped: `generation` counts the first-page loads.
  const loading = useRef(false)
  const generation = useRef(0)
  const [loadingMore, setLoadingMore] = useState(false)
  async function load(before: string | null) {
    if (before && loading.current) return
    const mine = before ? generation.current : ++generation.current
    loading.current = true
    setLoadingMore(before !== null)
    try {
      const query = new URLSearchParams({ limit: String(PAGE), ...(review ? { review: 'true' } : {}), ...(before ? { before } : {}) })
      const page = await api<{ replies: ReplyRow[]; next: string | null }>('GET', `/replies?${query}`)
      if (mine !== generation.current) return
      setRows((current) => (before ? withPage(current, page.replies) : withPage([], page.replies)))
      setNext(page.replies.length === PAGE ? page.next : null)
    } finally {
      if (mine === generation.current) {
        loading.current = false
        setLoadingMore(false)
      }
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload from the first page when the filter changes
  useEffect(() => void load(null).catch((cause: unknown) => setError(failureText(cause))), [review])

  /**
   * A colleague opted a reply's number out: every reply from it shows it suppressed, and this one says
   * it was opted out and by whom. One opted out already changed nothing: its replies only show it.
   */
  function optedOut(row: ReplyRow, outcome: OptOutOutcome) {
    const mine = outcome.alreadySuppressed ? {} : { action: 'opted_out' as const, optOutSource: 'admin' as const, optedOutBy: me ?? null }
    // Made now: the replies listed were all written before it, none "still" opted out by it.
    const now = new Date().toISOString()
    const stopped = (other: ReplyRow) => (other.suppressed ? other : { ...other, suppressed: true, optedOutAt: now })
    setRows((current) => current.map((other) => (other.id === row.id ? { ...stopped(other), ...mine } : other.phone === row.phone ? stopped(other) : other)))
  }

  /** A colleague decided on a held START: the row says so, and a lifted opt-out frees every reply from the number. */
  function reviewed(row: ReplyRow, outcome: Pick<ReplyRow, 'action' | 'reviewedBy' | 'reviewedAt'>) {
    const lifted = outcome.action === 'opted_in'
    setRows((current) =>
      current.map((other) => (other.id === row.id ? { ...other, ...outcome, suppressed: !lifted } : lifted && other.phone === row.phone ? { ...other, suppressed: false } : other)),
    )
  }

  return (
    <main className="page">
      <h1>{t(TEXT.replies)}</h1>
      <p className="hint">{t(LOCAL.hint)}</p>
      <label className="checkbox">
        <input type="checkbox" checked={review} onChange={(event) => setReview(event.target.checked)} />
        {t(LOCAL.needsReview)}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="hint">{t(LOCAL.none)}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              {[LOCAL.time, LOCAL.phone, LOCAL.contact, LOCAL.text, LOCAL.done].map((heading) => (
                <th key={heading.en}>{t(heading)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{new Date(row.receivedAt).toLocaleString(locale)}</td>
                <td>
                  <bdi>{row.phone}</bdi>
                </td>
                <td>
                  {row.contactId ? (
                    <a href={`#/contacts?id=${encodeURIComponent(row.contactId)}`}>{row.contactName ? `${row.contactName} (${row.contactId})` : row.contactId}</a>
                  ) : row.contactDeleted ? (
                    <em>{t(LOCAL.deletedContact)}</em>
                  ) : (
                    '—'
                  )}
                  {row.contactId && row.contactLeftAt && <small> ({t(LOCAL.leftNumber)})</small>}
                  {row.numberChangedHands && <small> ({t(LOCAL.changedHands)})</small>}
                </td>
                <td className="reply-text">
                  <ReplyText text={row.text} textCut={row.textCut} />
                </td>
                <td>
                  <span className={row.action ? actionClass(row.action, row) : 'status'}>{t(row.action ? ACTION_LABEL[row.action] : LOCAL.nothing)}</span>
                  {row.action === 'opted_in' && row.contactConsent === false && <small> ({t(LOCAL.noConsent)})</small>}
                  {row.action === 'opt_in_held' && row.optOutSource && <small> ({t(heldBy(row))})</small>}
                  {row.action === 'opted_out' && row.optOutSource === 'admin' && row.optedOutBy && (
                    <small> ({t(LOCAL.optedOutBy).replace('{name}', t(storedActorText(row.optedOutBy)))})</small>
                  )}
                  {row.reviewedBy && <small> ({t(LOCAL.reviewedBy).replace('{name}', t(storedActorText(row.reviewedBy)))})</small>}
                  {/* A held START says why already, and so does a kept one. */}
                  {stillOptedOut(row) && row.action !== 'opt_in_held' && row.action !== 'opt_out_kept' && <small> ({t(LOCAL.stillOptedOut)})</small>}
                  {canOptOut && row.action === 'opt_in_held' && <ReviewHeldStart row={row} onReviewed={(outcome) => reviewed(row, outcome)} />}
                  {/* A reply from before the number's contact took it is not theirs to be opted out by. */}
                  {canOptOut && !row.suppressed && !row.numberChangedHands && row.action !== 'opt_in_held' && (
                    <OptOutReply row={row} onOptedOut={(outcome) => optedOut(row, outcome)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" disabled={loadingMore} onClick={() => void load(next).catch((cause: unknown) => setError(failureText(cause)))}>
          {t(LOCAL.more)}
        </button>
      )}
    </main>
  )
}
