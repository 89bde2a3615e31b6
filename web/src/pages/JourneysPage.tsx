import {
  bilingualPart,
  blankJourney,
  JOURNEY_TEMPLATES,
  type JourneyDocument,
  type JourneyListItem,
  type JourneyStatus,
  type LocalizedText,
  localize,
  nodeKindOf,
} from '@recall/shared'
import { useCallback, useEffect, useState } from 'react'
import { api, failureText } from '../app/api'
import { JourneyName } from '../app/JourneyName'
import { useLocale } from '../app/locale'
import { navigate } from '../app/router'
import { ScheduleBadge } from '../app/ScheduleBadge'
import { useSession, viewsOnly } from '../app/session'
import { TEXT } from '../app/texts'
import { JourneyActions } from './journeys/JourneyActions'
import { JourneyTags, TagFilter } from './journeys/JourneyTags'
import { freshId, type JourneySort, visibleJourneys } from './journeys/journey-list'

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
  stopped_steps: { en: 'contacts stopped by a failing step', zh: '有联系人因步骤失败而停止' },
}

const LOCAL = {
  newBlank: { en: '+ New blank journey', zh: '+ 新建空白旅程' },
  blankName: { en: 'New journey', zh: '新旅程' },
  search: { en: 'Search journeys by name or id', zh: '按名称或标识搜索旅程' },
  sort: { en: 'Sort by', zh: '排序' },
  byUpdated: { en: 'Last change', zh: '最近修改' },
  byStatus: { en: 'Status', zh: '状态' },
  byName: { en: 'Name', zh: '名称' },
  showArchived: { en: 'Show archived', zh: '显示已归档' },
  noMatch: { en: 'No journey matches', zh: '没有匹配的旅程' },
  actions: { en: 'Actions', zh: '操作' },
  viewerReason: {
    en: 'You can open journeys and watch how they run. Creating, duplicating, tagging, archiving and deleting journeys take the editor or admin role.',
    zh: '你可以打开旅程并查看运行情况。新建、复制、添加标签、归档和删除旅程需要编辑者或管理员角色。',
  },
} satisfies Record<string, LocalizedText>

/** The viewer's reason, which the buttons they cannot use point to. */
const VIEWER_REASON_ID = 'journeys-viewer-reason'

const SORTS: { value: JourneySort; label: LocalizedText }[] = [
  { value: 'updated', label: LOCAL.byUpdated },
  { value: 'status', label: LOCAL.byStatus },
  { value: 'name', label: LOCAL.byName },
]

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
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<JourneySort>('updated')
  const [showArchived, setShowArchived] = useState(false)
  const [tag, setTag] = useState('')
  // The server refuses a viewer's every change: they see why here instead of buttons that only fail.
  const viewOnly = useSession(viewsOnly)
  const load = useCallback(() => {
    api<{ journeys: JourneyListItem[] }>('GET', '/journeys')
      .then((answer) => setJourneys(answer.journeys))
      .catch((cause) => setError(failureText(cause)))
  }, [])
  useEffect(load, [load])
  const shown = journeys && visibleJourneys(journeys, { search, sort, showArchived, tag })

  async function startBlank() {
    const id = freshId('journey', journeys ?? [])
    try {
      await api('POST', '/journeys', blankJourney(id, t(LOCAL.blankName)))
      navigate(`/journeys/${id}`)
    } catch (cause) {
      setError(failureText(cause))
    }
  }

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
      {viewOnly && (
        <p className="notice" role="status" id={VIEWER_REASON_ID}>
          {t(LOCAL.viewerReason)}
        </p>
      )}
      <div className="journeys__tools">
        <button type="button" className="primary" disabled={viewOnly} aria-describedby={viewOnly ? VIEWER_REASON_ID : undefined} onClick={() => void startBlank()}>
          {t(LOCAL.newBlank)}
        </button>
        <input type="search" placeholder={t(LOCAL.search)} aria-label={t(LOCAL.search)} value={search} onChange={(event) => setSearch(event.target.value)} />
        <label className="inline">
          {t(LOCAL.sort)}
          <select value={sort} onChange={(event) => setSort(event.target.value as JourneySort)}>
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {t(option.label)}
              </option>
            ))}
          </select>
        </label>
        <TagFilter journeys={journeys ?? []} value={tag} onChange={setTag} />
        <label className="inline">
          <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
          {t(LOCAL.showArchived)}
        </label>
      </div>
      {journeys === undefined || shown === undefined ? (
        <p>{t(TEXT.loading)}</p>
      ) : journeys.length === 0 ? (
        <p className="hint">{t(TEXT.noJourneys)}</p>
      ) : shown.length === 0 ? (
        <p className="hint">{t(LOCAL.noMatch)}</p>
      ) : (
        <table className="table journeys">
          <thead>
            <tr>
              <th>{t(TEXT.name)}</th>
              <th>{t(TEXT.status)}</th>
              <th>{t(TEXT.version)}</th>
              <th>{t(TEXT.activeContacts)}</th>
              <th>{t(TEXT.updated)}</th>
              {!viewOnly && <th>{t(LOCAL.actions)}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((journey) => (
              <tr key={journey.id}>
                <td>
                  <a href={`#/journeys/${encodeURIComponent(journey.id)}`}>
                    <JourneyName name={journey.name} />
                  </a>
                  <JourneyTags journey={journey} onChanged={load} readOnly={viewOnly} />
                </td>
                <td>
                  <span className={`status status--${journey.status}`}>{t(STATUS[journey.status])}</span>
                  {journey.alarms.map((alarm) => (
                    <span key={alarm} className="status status--failed" title={t(ALARMS[alarm])}>
                      ⚠ {t(ALARMS[alarm])}
                    </span>
                  ))}
                  {journey.schedule && <ScheduleBadge journeyId={journey.id} schedule={journey.schedule} onCancelled={load} />}
                </td>
                <td>{journey.liveVersion ? `v${journey.liveVersion}` : '—'}</td>
                <td>{journey.activeContacts.toLocaleString(locale)}</td>
                <td>{new Date(journey.updatedAt).toLocaleString(locale)}</td>
                {!viewOnly && (
                  <td>
                    <JourneyActions journey={journey} all={journeys} onChanged={load} onError={(cause) => setError(failureText(cause))} />
                  </td>
                )}
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
            <button type="button" className="primary" disabled={viewOnly} aria-describedby={viewOnly ? VIEWER_REASON_ID : undefined} onClick={() => void startFrom(template)}>
              {t(TEXT.use)}
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}
