import { type JourneySeries, type LocalizedText, localize, type SeriesPoint } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText } from '../app/api'
import { useLocale } from '../app/locale'
import { yuan } from '../simulation/money'
import { axisLabel, fullLabel } from './bucket-labels'
import { labelledPoints, roundedTop } from './chart-axis'
import './live-chart.css'

const TEXT = {
  perHour: { en: 'Over time (per hour, times in {zone})', zh: '趋势(每小时,时区 {zone})' },
  perDay: { en: 'Over time (per day, times in {zone})', zh: '趋势(每天,时区 {zone})' },
  described: { en: '{title}: {summary}', zh: '{title}:{summary}' },
  entries: { en: 'Entries', zh: '进入' },
  sends: { en: 'Sends', zh: '发送' },
  conversions: { en: 'Conversions', zh: '转化' },
  revenue: { en: 'Revenue', zh: '收入' },
  table: { en: 'Show as a table', zh: '以表格显示' },
  time: { en: 'Time', zh: '时间' },
  total: { en: 'Total', zh: '合计' },
} satisfies Record<string, LocalizedText>

type Count = 'entries' | 'sends' | 'conversions'
const LINES: Count[] = ['entries', 'sends', 'conversions']

/** The demo clock moves an hour a second: the chart follows without flooding the server. */
const REFRESH_MS = 5_000
const WIDTH = 640
const LEFT = 44
/** "14:00" or "11-24" at 10 px, with a gap: labels closer than this would touch. */
const LABEL_WIDTH = 44
const PLOT_WIDTH = WIDTH - LEFT - LABEL_WIDTH / 2
const PLOT_HEIGHT = 96
const REVENUE_HEIGHT = 30
const TOP = 8

/** The chosen range of a running journey over time: entries, sends and conversions as lines, revenue as bars when goals carry it. */
export function LiveChart({ journeyId, lastHours }: { journeyId: string; lastHours: number | undefined }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [series, setSeries] = useState<JourneySeries | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    let current = true
    const load = () =>
      api<JourneySeries>('GET', `/journeys/${encodeURIComponent(journeyId)}/series${lastHours ? `?lastHours=${lastHours}` : ''}`)
        .then((answer) => {
          if (!current) return
          setSeries(answer)
          setError(undefined)
        })
        .catch((cause) => current && setError(failureText(cause)))
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    return () => {
      current = false
      clearInterval(timer)
    }
  }, [journeyId, lastHours])
  if (error) return <p className="error">{error}</p>
  if (!series) return null
  const { points, bucket, timeZone, hasRevenue } = series
  const countTop = roundedTop(Math.max(0, ...points.flatMap((point) => LINES.map((line) => point[line]))))
  const revenueTop = roundedTop(Math.max(0, ...points.map((point) => point.revenue)))
  const spacing = points.length > 1 ? PLOT_WIDTH / (points.length - 1) : PLOT_WIDTH
  const x = (index: number) => LEFT + (points.length > 1 ? index * spacing : PLOT_WIDTH / 2)
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / countTop) * PLOT_HEIGHT
  const revenueBase = TOP + PLOT_HEIGHT + 16 + REVENUE_HEIGHT
  const labelsAt = revenueBase + (hasRevenue ? 14 : 6 - REVENUE_HEIGHT)
  const height = labelsAt + 4
  const title = t(bucket === 'hour' ? TEXT.perHour : TEXT.perDay).replace('{zone}', timeZone)
  const legend = [
    ...LINES.map((line) => ({ key: line, value: series.totals[line].toLocaleString(locale) })),
    ...(hasRevenue ? [{ key: 'revenue' as const, value: yuan(series.totals.revenue, locale) }] : []),
  ]
  const summary = legend.map((item) => `${t(TEXT[item.key])} ${item.value}`).join(' · ')
  const tooltip = (point: SeriesPoint) =>
    [
      fullLabel(point.start, bucket, timeZone),
      ...LINES.map((line) => `${t(TEXT[line])} ${point[line].toLocaleString(locale)}`),
      ...(hasRevenue ? [`${t(TEXT.revenue)} ${yuan(point.revenue, locale)}`] : []),
    ].join(' · ')
  return (
    <figure className="live-chart">
      <div className="live-chart__head">
        <figcaption>{title}</figcaption>
        <ul className="live-chart__legend" aria-label={t(TEXT.total)}>
          {legend.map((item) => (
            <li key={item.key}>
              <span className={`live-chart__swatch live-chart__swatch--${item.key}`} aria-hidden="true" />
              {t(TEXT[item.key])} <strong>{item.value}</strong>
            </li>
          ))}
        </ul>
      </div>
      <svg width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t(TEXT.described).replace('{title}', title).replace('{summary}', summary)}>
        {[0, countTop / 2, countTop].map((value) => (
          <g key={value} className="live-chart__grid">
            <line x1={LEFT} x2={LEFT + PLOT_WIDTH} y1={y(value)} y2={y(value)} />
            <text x={LEFT - 6} y={y(value) + 3} textAnchor="end">
              {value.toLocaleString(locale)}
            </text>
          </g>
        ))}
        {hasRevenue && (
          <g className="live-chart__revenue">
            <text x={LEFT - 6} y={revenueBase - REVENUE_HEIGHT + 8} textAnchor="end">
              {yuan(revenueTop, locale).replace(/\.00$/, '')}
            </text>
            {points.map((point, index) => {
              const barHeight = (point.revenue / revenueTop) * REVENUE_HEIGHT
              const barWidth = Math.max(1, Math.min(12, spacing * 0.6))
              return <rect key={point.start} x={x(index) - barWidth / 2} y={revenueBase - barHeight} width={barWidth} height={barHeight} />
            })}
          </g>
        )}
        {LINES.map((line) => (
          <polyline key={line} className={`live-chart__line live-chart__line--${line}`} points={points.map((point, index) => `${x(index)},${y(point[line])}`).join(' ')} />
        ))}
        {labelledPoints(points.length, PLOT_WIDTH, LABEL_WIDTH).map((index) => (
          <text key={index} className="live-chart__label" x={x(index)} y={labelsAt} textAnchor="middle">
            {axisLabel((points[index] as SeriesPoint).start, bucket, timeZone)}
          </text>
        ))}
        {points.map((point, index) => (
          <rect key={point.start} className="live-chart__hover" x={x(index) - spacing / 2} y={TOP} width={spacing} height={labelsAt - TOP}>
            <title>{tooltip(point)}</title>
          </rect>
        ))}
      </svg>
      <details>
        <summary>{t(TEXT.table)}</summary>
        <table className="table live-chart__table">
          <thead>
            <tr>
              <th>{t(TEXT.time)}</th>
              {legend.map((item) => (
                <th key={item.key}>{t(TEXT[item.key])}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.start}>
                <td>{fullLabel(point.start, bucket, timeZone)}</td>
                {LINES.map((line) => (
                  <td key={line}>{point[line].toLocaleString(locale)}</td>
                ))}
                {hasRevenue && <td>{yuan(point.revenue, locale)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
