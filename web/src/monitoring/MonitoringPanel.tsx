import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../app/api'
import { useLocale } from '../app/locale'
import { useSession, viewsOnly } from '../app/session'
import { liveVersionDrawn, useEditor } from '../editor/store'
import { AbResults } from './AbResults'
import { ContactsAtNode } from './ContactsAtNode'
import { ControlGroupResults } from './ControlGroupResults'
import { LiveAlarms } from './LiveAlarms'
import { LiveChart } from './LiveChart'
import { OlderVersions } from './OlderVersions'
import { startLive, useLive } from './store'

const TEXT = {
  title: { en: 'Live', zh: '实时监控' },
  range: { en: 'Since', zh: '时间范围' },
  all: { en: 'Since launch', zh: '上线以来' },
  day: { en: 'Last 24 hours', zh: '最近 24 小时' },
  week: { en: 'Last 7 days', zh: '最近 7 天' },
  active: { en: 'in the journey now', zh: '人当前在旅程中' },
  funnel: { en: 'sent → delivered → clicked → redeemed', zh: '发送 → 送达 → 点击 → 核销' },
  pause: { en: 'Pause journey', zh: '暂停旅程' },
  resume: { en: 'Resume journey', zh: '恢复旅程' },
} satisfies Record<string, LocalizedText>

const percent = (value: number) => `${(value * 100).toFixed(1)}%`
/** Hours back from the server's clock: the demo clock runs an hour a second, the browser's does not. */
const RANGES = { all: undefined, day: 24, week: 7 * 24 } as const

/** The running journey on the same canvas: counts on the nodes, the funnel, alarms, and who waits where. */
export function MonitoringPanel({
  journeyId,
  status,
  onStatus,
  onRolledOut,
}: {
  journeyId: string
  status: string
  onStatus(status: 'live' | 'paused'): void
  /** Resolves once the page has taken the version and the draft the roll-out changed. */
  onRolledOut(version: number): Promise<void>
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const snapshot = useLive((state) => state.snapshot)
  const selected = useEditor((state) => (state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : undefined))
  const drawn = useEditor(liveVersionDrawn)
  const [range, setRange] = useState<keyof typeof RANGES>('all')
  useEffect(() => {
    startLive(journeyId, RANGES[range])
  }, [journeyId, range])
  const totals = snapshot?.totals
  // Viewers watch: pausing, rolling out and taking contacts out change the journey.
  const viewOnly = useSession(viewsOnly)
  return (
    <section className="monitoring" aria-label={t(TEXT.title)}>
      <header className="simulation__header">
        <h2>{t(TEXT.title)}</h2>
        <select value={range} onChange={(event) => setRange(event.target.value as keyof typeof RANGES)} aria-label={t(TEXT.range)}>
          {(Object.keys(RANGES) as (keyof typeof RANGES)[]).map((key) => (
            <option key={key} value={key}>
              {t(TEXT[key])}
            </option>
          ))}
        </select>
        {!viewOnly && (
          <button
            type="button"
            onClick={() => {
              const next = status === 'paused' ? 'live' : 'paused'
              void api('POST', `/journeys/${encodeURIComponent(journeyId)}/${next === 'paused' ? 'pause' : 'resume'}`).then(() => onStatus(next))
            }}
          >
            {t(status === 'paused' ? TEXT.resume : TEXT.pause)}
          </button>
        )}
      </header>
      {totals && (
        <>
          <p data-testid="live-totals">
            <strong>{totals.active.toLocaleString(locale)}</strong> {t(TEXT.active)} · {t(TEXT.funnel)}: {totals.sent.toLocaleString(locale)} →{' '}
            {totals.delivered.toLocaleString(locale)}
            {totals.deliveryRate !== null ? ` (${percent(totals.deliveryRate)})` : ''} → {totals.clicked.toLocaleString(locale)} → {totals.redeemed.toLocaleString(locale)}
          </p>
          <LiveAlarms journeyId={journeyId} alarms={snapshot.alarms} />
          <OlderVersions journeyId={journeyId} />
        </>
      )}
      <LiveChart journeyId={journeyId} lastHours={RANGES[range]} />
      <AbResults journeyId={journeyId} onRolledOut={onRolledOut} />
      <ControlGroupResults journeyId={journeyId} />
      {selected && drawn !== undefined && <ContactsAtNode journeyId={journeyId} nodeId={selected} version={drawn} />}
    </section>
  )
}
