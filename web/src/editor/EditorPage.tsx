import type { JourneyHead } from '@recall/shared'
import { localize } from '@recall/shared'
import { ReactFlowProvider } from '@xyflow/react'
import { useCallback, useEffect, useState } from 'react'
import type { JourneyRecord, PublishResult } from '../app/api'
import { failureText } from '../app/api'
import { useCatalog } from '../app/catalog'
import { useDelivery } from '../app/delivery'
import { JourneyName } from '../app/JourneyName'
import { useLocale } from '../app/locale'
import { ScheduleBadge } from '../app/ScheduleBadge'
import { useSession, viewsOnly } from '../app/session'
import { TEXT } from '../app/texts'
import { LiveVersionNotice } from '../monitoring/LiveVersionNotice'
import { MonitoringPanel } from '../monitoring/MonitoringPanel'
import { stopLive } from '../monitoring/store'
import { useLiveVersionShown } from '../monitoring/useLiveVersionShown'
import { PreviewPanel } from '../preview/PreviewPanel'
import { PREVIEW_TEXT } from '../preview/texts'
import { SimulateDialog } from '../simulation/SimulateDialog'
import { SimulationPanel } from '../simulation/SimulationPanel'
import { closeSimulation, useSimulation } from '../simulation/store'
import { PublishHistory } from './approvals/PublishHistory'
import { APPROVAL_TEXT } from './approvals/texts'
import { takeAudienceWarnings, useAudienceCheck } from './audience-warnings'
import { Canvas } from './Canvas'
import { ColleagueChanges } from './ColleagueChanges'
import { DraftConflict, reloadTheirs } from './DraftConflict'
import { InspectorPanel } from './InspectorPanel'
import { openDraft, reloadDraft } from './journey-loader'
import { Palette } from './Palette'
import { Presence } from './Presence'
import { ProblemList } from './ProblemList'
import { PublishDialog } from './PublishDialog'
import { PublishedNotice } from './PublishWarnings'
import { useSaveState } from './save-state'
import { useServerHeadWatch } from './server-head'
import { useEditor } from './store'
import { Toolbar } from './Toolbar'
import { useAutosave } from './useAutosave'
import { useLeaveGuard } from './useLeaveGuard'
import { useScheduleWatch } from './useScheduleWatch'
import { useShortcuts } from './useShortcuts'
import { VersionsPanel } from './VersionsPanel'

export function EditorPage({ journeyId }: { journeyId: string }) {
  const locale = useLocale()
  const t = (text: { en: string; zh: string }) => localize(text, locale)
  const [record, setRecord] = useState<JourneyRecord | undefined>()
  const [loadError, setLoadError] = useState<string | undefined>()
  const [publishing, setPublishing] = useState(false)
  const [simulating, setSimulating] = useState(false)
  const simulationOpen = useSimulation((state) => state.run !== undefined)
  const [monitoring, setMonitoring] = useState(false)
  const [previewing, setPreviewing] = useState(false)
  const [published, setPublished] = useState<PublishResult | undefined>()
  const [historyKey, setHistoryKey] = useState(0)
  const draftRevision = useSaveState((state) => state.revision)
  const saveState = useSaveState((state) => state.state)
  // From the store, not the record: a journey archived in another tab turns read-only at its next save.
  const archived = useEditor((state) => state.archived)
  const notice = useEditor((state) => state.notice)
  const name = useEditor((state) => state.document?.name)
  const viewOnly = useSession(viewsOnly)
  useAutosave(journeyId)
  useAudienceCheck(journeyId)
  useLeaveGuard()
  useShortcuts()
  useScheduleWatch(journeyId, record, setRecord)
  useServerHeadWatch(journeyId)
  // Published (or paused, resumed) elsewhere: the page takes the journey's status and version, never its draft.
  const takeLive = useCallback(
    (head: JourneyHead) =>
      setRecord(
        (current) =>
          current && { ...current, journey: { ...current.journey, liveVersion: head.liveVersion, status: head.status === 'archived' ? current.journey.status : head.status } },
      ),
    [],
  )
  // An archived journey no longer runs: the live panel (and its Pause) closes.
  const watching = monitoring && !archived && record !== undefined && record.journey.liveVersion !== null
  const liveFailure = useLiveVersionShown(journeyId, record?.journey.liveVersion ?? null, watching)

  // A viewer's saves would all be refused: the editor turns read-only for them before the journey shows.
  useEffect(() => useEditor.setState({ viewOnly }), [viewOnly])
  // A simulation belongs to the journey it was run on.
  useEffect(
    () => () => {
      closeSimulation()
      stopLive()
    },
    [],
  )
  useEffect(() => {
    useDelivery.getState().reload()
    useCatalog.getState().reload()
    // An answer for this page after it closed (React's second mount in development) is not shown.
    let current = true
    openDraft(journeyId)
      .then((opened) => current && setRecord(opened))
      .catch((cause) => current && setLoadError(failureText(cause)))
    return () => {
      current = false
    }
  }, [journeyId])

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError}
      </p>
    )
  if (!record) return <p>{t(TEXT.loading)}</p>
  return (
    <ReactFlowProvider>
      <div className="editor">
        <div className="editor__title">
          <h1>
            <JourneyName name={name ?? ''} />
          </h1>
          <span className={`status status--${archived ? 'archived' : record.journey.status}`}>
            {archived ? t(TEXT.statusArchived) : record.journey.liveVersion ? `v${record.journey.liveVersion}` : t(TEXT.statusDraft)}
          </span>
          {/* An archived journey no longer runs: nothing to watch live, nothing to pause. */}
          {record.journey.liveVersion !== null && !archived && (
            <button
              type="button"
              aria-pressed={monitoring}
              className={monitoring ? 'primary' : undefined}
              onClick={() => {
                if (monitoring) stopLive()
                setMonitoring(!monitoring)
              }}
            >
              {/* The button says what the journey is doing: after Pause it no longer reads "Live". */}
              {record.journey.status === 'paused' ? `⏸ ${t(TEXT.statusPaused)}` : `● ${t(TEXT.live)}`}
            </button>
          )}
          <button type="button" aria-pressed={previewing} className={previewing ? 'primary' : undefined} onClick={() => setPreviewing(!previewing)}>
            {t(PREVIEW_TEXT.preview)}
          </button>
          {record.schedule && <ScheduleBadge journeyId={journeyId} schedule={record.schedule} onCancelled={() => setRecord({ ...record, schedule: null })} />}
          <Presence journeyId={journeyId} />
        </div>
        <Toolbar onPublish={() => setPublishing(true)} onSimulate={() => setSimulating(true)} />
        <DraftConflict journeyId={journeyId} onReloaded={setRecord} />
        <ColleagueChanges journeyId={journeyId} liveVersion={record.journey.liveVersion} onReloaded={setRecord} onLiveMoved={takeLive} />
        {saveState === 'deleted' && (
          <p className="error" role="alert">
            {t(TEXT.journeyDeleted)} <a href="#/journeys">{t(TEXT.backToJourneys)}</a>
          </p>
        )}
        {viewOnly && (
          <p className="notice" role="status">
            {t(TEXT.viewOnly)}
          </p>
        )}
        {archived && (
          <p className="notice" role="status">
            {t(TEXT.archivedReadOnly)} <a href="#/journeys">{t(TEXT.backToJourneys)}</a>
          </p>
        )}
        {notice && (
          <p className="notice" role="status">
            {localize(notice, locale)}
          </p>
        )}
        {watching && record.journey.liveVersion !== null && <LiveVersionNotice liveVersion={record.journey.liveVersion} failure={liveFailure} />}
        {published && <PublishedNotice result={published} />}
        <div className="editor__body">
          <Palette />
          <div className="editor__canvas">
            <Canvas />
          </div>
          {previewing && <PreviewPanel journeyId={journeyId} />}
          <InspectorPanel />
        </div>
        {simulationOpen && <SimulationPanel />}
        {watching && (
          <MonitoringPanel
            journeyId={journeyId}
            status={record.journey.status}
            onStatus={(status) => setRecord({ ...record, journey: { ...record.journey, status } })}
            onRolledOut={(version) => reloadDraft(journeyId).then((fresh) => setRecord({ ...fresh, journey: { ...fresh.journey, liveVersion: version } }))}
          />
        )}
        {/* The simulation and live panels take the footer's place, so the canvas keeps its room. */}
        {!simulationOpen && !watching && (
          <div className="editor__footer">
            <section aria-label={t(TEXT.problems)}>
              <h2>{t(TEXT.problems)}</h2>
              <ProblemList />
            </section>
            {/* Keyed by the live version, so a version published by the schedule is listed too. */}
            <VersionsPanel journeyId={journeyId} liveVersion={record.journey.liveVersion} refreshKey={record.journey.liveVersion ?? 0} />
            <PublishHistory
              journeyId={journeyId}
              draftRevision={draftRevision ?? record.journey.draftRevision}
              refreshKey={historyKey + (record.journey.liveVersion ?? 0)}
              onApproved={(result) => {
                setPublished(result)
                setRecord({ ...record, journey: { ...record.journey, liveVersion: result.version, status: record.journey.status === 'paused' ? 'paused' : 'live' } })
              }}
            />
          </div>
        )}
        {simulating && (
          <SimulateDialog
            journeyId={journeyId}
            hasLive={record.journey.liveVersion !== null}
            onClose={() => setSimulating(false)}
            onReload={() => {
              setSimulating(false)
              void reloadTheirs(journeyId).then(setRecord)
            }}
          />
        )}
        {publishing && (
          <PublishDialog
            journeyId={journeyId}
            live={record.journey.liveVersion !== null}
            onClose={() => setPublishing(false)}
            onPublished={(result) => {
              setPublishing(false)
              setPublished(result)
              takeAudienceWarnings(journeyId, result.problems)
              setRecord({ ...record, journey: { ...record.journey, liveVersion: result.version, status: record.journey.status === 'paused' ? 'paused' : 'live' } })
            }}
            onScheduled={(schedule) => {
              setPublishing(false)
              setRecord({ ...record, schedule })
            }}
            onReload={() => {
              setPublishing(false)
              void reloadTheirs(journeyId).then(setRecord)
            }}
            onSubmitted={() => {
              setPublishing(false)
              setHistoryKey((key) => key + 1)
              useEditor.getState().setNotice(APPROVAL_TEXT.submitted)
            }}
          />
        )}
      </div>
    </ReactFlowProvider>
  )
}
