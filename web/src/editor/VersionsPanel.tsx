import { type JourneyDocument, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, type VersionSummary } from '../app/api'
import { useLocale } from '../app/locale'
import { useSession, viewsOnly } from '../app/session'
import { TEXT } from '../app/texts'
import { JourneyChanges } from './JourneyChanges'
import { openVersion } from './journey-loader'
import { restoreVersion } from './restore-version'
import { useEditor } from './store'

interface Comparison {
  live: JourneyDocument
  counts: Record<string, number>
}

const RESTORE = { en: 'Restore this version as the draft', zh: '将此版本恢复为草稿' }

/** Published versions, a read-only view of any of them, and what the draft changes against the live one. */
export function VersionsPanel({ journeyId, liveVersion, refreshKey }: { journeyId: string; liveVersion: number | null; refreshKey: number }) {
  const locale = useLocale()
  const t = (text: { en: string; zh: string }) => localize(text, locale)
  const document = useEditor((state) => state.document)
  const versionShown = useEditor((state) => state.versionShown)
  const readOnlyVersion = versionShown?.version
  const viewOnly = useSession(viewsOnly)
  const [versions, setVersions] = useState<VersionSummary[]>([])

  useEffect(() => {
    void refreshKey
    void api<{ versions: VersionSummary[] }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions`).then((answer) => setVersions(answer.versions))
  }, [journeyId, refreshKey])

  // The live version and its counts are fetched when it changes, not on every edit: a drag used to
  // send two requests per frame. The comparison follows the draft locally.
  const [comparison, setComparison] = useState<Comparison | undefined>()
  useEffect(() => {
    void refreshKey
    setComparison(undefined)
    if (liveVersion === null || readOnlyVersion !== undefined) return
    let stale = false
    const path = `/journeys/${encodeURIComponent(journeyId)}`
    void Promise.all([api<{ document: JourneyDocument }>('GET', `${path}/versions/${liveVersion}`), api<{ counts: Record<string, number> }>('GET', `${path}/counts`)]).then(
      ([live, { counts }]) => {
        if (!stale) setComparison({ live: live.document, counts })
      },
    )
    return () => {
      stale = true
    }
  }, [journeyId, liveVersion, readOnlyVersion, refreshKey])

  return (
    <section className="versions" aria-label={t(TEXT.versions)}>
      <h2>{t(TEXT.versions)}</h2>
      {versionShown && (
        <>
          <button type="button" onClick={() => useEditor.getState().showVersion(undefined)}>
            {t(TEXT.backToDraft)}
          </button>{' '}
          {!viewOnly && (
            <button type="button" className="primary" onClick={() => void restoreVersion(journeyId, versionShown)}>
              {t(RESTORE)}
            </button>
          )}
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
      {comparison && document && <JourneyChanges live={comparison.live} proposed={document} counts={comparison.counts} />}
    </section>
  )
}
