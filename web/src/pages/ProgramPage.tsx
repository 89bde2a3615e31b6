import { type JourneySummary, type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureWithProblems } from '../app/api'
import { JourneyName } from '../app/JourneyName'
import { useLocale } from '../app/locale'
import { ProgramControlGroup } from '../program/ProgramControlGroup'
import { ProgramResults } from '../program/ProgramResults'
import { cancelProgramRun, startProgramRun, useProgram } from '../program/store'
import '../program/program.css'
import { PROGRAM_TEXT as TEXT } from '../program/texts'
import { WhatIfComparison } from '../program/WhatIfComparison'
import { WhatIfFields, type WorkspaceCap, whatIfChanges, whatIfFormOf } from '../program/WhatIfFields'
import { useSimulateRefusal } from '../simulation/may-simulate'
import { defaultSampleForm, SampleFields, sampleFormProblems, sampleRequestOf } from '../simulation/SampleFields'

const SOURCES = ['generated', 'contacts', 'segment', 'csv'] as const
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''))

/** Which journeys go in: the live ones always, any draft when ticked (in place of its live version). */
function JourneyChooser({ journeys, drafts, onChange }: { journeys: JourneySummary[]; drafts: string[]; onChange(drafts: string[]): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  if (journeys.length === 0) return <p>{t(TEXT.noJourneys)}</p>
  return (
    <ul className="program-journeys">
      {journeys.map((journey) => (
        <li key={journey.id}>
          <strong>
            <JourneyName name={journey.name} />
          </strong>{' '}
          {journey.status === 'live' && journey.liveVersion !== null && <span className="badge">{fill(t(TEXT.live), { version: journey.liveVersion })}</span>}{' '}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={drafts.includes(journey.id)}
              onChange={(event) => onChange(event.target.checked ? [...drafts, journey.id] : drafts.filter((id) => id !== journey.id))}
            />
            {journey.status === 'live' && journey.liveVersion !== null ? fill(t(TEXT.draftReplaces), { version: journey.liveVersion }) : t(TEXT.includeDraft)}
          </label>
        </li>
      ))}
    </ul>
  )
}

function RunStatus() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const run = useProgram((state) => state.run)
  const cancelling = useProgram((state) => state.cancelling)
  if (!run) return null
  return (
    <div className="simulation__header">
      {run.status === 'running' && (
        <>
          <progress max={1} value={run.progress} aria-label={t(TEXT.running)} />
          <span>{`${Math.round(run.progress * 100)}%`}</span>
          <button type="button" disabled={cancelling} onClick={() => void cancelProgramRun()}>
            {t(cancelling ? TEXT.cancelling : TEXT.cancel)}
          </button>
        </>
      )}
      {run.status === 'cancelled' && (
        <span className="warning" role="status">
          {t(TEXT.cancelled)}
        </span>
      )}
      {run.status === 'failed' && <span className="error">{`${t(TEXT.failed)}: ${run.error ?? ''}`}</span>}
    </div>
  )
}

/** The whole program on one sample: what every customer would get across journeys, and what-ifs on the settings. */
export function ProgramPage() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [journeys, setJourneys] = useState<JourneySummary[]>([])
  const [caps, setCaps] = useState<WorkspaceCap[]>([])
  const [drafts, setDrafts] = useState<string[]>([])
  const [sample, setSample] = useState(defaultSampleForm)
  const [whatIfOn, setWhatIfOn] = useState(false)
  const [whatIf, setWhatIf] = useState(() => whatIfFormOf([]))
  const [busy, setBusy] = useState(false)
  const refusal = useSimulateRefusal()
  const [error, setError] = useState<string | undefined>()
  const run = useProgram((state) => state.run)
  useEffect(() => {
    api<{ journeys: JourneySummary[] }>('GET', '/journeys')
      .then((answer) => setJourneys(answer.journeys.filter((journey) => journey.status !== 'archived')))
      .catch(() => setJourneys([]))
    // People who may not read the settings still simulate with them; they only cannot try changes to caps.
    api<{ caps: WorkspaceCap[]; dailyMessageCeiling: number }>('GET', '/settings/policies')
      .then((policies) => {
        setCaps(policies.caps)
        setWhatIf(whatIfFormOf(policies.caps, policies.dailyMessageCeiling))
      })
      .catch(() => setCaps([]))
  }, [])

  async function start() {
    if (busy) return
    setError(undefined)
    setBusy(true)
    try {
      await startProgramRun({ ...sampleRequestOf(sample), drafts, ...(whatIfOn ? { changes: whatIfChanges(whatIf, caps) } : {}) })
    } catch (cause) {
      setError(failureWithProblems(cause))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="page program">
      <h1>{t(TEXT.title)}</h1>
      <p className="hint">{t(TEXT.intro)}</p>
      <div className="program__setup">
        <section>
          <h2>{t(TEXT.journeys)}</h2>
          <JourneyChooser journeys={journeys} drafts={drafts} onChange={setDrafts} />
        </section>
        <section className="program__sample">
          <h2>{t(TEXT.sample)}</h2>
          <SampleFields form={sample} onChange={setSample} sources={SOURCES} maxDays={90} />
        </section>
        <section>
          <label className="checkbox">
            <input type="checkbox" checked={whatIfOn} onChange={(event) => setWhatIfOn(event.target.checked)} />
            <strong>{t(TEXT.whatIf)}</strong>
          </label>
          {whatIfOn && <WhatIfFields form={whatIf} caps={caps} onChange={setWhatIf} />}
        </section>
      </div>
      <div className="program__actions">
        <button
          type="button"
          className="primary"
          disabled={busy || run?.status === 'running' || refusal !== undefined || sampleFormProblems(sample, 90, locale).length > 0}
          title={refusal && t(refusal)}
          onClick={() => void start()}
        >
          {t(busy ? TEXT.starting : TEXT.run)}
        </button>
        {refusal && <span className="hint">{t(refusal)}</span>}
        <RunStatus />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {run?.result && <ProgramResults run={run} result={run.result} />}
      {run?.comparison && run.changes && <WhatIfComparison comparison={run.comparison} changes={run.changes} />}
      <ProgramControlGroup />
    </main>
  )
}
