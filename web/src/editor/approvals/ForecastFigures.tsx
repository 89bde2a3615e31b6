import { type LocalizedText, localize, type PublishForecastFigures } from '@recall/shared'
import { useLocale } from '../../app/locale'
import { APPROVAL_TEXT, fill } from './texts'

/** The forecast figures a publish was judged by, each marked when it passes the workspace's limit. */
export function ForecastFigures({ forecast, title = APPROVAL_TEXT.forecast }: { forecast: PublishForecastFigures | null; title?: LocalizedText }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  if (!forecast) return <p className="hint">{t(APPROVAL_TEXT.noForecast)}</p>
  const over = (limit: 'messages' | 'cost') => (forecast.over.includes(limit) ? <strong className="error">{` · ${t(APPROVAL_TEXT.overLimit)}`}</strong> : null)
  return (
    <section className="forecast-figures" aria-label={t(title)}>
      <h3>{t(title)}</h3>
      <dl>
        <dt>{t(APPROVAL_TEXT.next24h)}</dt>
        <dd>
          {forecast.next24hMessages.toLocaleString(locale)}
          {over('messages')}
        </dd>
        <dt>{fill(t(APPROVAL_TEXT.costOver), { days: forecast.days })}</dt>
        <dd>
          {`¥${forecast.cost.toFixed(2)}`}
          {over('cost')}
        </dd>
      </dl>
    </section>
  )
}
