import { type LocalizedText, localize } from '@recall/shared'
import { type FormEvent, useEffect, useState } from 'react'
import { ApiFailure, api, send } from '../app/api'
import { useLocale } from '../app/locale'
import { pageParameter } from '../app/router'
import { TEXT } from '../app/texts'

const LOCAL = {
  find: { en: 'Find a contact by id', zh: '按 ID 查找联系人' },
  search: { en: 'Show', zh: '查看' },
  import: { en: 'Import a CSV (id, phone, time_zone, consent, any attribute)', zh: '导入 CSV(id、phone、time_zone、consent 及任意属性列)' },
  imported: { en: 'Imported: {inserted} new, {updated} updated', zh: '已导入:新增 {inserted},更新 {updated}' },
  journeys: { en: 'Journeys', zh: '旅程' },
  suppressed: { en: 'On the suppression list (opted out)', zh: '已在退订名单中' },
  consent: { en: 'Consent', zh: '营销授权' },
} satisfies Record<string, LocalizedText>

interface ContactDetail {
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

/** Import contacts from a file, and look one up with its journeys, timelines and messages. */
export function ContactsPage() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  // Opened from elsewhere (the live view) with ?id=: show that contact at once.
  const [id, setId] = useState(pageParameter('id') ?? '')
  const [detail, setDetail] = useState<ContactDetail | undefined>()
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; lines: string[] } | undefined>()

  async function find(event?: FormEvent) {
    event?.preventDefault()
    setMessage(undefined)
    try {
      setDetail(await api<ContactDetail>('GET', `/contacts/${encodeURIComponent(id.trim())}`))
    } catch (cause) {
      setDetail(undefined)
      setMessage({ kind: 'error', lines: [cause instanceof Error ? cause.message : String(cause)] })
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: only for the contact named in the address, once
  useEffect(() => {
    if (id) void find()
  }, [])

  async function importFile(file: File) {
    setMessage(undefined)
    try {
      const result = await send<{ inserted: number; updated: number }>('POST', '/contacts/import', { raw: file, contentType: 'text/csv' })
      setMessage({ kind: 'notice', lines: [t(LOCAL.imported).replace('{inserted}', String(result.inserted)).replace('{updated}', String(result.updated))] })
    } catch (cause) {
      const failure = cause instanceof ApiFailure ? cause : undefined
      setMessage({
        kind: 'error',
        lines: [failure?.message ?? String(cause), ...(failure?.problems.map((problem) => `${problem.path}: ${problem.text ?? localize(problem.message, locale)}`) ?? [])],
      })
    }
  }

  return (
    <main className="page">
      <h1>{t(TEXT.contacts)}</h1>
      <label className="field">
        <span className="field__label">{t(LOCAL.import)}</span>
        <input type="file" accept=".csv,text/csv" onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])} />
      </label>
      <form onSubmit={(event) => void find(event)} className="inline">
        <input value={id} placeholder={t(LOCAL.find)} onChange={(event) => setId(event.target.value)} aria-label={t(LOCAL.find)} />
        <button type="submit">{t(LOCAL.search)}</button>
      </form>
      {message && (
        <div className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {detail && (
        <section className="contact">
          <h2>
            {detail.contact.externalId} · {detail.contact.phone ?? '—'} · {detail.contact.timeZone ?? '—'}
          </h2>
          <p>
            {t(LOCAL.consent)}: {detail.contact.consent ? '✓' : '✗'} {detail.contact.suppressed && <strong className="error">{t(LOCAL.suppressed)}</strong>}
          </p>
          <pre className="attributes">{JSON.stringify(detail.contact.attributes, null, 2)}</pre>
          <h3>{t(LOCAL.journeys)}</h3>
          {detail.enrollments.map((enrollment) => (
            <div key={enrollment.id}>
              <h4>
                {enrollment.journeyId} v{enrollment.version} · {enrollment.status} {enrollment.nodeId ? `@ ${enrollment.nodeId}` : ''}
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
          <ul>
            {detail.messages.map((sent) => (
              <li key={sent.id}>
                <span className={`status status--${sent.status}`}>{sent.status}</span> {sent.text}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  )
}
