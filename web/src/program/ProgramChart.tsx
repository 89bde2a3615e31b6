import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { datesSpanned } from '../simulation/chart-days'
import type { JourneyFigures } from './store'
import { PROGRAM_TEXT as TEXT } from './texts'

const HEIGHT = 140
/** Narrowest bar; short runs get wider ones so the chart fills its room. */
const BAR = 12
const CHART_WIDTH = 600
const GAP = 3
const LABEL_ROOM = 30
/** One colour per journey, in the order they are listed; repeats after eight. */
export const JOURNEY_COLOURS = ['#5b8def', '#e8833a', '#3aa57a', '#b35fc2', '#d4b13a', '#4bb3c9', '#c94b6d', '#7a8599']

/** Every day from the first with messages to the last, one bar per day stacked by journey, with the day's figures on hover. */
export function ProgramChart({ journeys }: { journeys: JourneyFigures[] }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const countOf = journeys.map((journey) => new Map(journey.messages.byDay.map((day) => [day.date, day.messages])))
  const dates = datesSpanned(countOf.flatMap((counts) => [...counts.keys()]))
  const totals = dates.map((date) => countOf.reduce((sum, counts) => sum + (counts.get(date) ?? 0), 0))
  const most = Math.max(1, ...totals)
  const bar = Math.max(BAR, Math.floor(CHART_WIDTH / Math.max(1, dates.length)) - GAP)
  return (
    <figure className="daily-chart program-chart">
      <figcaption>{t(TEXT.perDay)}</figcaption>
      <svg viewBox={`0 0 ${dates.length * (bar + GAP) + LABEL_ROOM} ${HEIGHT + 16}`} width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label={t(TEXT.perDay)}>
        {dates.map((date, index) => {
          let top = HEIGHT
          return (
            <g key={date}>
              <title>{`${date}: ${[...journeys.map((journey, at) => `${journey.name} ${(countOf[at]?.get(date) ?? 0).toLocaleString(locale)}`), `${t(TEXT.total)} ${(totals[index] ?? 0).toLocaleString(locale)}`].join(' · ')}`}</title>
              {journeys.map((journey, at) => {
                const height = Math.round(((countOf[at]?.get(date) ?? 0) / most) * HEIGHT)
                top -= height
                return height > 0 ? <rect key={journey.id} x={index * (bar + GAP)} y={top} width={bar} height={height} fill={JOURNEY_COLOURS[at % JOURNEY_COLOURS.length]} /> : null
              })}
              {index % 7 === 0 && (
                <text x={index * (bar + GAP)} y={HEIGHT + 12} className="daily-chart__label">
                  {date.slice(5)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <ul className="program-chart__legend">
        {journeys.map((journey, at) => (
          <li key={journey.id}>
            <span className="program-chart__swatch" style={{ background: JOURNEY_COLOURS[at % JOURNEY_COLOURS.length] }} />
            {journey.name}
          </li>
        ))}
      </ul>
    </figure>
  )
}
