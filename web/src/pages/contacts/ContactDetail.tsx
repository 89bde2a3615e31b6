import { type LocalizedText, localize, zonedTime } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText } from '../../app/api'
import { Dialog } from '../../app/Dialog'
import { useLocale } from '../../app/locale'
import { MessageStatusBadge } from '../../app/MessageStatus'
import { useSession } from '../../app/session'
import { TEXT } from '../../app/texts'
import { AttributesTable } from './AttributesTable'
import { OptOutAction } from './OptOutAction'
import { OptOutStatus, type OptOutView } from './OptOutStatus'
import { SendZones, type SendZonesView } from './SendZones'

const LOCAL = {
  journeys: { en: 'Journeys', zh: '旅程' },
  active: { en: 'in the journey', zh: '旅程中' },
  exited: { en: 'exited', zh: '已退出' },
  stopped: { en: 'stopped: its step kept failing', zh: '已停止:步骤持续失败' },
  delete: { en: 'Delete contact', zh: '删除联系人' },
  deleteTitle: { en: 'Delete {id}?', zh: '删除 {id}?' },
  deleteWhat: {
    en: 'The contact, its journeys and its place in them go for good. An opt-out stays: on the suppression list for the number, and with the contact id, so neither the number nor this contact imported anew with another number gets marketing again.',
    zh: '联系人及其所在旅程将被永久删除。退订记录会保留:号码仍在退订名单中,联系人编号也会记住退订,即使以新号码重新导入也不会再收到营销短信。',
  },
  noJourney: { en: 'Not in any journey yet', zh: '尚未进入任何旅程' },
  noMessage: { en: 'No messages yet', zh: '尚无消息' },
} satisfies Record<string, LocalizedText>

interface Detail {
  contact: OptOutView & { externalId: string; phone: string | null; timeZone: string | null; consent: boolean; attributes: Record<string, unknown> }
  enrollments: {
    id: string
    journeyId: string
    version: number
    status: string
    nodeId: string | null
    /** Set when its step failed five times in a row: it waits for someone to retry or remove it (absent from older servers). */
    stoppedAt?: string | null
    timeline: { at: string; kind: string; nodeId: string; message: LocalizedText }[]
  }[]
  messages: { id: number; nodeId: string; status: string; text: string; createdAt: string }[]
  /** The zones its sends are judged in (absent from older servers). */
  sendZones?: SendZonesView
  /** The zone its timeline writes times in (absent from older servers). */
  timeZone?: string
}

/** The reader's own zone: what an older server's answer leaves to go by. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

/** One contact with every journey it is or was in, each step's time and reason, and its messages. */
export function ContactDetail({ externalId, onDeleted }: { externalId: string; onDeleted(externalId: string): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const canEdit = useSession((state) => state.user?.role !== 'viewer')
  const [detail, setDetail] = useState<Detail | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [confirming, setConfirming] = useState(false)
  const [deleteError, setDeleteError] = useState<string | undefined>()
  async function remove() {
    try {
      await api('DELETE', `/contacts/${encodeURIComponent(externalId)}`)
      setConfirming(false)
      onDeleted(externalId)
    } catch (cause) {
      setDeleteError(failureText(cause))
    }
  }
  // Bumped after an opt-out: the page reads the contact again, with who did it.
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (version === 0) setDetail(undefined)
    setError(undefined)
    api<Detail>('GET', `/contacts/${encodeURIComponent(externalId)}`).then(setDetail, (cause) => setError(failureText(cause)))
  }, [externalId, version])

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    )
  if (!detail) return null
  const zone = detail.timeZone ?? browserZone()
  return (
    <section className="contact" aria-label={detail.contact.externalId}>
      <h2>
        {detail.contact.externalId} · {detail.contact.phone ?? '—'} · {detail.contact.timeZone ?? '—'}
      </h2>
      {detail.sendZones && <SendZones judged={detail.sendZones} />}
      {canEdit && !detail.contact.optedOutAt && <OptOutAction externalId={externalId} onOptedOut={() => setVersion((bumped) => bumped + 1)} />}
      {canEdit && (
        <button type="button" onClick={() => setConfirming(true)}>
          {t(LOCAL.delete)}
        </button>
      )}
      {confirming && (
        <Dialog
          title={t(LOCAL.deleteTitle).replace('{id}', externalId)}
          error={deleteError}
          cancel={{ label: t(TEXT.cancel), onClick: () => setConfirming(false) }}
          confirm={{ label: t(LOCAL.delete), onClick: () => void remove() }}
        >
          <p>{t(LOCAL.deleteWhat)}</p>
        </Dialog>
      )}
      <p>
        {t(TEXT.consent)}: {detail.contact.consent ? '✓' : '✗'} <OptOutStatus contact={detail.contact} timeZone={zone} />
      </p>
      <AttributesTable attributes={detail.contact.attributes} />
      <h3>{t(LOCAL.journeys)}</h3>
      {detail.enrollments.length === 0 && <p className="hint">{t(LOCAL.noJourney)}</p>}
      {detail.enrollments.map((enrollment) => (
        <div key={enrollment.id}>
          <h4>
            {enrollment.journeyId} v{enrollment.version} · {t(enrollment.status !== 'active' ? LOCAL.exited : enrollment.stoppedAt ? LOCAL.stopped : LOCAL.active)}{' '}
            {enrollment.nodeId ? `@ ${enrollment.nodeId}` : ''}
          </h4>
          <ol className="timeline">
            {enrollment.timeline.map((line) => (
              <li key={`${line.at}-${line.kind}-${line.nodeId}`}>
                <time dateTime={line.at}>{t(zonedTime(Date.parse(line.at), zone))}</time> {localize(line.message, locale)}
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
