import { type ApprovalRequestView, type LocalizedText, localize, type PublishEvent, type PublishEventKind, storedActorText } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, type PublishResult } from '../../app/api'
import { useLocale } from '../../app/locale'
import { ReviewDialog } from './ReviewDialog'
import { APPROVAL_TEXT } from './texts'

const KIND: Record<PublishEventKind, LocalizedText> = {
  submitted: APPROVAL_TEXT.kindSubmitted,
  approved: APPROVAL_TEXT.kindApproved,
  rejected: APPROVAL_TEXT.kindRejected,
  published: APPROVAL_TEXT.kindPublished,
}

/** One history line: who did what when, to which version, with the note or comment and the forecast figures. */
function EventLine({ event }: { event: PublishEvent }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const figures = event.forecast ? ` · ${event.forecast.next24hMessages.toLocaleString(locale)} / 24h · ¥${event.forecast.cost.toFixed(2)} / ${event.forecast.days}d` : ''
  return (
    <li className={`history--${event.kind}`}>
      <small>{new Date(event.at).toLocaleString(locale)}</small> <strong>{t(storedActorText(event.actor))}</strong> {t(KIND[event.kind])}
      {event.version !== null && ` v${event.version}`}
      {event.draftRevision !== null && ` (${t(APPROVAL_TEXT.revision)} ${event.draftRevision})`}
      {figures}
      {event.text && <q>{` ${event.text}`}</q>}
    </li>
  )
}

/**
 * The journey's publishing history (submissions, approvals, rejections, publishes) and the
 * submissions waiting for review, each with a button to review it.
 */
export function PublishHistory({
  journeyId,
  draftRevision,
  refreshKey,
  onApproved,
}: {
  journeyId: string
  draftRevision: number
  refreshKey: number
  onApproved(result: PublishResult): void
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [events, setEvents] = useState<PublishEvent[]>([])
  const [pending, setPending] = useState<ApprovalRequestView[]>([])
  const [reviewing, setReviewing] = useState<string | undefined>()
  const [reloads, setReloads] = useState(0)
  const path = `/journeys/${encodeURIComponent(journeyId)}`

  useEffect(() => {
    void refreshKey
    void reloads
    let stale = false
    void Promise.all([api<{ events: PublishEvent[] }>('GET', `${path}/history`), api<{ approvals: ApprovalRequestView[] }>('GET', `${path}/approvals`)]).then(
      ([history, { approvals }]) => {
        if (stale) return
        setEvents(history.events)
        setPending(approvals.filter((approval) => approval.status === 'pending'))
      },
    )
    return () => {
      stale = true
    }
  }, [path, refreshKey, reloads])

  return (
    <section className="history" aria-label={t(APPROVAL_TEXT.history)}>
      <h2>{t(APPROVAL_TEXT.history)}</h2>
      {pending.map((approval) => (
        <p key={approval.id} className="notice">
          {`${t(APPROVAL_TEXT.pending)}: ${t(storedActorText(approval.submittedBy))} · ${new Date(approval.submittedAt).toLocaleString(locale)}`}{' '}
          <button type="button" className={approval.canReview ? 'primary' : undefined} onClick={() => setReviewing(approval.id)}>
            {t(APPROVAL_TEXT.review)}
          </button>
        </p>
      ))}
      {events.length === 0 ? (
        <p className="hint">{t(APPROVAL_TEXT.noHistory)}</p>
      ) : (
        <ol className="history__list">
          {events.map((event) => (
            <EventLine key={event.id} event={event} />
          ))}
        </ol>
      )}
      {reviewing && (
        <ReviewDialog
          journeyId={journeyId}
          approvalId={reviewing}
          draftRevision={draftRevision}
          onClose={() => setReviewing(undefined)}
          onReviewed={(outcome) => {
            setReviewing(undefined)
            setReloads((count) => count + 1)
            if ('approved' in outcome) onApproved(outcome.approved)
          }}
        />
      )}
    </section>
  )
}
