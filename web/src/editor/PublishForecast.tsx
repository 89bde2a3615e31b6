import { type ForecastFigures, type LocalizedText, localize, type PublishForecast } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText } from '../app/api'
import { useLocale } from '../app/locale'
import { DailyChart } from '../simulation/DailyChart'
import { saveNow } from './draft-save'
import './publish-forecast.css'

export const FORECAST_DAYS = 14

const TEXT = {
  title: { en: `Forecast: the next ${FORECAST_DAYS} days`, zh: `预测:未来 ${FORECAST_DAYS} 天` },
  loading: { en: 'Forecasting from the live state…', zh: '正在根据当前线上状态预测…' },
  basis: { en: '{inFlight} contacts in flight now; new entries at last week’s rate: {rate} a day', zh: '当前 {inFlight} 位联系人在旅程中;按上周速度每天新进入 {rate} 位' },
  figure: { en: 'Figure', zh: '指标' },
  proposed: { en: 'Publish the draft', zh: '发布草稿' },
  current: { en: 'Keep the live version', zh: '保持线上版本' },
  difference: { en: 'Difference', zh: '差异' },
  messages: { en: 'Messages', zh: '短信数' },
  parts: { en: 'Billed parts', zh: '计费条数' },
  cost: { en: 'Cost', zh: '费用' },
  next24h: { en: 'Messages in the next 24 h', zh: '未来 24 小时短信数' },
  conversions: { en: 'Conversions', zh: '转化数' },
  removed: { en: 'Contacts reaching nodes this draft removes (they stay on their version):', zh: '将到达此草稿删除的节点的联系人(他们留在原版本):' },
  noneRemoved: { en: 'No contact is at or reaches a node this draft removes.', zh: '没有联系人位于或将到达此草稿删除的节点。' },
} satisfies Record<string, LocalizedText>

const signed = (value: number, text: string) => (value > 0 ? `+${text}` : text)

type Row = { label: LocalizedText; of(figures: ForecastFigures): number; money?: true }
const ROWS: Row[] = [
  { label: TEXT.messages, of: (figures) => figures.messages },
  { label: TEXT.parts, of: (figures) => figures.parts },
  { label: TEXT.cost, of: (figures) => figures.cost, money: true },
  { label: TEXT.next24h, of: (figures) => figures.next24hMessages },
  { label: TEXT.conversions, of: (figures) => figures.conversions },
]

/** The forecast's figures side by side; the difference is publishing minus keeping the live version. */
export function ForecastFiguresView({ forecast }: { forecast: PublishForecast }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const show = (value: number, money?: true) => (money ? `¥${value.toFixed(2)}` : value.toLocaleString(locale))
  return (
    <>
      <p className="hint">{t(TEXT.basis).replace('{inFlight}', forecast.inFlight.toLocaleString(locale)).replace('{rate}', forecast.newEntriesPerDay.toLocaleString(locale))}</p>
      <table className="forecast__table">
        <thead>
          <tr>
            <th scope="col">{t(TEXT.figure)}</th>
            <th scope="col">{t(TEXT.proposed)}</th>
            <th scope="col">{t(TEXT.current)}</th>
            <th scope="col">{t(TEXT.difference)}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => {
            const difference = row.of(forecast.proposed) - row.of(forecast.current)
            return (
              <tr key={row.label.en}>
                <th scope="row">{t(row.label)}</th>
                <td>{show(row.of(forecast.proposed), row.money)}</td>
                <td>{show(row.of(forecast.current), row.money)}</td>
                <td className={difference > 0 ? 'forecast__more' : difference < 0 ? 'forecast__less' : undefined}>
                  {signed(difference, show(row.money ? Math.round(difference * 100) / 100 : difference, row.money))}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <DailyChart byDay={forecast.proposed.byDay} />
      {forecast.removedNodes.some((node) => node.contacts > 0) ? (
        <div className="forecast__removed">
          <p>{t(TEXT.removed)}</p>
          <ul>
            {forecast.removedNodes
              .filter((node) => node.contacts > 0)
              .map((node) => (
                <li key={node.nodeId}>
                  <strong>{node.contacts.toLocaleString(locale)}</strong> <code>{node.nodeId}</code> {t(node.summary)}
                </li>
              ))}
          </ul>
        </div>
      ) : (
        <p className="hint">{t(TEXT.noneRemoved)}</p>
      )}
    </>
  )
}

/**
 * The publish dialog's forecast of a live journey: the draft as on screen (saved first) against the
 * live version, recomputed when the person changes whether contacts in flight move.
 */
export function PublishForecastSection({ journeyId, migrate }: { journeyId: string; migrate: boolean }) {
  const locale = useLocale()
  const [forecast, setForecast] = useState<PublishForecast | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    let current = true
    setForecast(undefined)
    setError(undefined)
    saveNow()
      .then(() => api<PublishForecast>('GET', `/journeys/${encodeURIComponent(journeyId)}/forecast?days=${FORECAST_DAYS}&migrate=${migrate}`))
      .then((answer) => current && setForecast(answer))
      .catch((cause) => current && setError(failureText(cause)))
    // A later choice's answer replaces this one; a slow earlier answer must not overwrite it.
    return () => {
      current = false
    }
  }, [journeyId, migrate])
  return (
    <section className="forecast" aria-label={localize(TEXT.title, locale)} aria-busy={forecast === undefined && error === undefined}>
      <h3>{localize(TEXT.title, locale)}</h3>
      {error ? (
        <p className="error">{error}</p>
      ) : forecast ? (
        <ForecastFiguresView forecast={forecast} />
      ) : (
        <p className="hint" role="status">
          {localize(TEXT.loading, locale)}
        </p>
      )}
    </section>
  )
}
