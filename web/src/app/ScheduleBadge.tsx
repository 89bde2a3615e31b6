import { type LocalizedText, localize, type PublishSchedule } from '@recall/shared'
import { useState } from 'react'
import { api, failureText } from './api'
import { useLocale } from './locale'
import { useSession, viewsOnly } from './session'

const TEXT = {
  goesLive: { en: 'Goes live', zh: '定时上线' },
  failed: { en: 'Scheduled publish did not go live', zh: '定时发布未能上线' },
  cancel: { en: 'Cancel schedule', zh: '取消定时' },
  dismiss: { en: 'Dismiss', zh: '关闭' },
} satisfies Record<string, LocalizedText>

/** "12-05 09:00 Asia/Shanghai": the time as it was chosen, on that zone's clock. */
export function scheduledTimeText(schedule: PublishSchedule): string {
  return `${schedule.localTime.slice(5).replace('T', ' ')} ${schedule.timeZone}`
}

/**
 * A journey's scheduled publish with its cancel button, or, when the draft could not go live at
 * its time, why (the same refusal publishing now gives) with a button to clear it.
 */
export function ScheduleBadge({ journeyId, schedule, onCancelled }: { journeyId: string; schedule: PublishSchedule; onCancelled(): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [error, setError] = useState<string | undefined>()
  const viewOnly = useSession(viewsOnly)
  async function cancel() {
    try {
      await api('DELETE', `/journeys/${encodeURIComponent(journeyId)}/schedule`)
      onCancelled()
    } catch (cause) {
      setError(failureText(cause))
    }
  }
  const failure = schedule.failure
  return (
    <span className={`schedule${failure ? ' schedule--failed' : ''}`} role="status">
      <span className="schedule__text" title={schedule.note || undefined}>
        {failure ? `⚠ ${t(TEXT.failed)} (${scheduledTimeText(schedule)}): ${t(failure.message)}` : `⏰ ${t(TEXT.goesLive)} ${scheduledTimeText(schedule)}`}
      </span>
      {failure && failure.problems.length > 0 && (
        <ul className="schedule__problems">
          {failure.problems.slice(0, 5).map((problem) => (
            <li key={`${problem.path}|${problem.code}`}>{t(problem.message)}</li>
          ))}
        </ul>
      )}
      {!viewOnly && (
        <button type="button" className="link" onClick={() => void cancel()}>
          {t(failure ? TEXT.dismiss : TEXT.cancel)}
        </button>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}
