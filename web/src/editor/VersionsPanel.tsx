import { describeChanges, diffJourneys, type JourneyDocument, localize, type NodeChanges } from '@recall/shared'
import { useEffect, useMemo, useState } from 'react'
import { api, type VersionSummary } from '../app/api'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { openDraft, openVersion, restoreVersion } from './journey-loader'
import { useEditor } from './store'

interface Comparison {
  changes: NodeChanges[]
  settingsChanged: boolean
  removed: string[]
  contactsAtRemoved: number
}

const RESTORE = { en: 'Restore this version as the draft', zh: '将此版本恢复为草稿' }
const KIND_LABELS = { added: TEXT.added, removed: TEXT.removed, changed: TEXT.changed }

/** Published versions, a read-only view of any of them, and what the draft changes against the live one. */
export function VersionsPanel({ journeyId, liveVersion, refreshKey }: { journeyId: string; liveVersion: number | null; refreshKey: number }) {
  const locale = useLocale()
  const t = (text: { en: string; zh: string }) => localize(text, locale)
  const document = useEditor((state) => state.document)
  const readOnlyVersion = useEditor((state) => state.readOnlyVersion)
  const [versions, setVersions] = useState<VersionSummary[]>([])

  useEffect(() => {
    void refreshKey
    void api<{ versions: VersionSummary[] }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions`).then((answer) => setVersions(answer.versions))
  }, [journeyId, refreshKey])

  // The live version and its counts are fetched when it changes, not on every edit: a drag used to
  // send two requests per frame. The comparison follows the draft locally.
  const [live, setLive] = useState<{ document: JourneyDocument; counts: Record<string, number> } | undefined>()
  useEffect(() => {
    void refreshKey
    setLive(undefined)
    if (liveVersion === null || readOnlyVersion !== undefined) return
    let stale = false
    const path = `/journeys/${encodeURIComponent(journeyId)}`
    void Promise.all([api<{ document: JourneyDocument }>('GET', `${path}/versions/${liveVersion}`), api<{ counts: Record<string, number> }>('GET', `${path}/counts`)]).then(
      ([answer, { counts }]) => {
        if (!stale) setLive({ document: answer.document, counts })
      },
    )
    return () => {
      stale = true
    }
  }, [journeyId, liveVersion, readOnlyVersion, refreshKey])
  const comparison = useMemo((): Comparison | undefined => {
    if (!live || !document) return undefined
    const diff = diffJourneys(live.document, document)
    return {
      changes: describeChanges(live.document, document),
      settingsChanged: diff.settingsChanged,
      removed: diff.removed,
      contactsAtRemoved: diff.removed.reduce((sum, id) => sum + (live.counts[id] ?? 0), 0),
    }
  }, [live, document])

  return (
    <section className="versions" aria-label={t(TEXT.versions)}>
      <h2>{t(TEXT.versions)}</h2>
      {readOnlyVersion !== undefined && (
        <>
          <button type="button" onClick={() => void openDraft(journeyId)}>
            {t(TEXT.backToDraft)}
          </button>{' '}
          <button type="button" className="primary" onClick={() => void restoreVersion(journeyId, readOnlyVersion)}>
            {t(RESTORE)}
          </button>
        </>
      )}
      {versions.length === 0 ? (
        <p className="hint">{t(TEXT.noVersions)}</p>
      ) : (
        <ol className="versions__list">
          {versions.map((version) => (
            <li key={version.version} className={version.version === readOnlyVersion ? 'current' : undefined}>
              <strong>v{version.version}</strong> {version.note} <small>{new Date(version.publishedAt).toLocaleString(locale)}</small>{' '}
              <button type="button" onClick={() => void openVersion(journeyId, version.version)}>
                {t(TEXT.view)}
              </button>
            </li>
          ))}
        </ol>
      )}
      {comparison && (
        <section className="diff" aria-label={t(TEXT.diffTitle)}>
          <h3>{t(TEXT.diffTitle)}</h3>
          {comparison.changes.length === 0 && !comparison.settingsChanged ? (
            <p>{t(TEXT.noDifferences)}</p>
          ) : (
            <ul>
              {comparison.changes.map((node) => (
                <li key={node.nodeId} className={`diff--${node.kind}`}>
                  {t(KIND_LABELS[node.kind])} <code>{node.nodeId}</code>
                  <ul>
                    {node.changes.map((change) => (
                      <li key={change.what.en}>
                        {t(change.what)}
                        {change.before !== undefined && (
                          <span className="diff__texts">
                            <del>{change.before}</del>
                            <ins>{change.after}</ins>
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
              {comparison.settingsChanged && <li>{t(TEXT.settingsChanged)}</li>}
            </ul>
          )}
          {comparison.removed.length > 0 && <p className="diff__warning">{`${comparison.contactsAtRemoved} ${t(TEXT.atRemovedNodes)}`}</p>}
        </section>
      )}
    </section>
  )
}
