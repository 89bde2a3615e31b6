import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { yuan } from '../simulation/money'
import { BUCKETS } from './ProgramResults'
import type { FigureChange, ProgramComparison, WhatIfChanges } from './store'
import { PROGRAM_TEXT as TEXT } from './texts'

const FIGURES = ['messages', 'parts', 'cost', 'held', 'skipped', 'conversions'] as const
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? '')

function Row({ label, change, money, locale }: { label: string; change: FigureChange; money: boolean; locale: string }) {
  const show = (value: number) => (money ? yuan(value, locale) : value.toLocaleString(locale))
  const sign = change.difference > 0 ? '+' : change.difference < 0 ? '−' : '±'
  return (
    <tr className={change.difference === 0 ? undefined : 'what-if__changed'}>
      <th scope="row">{label}</th>
      <td>{show(change.base)}</td>
      <td>{show(change.changed)}</td>
      <td>{`${sign}${show(Math.abs(change.difference))}`}</td>
    </tr>
  )
}

/** The changes in words: "cap "recall-30d" at most 3 · allowed hours 09:00–20:00". */
export function describeChanges(changes: WhatIfChanges, t: (text: LocalizedText) => string): string {
  return [
    ...(changes.caps ?? []).map((cap) => fill(t(TEXT.capChange), { id: cap.id, limit: String(cap.limit) })),
    ...(changes.quietHoursWindow ?? []).map((slot) => fill(t(TEXT.hoursChange), { start: slot.start, end: slot.end })),
    ...(changes.dailyMessageCeiling ? [fill(t(TEXT.ceilingChange), { limit: String(changes.dailyMessageCeiling) })] : []),
    ...(['marketing', 'recall'] as const).flatMap((category) => {
      const hours = changes.providerWindows?.[category]
      return hours ? [fill(t(TEXT.providerChange), { category: t(TEXT[category]), start: hours.start, end: hours.end })] : []
    }),
  ].join(' · ')
}

/** The same sample under the workspace's settings and the changed ones, side by side, with the differences. */
export function WhatIfComparison({ comparison, changes }: { comparison: ProgramComparison; changes: WhatIfChanges }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const head = (
    <thead>
      <tr>
        <th>{t(TEXT.figure)}</th>
        <th>{t(TEXT.base)}</th>
        <th>{t(TEXT.changed)}</th>
        <th>{t(TEXT.difference)}</th>
      </tr>
    </thead>
  )
  return (
    <section className="what-if" aria-label={t(TEXT.comparison)}>
      <h2>{t(TEXT.comparison)}</h2>
      <p data-testid="what-if-changes">{`${t(TEXT.changesMade)}: ${describeChanges(changes, t)}`}</p>
      <div className="what-if__tables">
        <table className="program-table" data-testid="what-if-total">
          <caption>{t(TEXT.total)}</caption>
          {head}
          <tbody>
            {FIGURES.map((figure) => (
              <Row key={figure} label={t(TEXT.columns[figure])} change={comparison.total[figure]} money={figure === 'cost'} locale={locale} />
            ))}
            {BUCKETS.map((bucket) => (
              <Row
                key={bucket.key}
                label={bucket.key === 'one' ? t(TEXT.contactsWithOne) : fill(t(TEXT.contactsWith), { bucket: bucket.label })}
                change={comparison.perContactWeekly[bucket.key]}
                money={false}
                locale={locale}
              />
            ))}
          </tbody>
        </table>
        {comparison.journeys.map((journey) => (
          <table key={journey.id} className="program-table" data-testid={`what-if-${journey.id}`}>
            <caption>{journey.name}</caption>
            {head}
            <tbody>
              {FIGURES.map((figure) => (
                <Row key={figure} label={t(TEXT.columns[figure])} change={journey[figure]} money={figure === 'cost'} locale={locale} />
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  )
}
