import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { useLocale } from '../app/locale'
import { ContactTime } from './ContactTime'
import { DailyChart } from './DailyChart'
import { yuan } from './money'
import { cancelSimulation, closeSimulation, type ReasonCount, type SimulationResult, useSimulation } from './store'

const TEXT = {
  title: { en: 'Simulation', zh: '模拟' },
  running: { en: 'Simulating…', zh: '模拟中…' },
  cancel: { en: 'Cancel', zh: '取消' },
  cancelling: { en: 'Cancelling…', zh: '正在取消…' },
  close: { en: 'Close', zh: '关闭' },
  cancelled: { en: 'Cancelled after {done} of {days} simulated days: partial results', zh: '已取消:模拟了 {days} 天中的 {done} 天,以下为部分结果' },
  cancelledEmpty: { en: 'Cancelled before the first simulated day: no results', zh: '已取消:第一天尚未模拟完,没有结果' },
  cancelledComparing: {
    en: 'Cancelled while simulating the live version: the draft’s figures are complete, with no comparison',
    zh: '在模拟线上版本时已取消:草稿的结果完整,但没有对比',
  },
  cancelledStopping: { en: 'Cancelled: collecting the days simulated so far…', zh: '已取消:正在汇总已模拟的天数…' },
  cancelFailed: { en: 'Could not cancel', zh: '无法取消' },
  failed: { en: 'The simulation failed', zh: '模拟失败' },
  contacts: { en: 'contacts', zh: '位联系人' },
  messages: { en: 'messages', zh: '条消息' },
  parts: { en: 'parts', zh: '条计费短信' },
  cost: { en: 'cost', zh: '费用' },
  conversions: { en: 'conversions', zh: '次转化' },
  held: { en: 'Held', zh: '暂缓' },
  skipped: { en: 'Skipped', zh: '跳过' },
  exits: { en: 'Exits', zh: '退出' },
  variants: { en: 'A/B variants', zh: 'A/B 分组' },
  compare: { en: 'Draft compared with live version', zh: '草稿与线上版本对比' },
  compareWith: { en: 'Draft compared with live version v{version}', zh: '草稿与线上版本 v{version} 对比' },
  timeline: { en: 'A sample contact’s timeline', zh: '示例联系人时间线' },
  zone: { en: 'Times in the contact’s time zone, {zone}', zh: '时间按联系人所在时区 {zone} 显示' },
} satisfies Record<string, LocalizedText>

export function Reasons({ title, reasons }: { title: LocalizedText; reasons: ReasonCount[] }) {
  const locale = useLocale()
  if (reasons.length === 0) return null
  return (
    <section>
      <h3>{localize(title, locale)}</h3>
      <ul className="reasons">
        {reasons.map((reason) => (
          <li key={`${reason.code}-${reason.message.en}`}>
            <strong>{reason.count.toLocaleString(locale)}</strong> {localize(reason.message, locale)}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** A difference with its sign and the locale's grouping: "+5,043", "−12.50". */
const signed = (value: number, locale: string, digits = 0) =>
  `${value >= 0 ? '+' : '−'}${Math.abs(value).toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })}`

/** Each difference in its language's order: "messages +5,043" / "消息 +5,043 条". */
const DELTA = {
  messages: { en: 'messages {n}', zh: '消息 {n} 条' },
  cost: { en: 'cost {n}', zh: '费用 {n}' },
  conversions: { en: 'conversions {n}', zh: '转化 {n} 次' },
} satisfies Record<string, LocalizedText>

function Comparison({ draft, live }: { draft: SimulationResult; live: SimulationResult & { version: number } }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const cost = signed(draft.messages.cost - live.messages.cost, locale, 2)
  return (
    <section className="comparison" aria-label={t(TEXT.compare)}>
      <h3>{t(TEXT.compareWith).replace('{version}', String(live.version))}</h3>
      <p>
        {[
          t(DELTA.messages).replace('{n}', signed(draft.messages.total - live.messages.total, locale)),
          t(DELTA.cost).replace('{n}', `${cost.slice(0, 1)}¥${cost.slice(1)}`),
          t(DELTA.conversions).replace('{n}', signed(draft.conversions.total - live.conversions.total, locale)),
        ].join(' · ')}
      </p>
    </section>
  )
}

function Timeline({ result }: { result: SimulationResult }) {
  const locale = useLocale()
  const ids = Object.keys(result.timelines)
  const [chosen, setChosen] = useState(ids[0] ?? '')
  const lines = result.timelines[chosen] ?? []
  // Every kept timeline has its zone; only an empty choice (no timelines) has none.
  const zone = result.timeZones[chosen]
  return (
    <section>
      <h3>{localize(TEXT.timeline, locale)}</h3>
      <select value={chosen} onChange={(event) => setChosen(event.target.value)} aria-label={localize(TEXT.timeline, locale)}>
        {ids.map((id) => (
          <option key={id}>{id}</option>
        ))}
      </select>
      {zone && <p className="timeline__zone">{localize(TEXT.zone, locale).replace('{zone}', zone)}</p>}
      <ol className="timeline" data-testid="simulated-timeline">
        {lines.map((line) => (
          <li key={`${line.at}-${line.kind}-${line.nodeId ?? ''}`}>
            <ContactTime at={line.at} timeZone={zone} /> <code>{line.nodeId}</code> {localize(line.message, locale)}
          </li>
        ))}
      </ol>
    </section>
  )
}

/** The run's progress, then what the journey would do: sends per day, costs, reasons, variants, timelines. */
export function SimulationPanel() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const run = useSimulation((state) => state.run)
  const request = useSimulation((state) => state.request)
  const cancelling = useSimulation((state) => state.cancelling)
  const cancelError = useSimulation((state) => state.cancelError)
  if (!run || !request) return null
  const result = run.result
  return (
    <section className="simulation" aria-label={t(TEXT.title)}>
      <header className="simulation__header">
        <h2>{t(TEXT.title)}</h2>
        {run.status === 'running' && (
          <>
            <progress max={1} value={run.progress} aria-label={t(TEXT.running)} />
            <span>{Math.round(run.progress * 100)}%</span>
            <button type="button" disabled={cancelling} onClick={() => void cancelSimulation()}>
              {t(cancelling ? TEXT.cancelling : TEXT.cancel)}
            </button>
            {cancelError && <span className="error">{`${t(TEXT.cancelFailed)}: ${cancelError}`}</span>}
          </>
        )}
        {run.status === 'cancelled' && (
          <span className="warning" role="status">
            {result && !result.cancelled
              ? t(TEXT.cancelledComparing)
              : result && result.simulatedDays > 0
                ? t(TEXT.cancelled).replace('{done}', String(result.simulatedDays)).replace('{days}', String(request.days))
                : run.stopping
                  ? t(TEXT.cancelledStopping)
                  : t(TEXT.cancelledEmpty)}
          </span>
        )}
        {run.status === 'failed' && <span className="error">{`${t(TEXT.failed)}: ${run.error ?? ''}`}</span>}
        <button type="button" onClick={closeSimulation}>
          {t(TEXT.close)}
        </button>
      </header>
      {result && (
        <div className="simulation__body">
          <p className="simulation__totals" data-testid="simulation-totals">
            {`${result.contacts.toLocaleString(locale)} ${t(TEXT.contacts)} · ${result.messages.total.toLocaleString(locale)} ${t(TEXT.messages)} · ${result.messages.parts.toLocaleString(locale)} ${t(TEXT.parts)} · ${t(TEXT.cost)} ${yuan(result.messages.cost, locale)} · ${result.conversions.total.toLocaleString(locale)} ${t(TEXT.conversions)}`}
          </p>
          {/* A live run cut short is no baseline: its fewer days would read as the draft sending more. */}
          {run.baseline && !run.baseline.cancelled && <Comparison draft={result} live={run.baseline} />}
          <DailyChart byDay={result.messages.byDay} />
          <Reasons title={TEXT.held} reasons={result.held} />
          <Reasons title={TEXT.skipped} reasons={result.skipped} />
          <Reasons title={TEXT.exits} reasons={result.exits} />
          {result.conversions.byVariant.length > 0 && (
            <section>
              <h3>{t(TEXT.variants)}</h3>
              <ul>
                {result.conversions.byVariant.map((variant) => (
                  <li key={`${variant.nodeId}-${variant.variantId}`}>
                    {`${variant.variantId}: ${variant.converted} / ${variant.contacts} (${((variant.converted / Math.max(1, variant.contacts)) * 100).toFixed(1)}%)`}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Timeline result={result} />
        </div>
      )}
    </section>
  )
}
