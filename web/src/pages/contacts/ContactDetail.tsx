import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../../app/api'
import { useLocale } from '../../app/locale'
import { MessageStatusBadge } from '../../app/MessageStatus'
import { TEXT } from '../../app/texts'

const LOCAL = {
  journeys: { en: 'Journeys', zh: '旅程' },
  suppressed: { en: 'On the suppression list (opted out)', zh: '已在退订名单中' },
  consent: { en: 'Consent', zh: '营销授权' },
  active: { en: 'in the journey', zh: '旅程中' },
  exited: { en: 'exited', zh: '已退出' },
  noJourney: { en: 'Not in any journey yet', zh: '尚未进入任何旅程' },
  noMessage: { en: 'No messages yet', zh: '尚无消息' },
} satisfies Record<string, LocalizedText>

interface Detail {
  contact: { externalId: string; phone: string | null; timeZone: string | null; consent: boolean; suppressed: boolean; attributes: Record<string, unknown> }
  enrollments: {
    id: string
    journeyId: string
    version: number
    status: string
    nodeId: string | null
    timeline: { at: string; kind: string; nodeId: string; message: LocalizedText }[]
  }[]
  messages: { id: number; nodeId: string; status: string; text: string; createdAt: string }[]
}

/** One contact with every journey it is or was in, each step's time and reason, and its messages. */
export function ContactDetail({ externalId }: { externalId: string }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [detail, setDetail] = useState<Detail | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    setDetail(undefined)
    setError(undefined)
    api<Detail>('GET', `/contacts/${encodeURIComponent(externalId)}`).then(setDetail, (cause) => setError(cause instanceof Error ? cause.message : String(cause)))
  }, [externalId])

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    )
  if (!detail) return null
  return (
    <section className="contact" aria-label={detail.contact.externalId}>
      <h2>
        {detail.contact.externalId} · {detail.contact.phone ?? '—'} · {detail.contact.timeZone ?? '—'}
      </h2>
      <p>
        {t(LOCAL.consent)}: {detail.contact.consent ? '✓' : '✗'} {detail.contact.suppressed && <strong className="error">{t(LOCAL.suppressed)}</strong>}
      </p>
      <pre className="attributes">{JSON.stringify(detail.contact.attributes, null, 2)}</pre>
      <h3>{t(LOCAL.journeys)}</h3>
      {detail.enrollments.length === 0 && <p className="hint">{t(LOCAL.noJourney)}</p>}
      {detail.enrollments.map((enrollment) => (
        <div key={enrollment.id}>
          <h4>
            {enrollment.journeyId} v{enrollment.version} · {t(enrollment.status === 'active' ? LOCAL.active : LOCAL.exited)} {enrollment.nodeId ? `@ ${enrollment.nodeId}` : ''}
          </h4>
          <ol className="timeline">
            {enrollment.timeline.map((line) => (
              <li key={`${line.at}-${line.kind}-${line.nodeId}`}>
                <time>{new Date(line.at).toLocaleString(locale)}</time> {localize(line.message, locale)}
              </li>
            ))}
          </ol>
        </div>
      ))}
      <h3>{t(TEXT.messages)}</h3>
      {detail.messages.length === 0 && <p className="hint">{t(LOCAL.noMessage)}</p>}
      <ul>
        {detail.messages.map((sent) => (
          <li key={sent.id}>
            <MessageStatusBadge status={sent.status} /> {sent.text}
          </li>
        ))}
      </ul>
    </section>
  )
}
