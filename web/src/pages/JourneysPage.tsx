import { bilingualPart, JOURNEY_TEMPLATES, type JourneyDocument, type JourneyListItem, type JourneyStatus, type LocalizedText, localize, nodeKindOf } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText } from '../app/api'
import { useLocale } from '../app/locale'
import { navigate } from '../app/router'
import { TEXT } from '../app/texts'

const STATUS: Record<JourneyStatus, LocalizedText> = { draft: TEXT.statusDraft, live: TEXT.statusLive, paused: TEXT.statusPaused, archived: TEXT.statusArchived }

interface Alarm {
  key: string
  kind: string
  detail: { poolId?: string }
  count: number
}

const ALARMS: Record<JourneyListItem['alarms'][number], LocalizedText> = {
  delivery_rate: { en: 'low delivery rate', zh: '送达率过低' },
  unsubscribe_rate: { en: 'high unsubscribe rate', zh: '退订率过高' },
}

/** A journey id not yet taken: the template's id, then -2, -3… */
function freshId(base: string, taken: readonly JourneyListItem[]): string {
  const ids = new Set(taken.map((journey) => journey.id))
  let id = base
  for (let counter = 2; ids.has(id); counter += 1) id = `${base}-${counter}`
  return id
}

export function JourneysPage() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [journeys, setJourneys] = useState<JourneyListItem[] | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [alarms, setAlarms] = useState<Alarm[]>([])
  useEffect(() => {
    api<{ alarms: Alarm[] }>('GET', '/coupons/alarms')
      .then((answer) => setAlarms(answer.alarms))
      .catch(() => setAlarms([]))
  }, [])
  useEffect(() => {
    api<{ journeys: JourneyListItem[] }>('GET', '/journeys')
      .then((answer) => setJourneys(answer.journeys))
      .catch((cause) => setError(failureText(cause)))
  }, [])

  async function startFrom(template: JourneyDocument) {
    const id = freshId(template.id, journeys ?? [])
    try {
      await api('POST', '/journeys', { ...template, id, name: bilingualPart(template.name, locale) })
      navigate(`/journeys/${id}`)
    } catch (cause) {
      setError(failureText(cause))
    }
  }

  return (
    <main className="page">
      <h1>{t(TEXT.journeys)}</h1>
      {alarms.map((alarm) => (
        <p key={alarm.key} className="alarm" role="alert">
          {t(TEXT.poolEmpty).replace('{pool}', String(alarm.detail.poolId)).replace('{count}', String(alarm.count))}
        </p>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {journeys === undefined ? (
        <p>{t(TEXT.loading)}</p>
      ) : journeys.length === 0 ? (
        <p className="hint">{t(TEXT.noJourneys)}</p>
      ) : (
        <table className="table journeys">
          <thead>
            <tr>
              <th>{t(TEXT.name)}</th>
              <th>{t(TEXT.status)}</th>
              <th>{t(TEXT.version)}</th>
              <th>{t(TEXT.activeContacts)}</th>
              <th>{t(TEXT.updated)}</th>
            </tr>
          </thead>
          <tbody>
            {journeys.map((journey) => (
              <tr key={journey.id}>
                <td>
                  <a href={`#/journeys/${encodeURIComponent(journey.id)}`}>{journey.name}</a>
                </td>
                <td>
                  <span className={`status status--${journey.status}`}>{t(STATUS[journey.status])}</span>
                  {journey.alarms.map((alarm) => (
                    <span key={alarm} className="status status--failed" title={t(ALARMS[alarm])}>
                      ⚠ {t(ALARMS[alarm])}
                    </span>
                  ))}
                </td>
                <td>{journey.liveVersion ? `v${journey.liveVersion}` : '—'}</td>
                <td>{journey.activeContacts.toLocaleString(locale)}</td>
                <td>{new Date(journey.updatedAt).toLocaleString(locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t(TEXT.newFromTemplate)}</h2>
      <ul className="gallery">
        {JOURNEY_TEMPLATES.map((template) => (
          <li className="template-card" key={template.id}>
            <h3>{bilingualPart(template.name, locale)}</h3>
            <p>{bilingualPart(template.description, locale)}</p>
            <ol aria-label={bilingualPart(template.name, locale)}>
              {template.nodes.map((node) => (
                <li key={node.id}>{nodeKindOf(node.type).summary(node.data, locale)}</li>
              ))}
            </ol>
            <button type="button" className="primary" onClick={() => void startFrom(template)}>
              {t(TEXT.use)}
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}
