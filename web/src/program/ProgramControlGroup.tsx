import { type LocalizedText, localize, type ProgramUplift, type UpliftReport } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../app/api'
import { useLocale } from '../app/locale'
import { conversions, points, signedCount, signedYuan, UPLIFT_TEXT } from '../monitoring/uplift-format'
import { yuan } from '../simulation/money'

const TEXT = {
  ...UPLIFT_TEXT,
  title: { en: 'Global control group', zh: '全局对照组' },
  share: {
    en: '{percent}% of contacts held out. Treated against held-out contacts of each live or paused journey with a goal.',
    zh: '{percent}% 的联系人被留作对照。按每个有目标的进行中或已暂停旅程,比较发送组与对照组。',
  },
  off: {
    en: 'The global control group is off, so no one is held out and uplift cannot be measured. Turn it on in',
    zh: '全局对照组未开启,没有联系人被留作对照,无法衡量增量。请在以下位置开启:',
  },
  settings: { en: 'Settings', zh: '设置' },
  journey: { en: 'Journey', zh: '旅程' },
  paused: { en: 'paused', zh: '已暂停' },
  difference: { en: 'Difference (95% interval)', zh: '差异(95% 区间)' },
  pValue: { en: 'p', zh: 'p 值' },
  incremental: { en: 'Incremental conversions · revenue per contact', zh: '增量转化 · 人均收入差' },
  overall: { en: 'All journeys, per contact', zh: '全部旅程(按联系人)' },
  overallHint: {
    en: 'All journeys counts each contact once: converted if any journey converted them, with the revenue of their distinct orders.',
    zh: '“全部旅程”中每个联系人只计一次:任一旅程转化即计为转化,收入按不重复的订单计算。',
  },
  mixed: {
    en: '{n} contacts treated in one journey and held out in another (the share changed) are left out of it.',
    zh: '{n} 个联系人在一个旅程中属发送组、在另一个旅程中属对照组(比例曾变更),未计入。',
  },
  none: { en: 'No live or paused journey has a goal yet.', zh: '还没有设有目标的进行中或已暂停旅程。' },
  to: { en: 'to', zh: '至' },
} satisfies Record<string, LocalizedText>

/** One row of the table: a journey's or the program's treated and held-out groups, and what the messages changed. */
function UpliftRow({ label, report }: { label: string; report: UpliftReport }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const { difference } = report
  const unit = t(TEXT.points)
  const group = (side: 'treated' | 'heldOut') => `${report[side].contacts.toLocaleString(locale)} · ${conversions(report[side], locale)}`
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{group('treated')}</td>
      <td>{group('heldOut')}</td>
      <td>{`${yuan(report.treated.revenuePerContact, locale)} / ${yuan(report.heldOut.revenuePerContact, locale)}`}</td>
      <td>{difference ? `${points(difference.rate, unit)} (${points(difference.lower, unit)} ${t(TEXT.to)} ${points(difference.upper, unit)})` : '—'}</td>
      <td>{difference ? `${difference.pValue.toFixed(3)} ${t(difference.pValue < 0.05 ? TEXT.significant : TEXT.notYet)}` : '—'}</td>
      <td>
        {report.incrementalConversions === undefined
          ? '—'
          : `${signedCount(report.incrementalConversions, locale)} · ${signedYuan(report.revenuePerContactDifference ?? 0, locale)}`}
      </td>
    </tr>
  )
}

/** The Program page's uplift: every goal journey against the workspace's global control group, and the program per contact. */
export function ProgramControlGroup() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [report, setReport] = useState<ProgramUplift | undefined>()
  useEffect(() => {
    api<ProgramUplift>('GET', '/program/control-group')
      .then(setReport)
      .catch(() => setReport(undefined))
  }, [])
  if (!report) return null
  const everHeldOut = report.journeys.some((journey) => journey.heldOut.contacts > 0)
  return (
    <section className="program__control-group" aria-label={t(TEXT.title)}>
      <h2>{t(TEXT.title)}</h2>
      {report.controlGroupPercent > 0 ? (
        <p className="hint">{t(TEXT.share).replace('{percent}', String(report.controlGroupPercent))}</p>
      ) : (
        <p className="hint" role="note">
          {t(TEXT.off)} <a href="#/settings">{t(TEXT.settings)}</a>.
        </p>
      )}
      {report.journeys.length === 0 && report.controlGroupPercent > 0 && <p>{t(TEXT.none)}</p>}
      {report.journeys.length > 0 && (report.controlGroupPercent > 0 || everHeldOut) && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th>{t(TEXT.journey)}</th>
                <th>{`${t(TEXT.treated)}: ${t(TEXT.entered)} · ${t(TEXT.converted)}`}</th>
                <th>{`${t(TEXT.heldOut)}: ${t(TEXT.entered)} · ${t(TEXT.converted)}`}</th>
                <th>{`${t(TEXT.revenuePerContact)} (${t(TEXT.treated)} / ${t(TEXT.heldOut)})`}</th>
                <th>{t(TEXT.difference)}</th>
                <th>{t(TEXT.pValue)}</th>
                <th>{t(TEXT.incremental)}</th>
              </tr>
            </thead>
            <tbody>
              {report.journeys.map((journey) => (
                <UpliftRow key={journey.journeyId} label={journey.status === 'paused' ? `${journey.name} (${t(TEXT.paused)})` : journey.name} report={journey} />
              ))}
            </tbody>
            <tfoot>
              <UpliftRow label={t(TEXT.overall)} report={report.overall} />
            </tfoot>
          </table>
          <p className="hint">
            {t(TEXT.overallHint)}
            {report.mixedContacts > 0 && ` ${t(TEXT.mixed).replace('{n}', report.mixedContacts.toLocaleString(locale))}`}
          </p>
        </>
      )}
    </section>
  )
}
