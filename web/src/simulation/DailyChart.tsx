import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { datesSpanned } from './chart-days'
import { yuan } from './money'

const TEXT = {
  title: { en: 'Messages per day', zh: '每日发送量' },
  cost: { en: 'cost', zh: '费用' },
  parts: { en: 'parts', zh: '条计费短信' },
} satisfies Record<string, LocalizedText>

const HEIGHT = 120
/** Room right of the last bar for a date label starting there ("12-01" at 9 px). */
const LABEL_ROOM = 30

/**
 * Every day from the first with messages to the last, with a bar for its messages (days without any
 * show as gaps) and the cost on hover: the bars add up to the run's total. The chart scales to its
 * column (a viewBox, not a pixel width), so a long run never spills into the Held column beside it.
 */
export function DailyChart({ byDay }: { byDay: { date: string; messages: number; parts: number; cost: number }[] }) {
  const locale = useLocale()
  const byDate = new Map(byDay.map((day) => [day.date, day]))
  const all = datesSpanned([...byDate.keys()]).map((date) => byDate.get(date) ?? { date, messages: 0, parts: 0, cost: 0 })
  const most = Math.max(1, ...all.map((day) => day.messages))
  const width = 12
  return (
    <figure className="daily-chart">
      <figcaption>{localize(TEXT.title, locale)}</figcaption>
      <svg
        viewBox={`0 0 ${all.length * (width + 3) + LABEL_ROOM} ${HEIGHT + 16}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        role="img"
        aria-label={localize(TEXT.title, locale)}
      >
        {all.map((day, index) => {
          const height = Math.round((day.messages / most) * HEIGHT)
          return (
            <g key={day.date}>
              <rect x={index * (width + 3)} y={HEIGHT - height} width={width} height={height} className="daily-chart__bar">
                <title>{`${day.date}: ${day.messages.toLocaleString(locale)} · ${day.parts.toLocaleString(locale)} ${localize(TEXT.parts, locale)} · ${localize(TEXT.cost, locale)} ${yuan(day.cost, locale)}`}</title>
              </rect>
              {index % 7 === 0 && (
                <text x={index * (width + 3)} y={HEIGHT + 12} className="daily-chart__label">
                  {day.date.slice(5)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
