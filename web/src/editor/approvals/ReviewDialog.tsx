import { type ApprovalRequestView, type JourneyDocument, type LocalizedText, localize, storedActorText } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText, type PublishResult } from '../../app/api'
import { Dialog } from '../../app/Dialog'
import { useLocale } from '../../app/locale'
import { TEXT } from '../../app/texts'
import { JourneyChanges } from '../JourneyChanges'
import { asOwnChange } from '../server-head'
import { ForecastFigures } from './ForecastFigures'
import { APPROVAL_TEXT, fill } from './texts'

interface Loaded {
  approval: ApprovalRequestView
  submitted: JourneyDocument
  live: JourneyDocument
  counts: Record<string, number>
}

/**
 * What a reviewer decides on: the submitted document against the live version (the same readable
 * diff as the versions panel), the forecast made at submission, the note, and whether the draft has
 * moved on since. Approving publishes the submitted document; rejecting needs a comment.
 */
export function ReviewDialog({
  journeyId,
  approvalId,
  draftRevision,
  onClose,
  onReviewed,
}: {
  journeyId: string
  approvalId: string
  /** The draft's revision now, to say when it was edited after the submission. */
  draftRevision: number
  onClose(): void
  onReviewed(outcome: { approved: PublishResult } | { rejected: ApprovalRequestView }): void
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [loaded, setLoaded] = useState<Loaded | undefined>()
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const path = `/journeys/${encodeURIComponent(journeyId)}`

  useEffect(() => {
    let stale = false
    void (async () => {
      try {
        const { approval, document } = await api<{ approval: ApprovalRequestView; document: JourneyDocument }>('GET', `${path}/approvals/${encodeURIComponent(approvalId)}`)
        // Never published: everything in it is new, so it is compared with an empty journey.
        const live =
          approval.baseVersion === null
            ? { ...document, nodes: [], edges: [] }
            : (await api<{ document: JourneyDocument }>('GET', `${path}/versions/${approval.baseVersion}`)).document
        const { counts } = await api<{ counts: Record<string, number> }>('GET', `${path}/counts`)
        if (!stale) setLoaded({ approval, submitted: document, live, counts })
      } catch (cause) {
        if (!stale) setError(failureText(cause))
      }
    })()
    return () => {
      stale = true
    }
  }, [path, approvalId])

  async function decide(decision: 'approve' | 'reject') {
    setBusy(true)
    setError(undefined)
    try {
      const url = `${path}/approvals/${encodeURIComponent(approvalId)}/${decision}`
      if (decision === 'approve') onReviewed({ approved: await asOwnChange(journeyId, () => api<PublishResult>('POST', url, { comment })) })
      else onReviewed({ rejected: (await api<{ approval: ApprovalRequestView }>('POST', url, { comment })).approval })
    } catch (cause) {
      setError(failureText(cause))
    } finally {
      setBusy(false)
    }
  }

  const approval = loaded?.approval
  const canDecide = !busy && approval?.canReview === true
  return (
    <Dialog
      title={t(APPROVAL_TEXT.reviewTitle)}
      error={error}
      cancel={{ label: t(TEXT.cancel), onClick: onClose }}
      extra={{ label: t(APPROVAL_TEXT.reject), onClick: () => void decide('reject'), disabled: !canDecide || comment.trim() === '' }}
      confirm={{ label: t(APPROVAL_TEXT.approve), onClick: () => void decide('approve'), disabled: !canDecide }}
    >
      {!loaded || !approval ? (
        <p>{t(TEXT.loading)}</p>
      ) : (
        <div className="review">
          <p>
            {`${t(APPROVAL_TEXT.submittedBy)}: ${t(storedActorText(approval.submittedBy))} · ${new Date(approval.submittedAt).toLocaleString(locale)} · ${t(APPROVAL_TEXT.revision)} ${approval.draftRevision}`}
          </p>
          {approval.note && <blockquote>{approval.note}</blockquote>}
          {draftRevision !== approval.draftRevision && (
            <p className="notice" role="status">
              {fill(t(APPROVAL_TEXT.draftMovedOn), { from: approval.draftRevision, to: draftRevision })}
            </p>
          )}
          {approval.baseVersion === null && <p className="hint">{t(APPROVAL_TEXT.newJourney)}</p>}
          <JourneyChanges live={loaded.live} proposed={loaded.submitted} counts={loaded.counts} title={APPROVAL_TEXT.changesTitle} />
          <ForecastFigures forecast={approval.forecast} />
          {approval.canReview ? (
            <label>
              {t(APPROVAL_TEXT.comment)}
              <textarea value={comment} maxLength={1000} onChange={(event) => setComment(event.target.value)} />
            </label>
          ) : (
            approval.status === 'pending' && <p className="hint">{t(APPROVAL_TEXT.cannotReview)}</p>
          )}
        </div>
      )}
    </Dialog>
  )
}
