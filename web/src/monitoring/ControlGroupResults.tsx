import { type JourneyUplift, type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../app/api'
import { useLocale } from '../app/locale'
import { yuan } from '../simulation/money'
import { useLive } from './store'
import { conversions, points, signedCount, signedYuan, UPLIFT_TEXT } from './uplift-format'

const TEXT = {
  ...UPLIFT_TEXT,
  title: { en: 'Uplift against the global control group ({percent}% held out)', zh: '相对全局对照组的增量(对照组 {percent}%)' },
  difference: { en: 'Difference: {rate} (95% interval {lower} to {upper}), p = {p}', zh: '差异:{rate}(95% 区间 {lower} 至 {upper}),p = {p}' },
  incremental: { en: 'Incremental conversions: {n} · revenue per contact {difference}', zh: '增量转化:{n} · 人均收入差 {difference}' },
  waiting: { en: 'The difference shows once both groups have contacts.', zh: '两组都有联系人后显示差异。' },
} satisfies Record<string, LocalizedText>

/**
 * Conversion rate and revenue per contact of the journey's treated contacts against those the
 * workspace's control group held out, with the difference, its interval and test.
 */
export function ControlGroupResults({ journeyId }: { journeyId: string }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [report, setReport] = useState<JourneyUplift | undefined>()
  const tick = useLive((state) => state.snapshot?.totals.sent)
  useEffect(() => {
    void tick
    api<JourneyUplift>('GET', `/journeys/${encodeURIComponent(journeyId)}/control-group`)
      .then(setReport)
      .catch(() => setReport(undefined))
  }, [journeyId, tick])
  // Nothing to compare: no control group now and nobody was ever held out of this journey.
  if (!report || (report.controlGroupPercent === 0 && report.heldOut.contacts === 0)) return null
  const title = t(TEXT.title).replace('{percent}', String(report.controlGroupPercent))
  const { difference } = report
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <table className="table">
        <thead>
          <tr>
            <th>{t(TEXT.group)}</th>
            <th>{t(TEXT.entered)}</th>
            <th>{t(TEXT.converted)}</th>
            <th>{t(TEXT.revenuePerContact)}</th>
          </tr>
        </thead>
        <tbody>
          {(['treated', 'heldOut'] as const).map((group) => (
            <tr key={group}>
              <th scope="row">{t(TEXT[group])}</th>
              <td>{report[group].contacts.toLocaleString(locale)}</td>
              <td>{conversions(report[group], locale)}</td>
              <td>{yuan(report[group].revenuePerContact, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {difference ? (
        <>
          <p>
            {t(TEXT.difference)
              .replace('{rate}', points(difference.rate, t(TEXT.points)))
              .replace('{lower}', points(difference.lower, t(TEXT.points)))
              .replace('{upper}', points(difference.upper, t(TEXT.points)))
              .replace('{p}', difference.pValue.toFixed(3))}{' '}
            — {t(difference.pValue < 0.05 ? TEXT.significant : TEXT.notYet)}
          </p>
          <p>
            {t(TEXT.incremental)
              .replace('{n}', signedCount(report.incrementalConversions ?? 0, locale))
              .replace('{difference}', signedYuan(report.revenuePerContactDifference ?? 0, locale))}
          </p>
        </>
      ) : (
        <p>{t(TEXT.waiting)}</p>
      )}
    </section>
  )
}
