import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { yuan } from '../simulation/money'
import { Reasons } from '../simulation/SimulationPanel'
import { ProgramChart } from './ProgramChart'
import type { ProgramResult, ProgramRun, WeeklyDistribution } from './store'
import { TopContacts } from './TopContacts'
import { PROGRAM_TEXT as TEXT } from './texts'

const reasonTotal = (reasons: readonly { count: number }[]) => reasons.reduce((sum, reason) => sum + reason.count, 0)
export const BUCKETS: { key: keyof WeeklyDistribution; label: string }[] = [
  { key: 'zero', label: '0' },
  { key: 'one', label: '1' },
  { key: 'two', label: '2' },
  { key: 'threePlus', label: '3+' },
]

/** "1,234 contacts · 5,678 messages · …": the run's totals in one line. */
export function totalsLine(result: ProgramResult, locale: string, t: (text: LocalizedText) => string): string {
  const total = result.total
  return [
    `${result.contacts.toLocaleString(locale)} ${t(TEXT.contacts)}`,
    `${total.messages.toLocaleString(locale)} ${t(TEXT.messages)}`,
    `${total.parts.toLocaleString(locale)} ${t(TEXT.parts)}`,
    `${t(TEXT.cost)} ${yuan(total.cost, locale)}`,
    `${reasonTotal(total.held).toLocaleString(locale)} ${t(TEXT.held)}`,
    `${reasonTotal(total.skipped).toLocaleString(locale)} ${t(TEXT.skipped)}`,
    `${total.conversions.toLocaleString(locale)} ${t(TEXT.conversions)}`,
  ].join(' · ')
}

function Distribution({ result }: { result: ProgramResult }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  return (
    <section>
      <h3>{t(TEXT.distribution)}</h3>
      <p className="hint">{t(TEXT.distributionHint)}</p>
      <table className="program-table" data-testid="weekly-distribution">
        <thead>
          <tr>
            <th>{t(TEXT.bucket)}</th>
            <th>{t(TEXT.people)}</th>
            <th>{t(TEXT.share)}</th>
          </tr>
        </thead>
        <tbody>
          {BUCKETS.map((bucket) => (
            <tr key={bucket.key}>
              <td>{bucket.label}</td>
              <td>{result.perContactWeekly[bucket.key].toLocaleString(locale)}</td>
              <td>{`${((result.perContactWeekly[bucket.key] / Math.max(1, result.contacts)) * 100).toFixed(1)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function PerJourney({ run, result }: { run: ProgramRun; result: ProgramResult }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  return (
    <section className="program-results__wide">
      <h3>{t(TEXT.perJourney)}</h3>
      <table className="program-table" data-testid="per-journey">
        <thead>
          <tr>
            {[TEXT.journey, TEXT.version, ...Object.values(TEXT.columns)].map((heading) => (
              <th key={heading.en}>{t(heading)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {run.journeys.map((journey) => {
            const figures = result.journeys[journey.id]
            if (!figures) return null
            return (
              <tr key={journey.id}>
                <td>{journey.name}</td>
                <td>{journey.version === null ? t(TEXT.draft) : `v${journey.version}`}</td>
                <td>{figures.messages.total.toLocaleString(locale)}</td>
                <td>{figures.messages.parts.toLocaleString(locale)}</td>
                <td>{yuan(figures.messages.cost, locale)}</td>
                <td>{reasonTotal(figures.held).toLocaleString(locale)}</td>
                <td>{reasonTotal(figures.skipped).toLocaleString(locale)}</td>
                <td>{figures.conversions.total.toLocaleString(locale)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

/** What the whole program would do on the sample: totals, days, journeys, reasons, per-contact load. */
export function ProgramResults({ run, result }: { run: ProgramRun; result: ProgramResult }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const journeys = run.journeys.flatMap((journey) => result.journeys[journey.id] ?? [])
  return (
    <div className="program-results">
      <p className="simulation__totals program-results__wide" data-testid="program-totals">
        {totalsLine(result, locale, t)}
      </p>
      <ProgramChart journeys={journeys} />
      <Distribution result={result} />
      <PerJourney run={run} result={result} />
      <Reasons title={TEXT.heldTitle} reasons={result.total.held} />
      <Reasons title={TEXT.skippedTitle} reasons={result.total.skipped} />
      <TopContacts contacts={result.topContacts} />
    </div>
  )
}
