import { explainCarrierCode, type LocalizedText, localize, MESSAGE_STATUS_LABELS, MESSAGE_STATUSES } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../app/api'
import { useLocale } from '../app/locale'
import { MessageStatusBadge } from '../app/MessageStatus'
import { TEXT } from '../app/texts'

interface MessageRow {
  id: number
  journeyId: string
  contactId: string | null
  nodeId: string
  channel: 'sms' | 'mms'
  status: string
  text: string
  parts: number
  createdAt: string
  /** Sent from the editor's "Send test": not part of any journey's figures. */
  test: boolean
  /** The carrier's code on a failed receipt (MOBILE_NOT_ON_SERVICE…). */
  carrierCode: string | null
}

const STATUSES = ['', ...MESSAGE_STATUSES] as const
const LOCAL = {
  all: { en: 'All statuses', zh: '全部状态' },
  more: { en: 'Older messages', zh: '更早的消息' },
  none: { en: 'No messages', zh: '没有消息' },
  time: { en: 'Time', zh: '时间' },
  contact: { en: 'Contact', zh: '联系人' },
  text: { en: 'Text', zh: '内容' },
  test: { en: 'test', zh: '测试' },
  testOnly: { en: 'Test sends only', zh: '仅看测试发送' },
  testPhone: { en: 'Test phone', zh: '测试手机' },
} satisfies Record<string, LocalizedText>

/** The carrier's code with what it means, when the table knows it. */
function CarrierCode({ code, t }: { code: string; t: (text: LocalizedText) => string }) {
  const meaning = explainCarrierCode(code)
  return <small className="carrier-code"> {meaning ? `${t(meaning)} (${code})` : code}</small>
}

/** The outbox, newest first, by status, a page at a time. */
export function MessagesPage() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('')
  const [testOnly, setTestOnly] = useState(false)
  const [rows, setRows] = useState<MessageRow[]>([])
  const [next, setNext] = useState<string | null>(null)

  async function load(before: string | null) {
    const query = new URLSearchParams({ limit: '100', ...(status ? { status } : {}), ...(testOnly ? { test: 'true' } : {}), ...(before ? { before } : {}) })
    const page = await api<{ messages: MessageRow[]; next: string | null }>('GET', `/messages?${query}`)
    setRows((current) => (before ? [...current, ...page.messages] : page.messages))
    setNext(page.messages.length === 100 ? page.next : null)
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload from the first page when the filter changes
  useEffect(() => void load(null), [status, testOnly])

  return (
    <main className="page">
      <h1>{t(TEXT.messages)}</h1>
      <select value={status} onChange={(event) => setStatus(event.target.value as typeof status)} aria-label={t(TEXT.status)}>
        {STATUSES.map((value) => (
          <option key={value} value={value}>
            {value ? t(MESSAGE_STATUS_LABELS[value]) : t(LOCAL.all)}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={testOnly} onChange={(event) => setTestOnly(event.target.checked)} />
        {t(LOCAL.testOnly)}
      </label>
      {rows.length === 0 ? (
        <p className="hint">{t(LOCAL.none)}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t(LOCAL.time)}</th>
              <th>{t(TEXT.journeys)}</th>
              <th>{t(LOCAL.contact)}</th>
              <th>{t(TEXT.status)}</th>
              <th>{t(LOCAL.text)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{new Date(row.createdAt).toLocaleString(locale)}</td>
                <td>
                  <a href={`#/journeys/${encodeURIComponent(row.journeyId)}`}>{row.journeyId}</a> · {row.nodeId}
                </td>
                <td>{row.contactId ? <a href={`#/contacts?id=${encodeURIComponent(row.contactId)}`}>{row.contactId}</a> : row.test ? t(LOCAL.testPhone) : '—'}</td>
                <td>
                  <MessageStatusBadge status={row.status} />
                  {row.test && (
                    <>
                      {' '}
                      <span className="status status--test" data-testid="test-badge">
                        {t(LOCAL.test)}
                      </span>
                    </>
                  )}
                  {row.carrierCode && <CarrierCode code={row.carrierCode} t={t} />}
                </td>
                <td>
                  {row.text}{' '}
                  <small>
                    ({row.channel.toUpperCase()} × {row.parts})
                  </small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {t(LOCAL.more)}
        </button>
      )}
    </main>
  )
}
