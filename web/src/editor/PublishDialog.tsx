import { type ApprovalRequestView, type LocalizedText, localize, type PublishSchedule } from '@recall/shared'
import { useState } from 'react'
import { ApiFailure, failureText, type PublishResult, send } from '../app/api'
import { Dialog } from '../app/Dialog'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { useSubmitsForReview } from './approvals/submitter'
import { APPROVAL_TEXT } from './approvals/texts'
import { PublishForecastSection } from './PublishForecast'
import { PublishWarnings } from './PublishWarnings'
import { ifMatchOf, savedRevision } from './saved-draft'
import { asOwnChange } from './server-head'
import { useEditor } from './store'

const LOCAL = {
  when: { en: 'When', zh: '上线时间' },
  now: { en: 'Now', zh: '立即' },
  later: { en: 'At a date and time', zh: '指定日期和时间' },
  localTime: { en: 'Go-live time', zh: '上线时间' },
  timeZone: { en: 'Time zone', zh: '时区' },
  schedule: { en: 'Schedule', zh: '定时发布' },
  scheduleHint: {
    en: 'The draft as it is then goes live; if it has errors by then, it is not published and the journey says why.',
    zh: '届时发布当时的草稿;如果那时草稿有错误,则不会发布,并在旅程上说明原因。',
  },
  reload: { en: 'Reload their draft', zh: '载入对方的草稿' },
} satisfies Record<string, LocalizedText>

/** Every zone the browser knows, with the browser's own first. */
function timeZones(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai', 'UTC']
  return [own, ...known.filter((zone) => zone !== own)]
}

/**
 * Publish now, or at a date and time in a chosen zone, with a note. The draft is saved first and the
 * request names the revision saved (If-Match), so what is published (or checked before scheduling,
 * or submitted) is what is on screen: a draft someone else saved meanwhile is refused, not published
 * as this person's. A live journey shows the forecast of publishing against keeping the live version.
 */
export function PublishDialog({
  journeyId,
  live = false,
  onClose,
  onPublished,
  onScheduled,
  onSubmitted,
  onReload,
}: {
  journeyId: string
  /** The journey has a live version: there is a live state to forecast from. */
  live?: boolean
  onClose(): void
  onPublished(result: PublishResult): void
  onScheduled(schedule: PublishSchedule): void
  onSubmitted?(approval: ApprovalRequestView): void
  /** Someone saved a newer draft: load it instead of what is on screen. */
  onReload?(): void
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [note, setNote] = useState('')
  const [migrate, setMigrate] = useState(false)
  const [later, setLater] = useState(false)
  const [localTime, setLocalTime] = useState('')
  const [zones] = useState(timeZones)
  const [timeZone, setTimeZone] = useState(zones[0] as string)
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  // The draft on the server is a newer one than on screen (the If-Match refusal): offer to load it.
  const [newerElsewhere, setNewerElsewhere] = useState(false)
  // An editor without "can publish" submits for review; so does anyone the server says needs an approval (with why).
  const submitter = useSubmitsForReview()
  const [needsApproval, setNeedsApproval] = useState<string[] | undefined>()
  const review = submitter || needsApproval !== undefined
  const path = `/journeys/${encodeURIComponent(journeyId)}`
  async function confirm() {
    setBusy(true)
    setError(undefined)
    setNewerElsewhere(false)
    try {
      const seen = ifMatchOf(await savedRevision())
      if (review) onSubmitted?.((await send<{ approval: ApprovalRequestView }>('POST', `${path}/approvals`, { json: { note, migrate } }, seen)).approval)
      else if (later) onScheduled((await send<{ schedule: PublishSchedule }>('PUT', `${path}/schedule`, { json: { localTime, timeZone, note, migrate } }, seen)).schedule)
      else onPublished(await asOwnChange(journeyId, () => send<PublishResult>('POST', `${path}/publish`, { json: { note, migrate } }, seen)))
    } catch (cause) {
      if (cause instanceof ApiFailure && cause.code === 'approval_required') setNeedsApproval(cause.problems.map((problem) => problem.text ?? ''))
      else setError(failureText(cause))
      if (cause instanceof ApiFailure && cause.code === 'draft_changed') setNewerElsewhere(true)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog
      title={t(review ? APPROVAL_TEXT.submit : TEXT.publish)}
      error={error}
      cancel={{ label: t(TEXT.cancel), onClick: onClose }}
      confirm={{
        label: t(review ? APPROVAL_TEXT.submit : later ? LOCAL.schedule : TEXT.publish),
        onClick: () => void confirm(),
        disabled: busy || (!review && later && localTime === ''),
      }}
    >
      {newerElsewhere && onReload && (
        <button type="button" onClick={onReload}>
          {t(LOCAL.reload)}
        </button>
      )}
      {submitter && <p className="hint">{t(APPROVAL_TEXT.submitHint)}</p>}
      {needsApproval && (
        <div className="notice" role="status">
          {t(APPROVAL_TEXT.needsApproval)}
          <ul>
            {needsApproval.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      <fieldset className="choice" hidden={review}>
        <legend>{t(LOCAL.when)}</legend>
        <label className="checkbox">
          <input type="radio" name="when" checked={!later} onChange={() => setLater(false)} />
          {t(LOCAL.now)}
        </label>
        <label className="checkbox">
          <input type="radio" name="when" checked={later} onChange={() => setLater(true)} />
          {t(LOCAL.later)}
        </label>
      </fieldset>
      {later && !review && (
        <>
          <label>
            {t(LOCAL.localTime)}
            <input type="datetime-local" value={localTime} onChange={(event) => setLocalTime(event.target.value.slice(0, 16))} />
          </label>
          <label>
            {t(LOCAL.timeZone)}
            <select value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
          <p className="hint">{t(LOCAL.scheduleHint)}</p>
        </>
      )}
      <label>
        {t(review ? APPROVAL_TEXT.reviewNote : TEXT.publishNote)}
        <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={migrate} onChange={(event) => setMigrate(event.target.checked)} />
        {t(TEXT.migrate)}
      </label>
      <PublishWarnings
        journeyId={journeyId}
        onShow={(nodeId) => {
          onClose()
          useEditor.getState().showNode(nodeId)
        }}
      />
      {live && <PublishForecastSection journeyId={journeyId} migrate={migrate} />}
    </Dialog>
  )
}
