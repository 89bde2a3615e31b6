import { diffJourneys, type JourneyDiff, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, type VersionSummary } from '../app/api'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { openDraft, openVersion } from './journey-loader'
import { useEditor } from './store'

interface Comparison {
  diff: JourneyDiff
  contactsAtRemoved: number
}

/** Published versions, a read-only view of any of them, and what the draft changes against the live one. */
export function VersionsPanel({ journeyId, liveVersion, refreshKey }: { journeyId: string; liveVersion: number | null; refreshKey: number }) {
  const locale = useLocale()
  const t = (text: { en: string; zh: string }) => localize(text, locale)
  const document = useEditor((state) => state.document)
  const readOnlyVersion = useEditor((state) => state.readOnlyVersion)
  const [versions, setVersions] = useState<VersionSummary[]>([])
  const [comparison, setComparison] = useState<Comparison | undefined>()

  useEffect(() => {
    void refreshKey
    void api<{ versions: VersionSummary[] }>('GET', `/journeys/${encodeURIComponent(journeyId)}/versions`).then((answer) => setVersions(answer.versions))
  }, [journeyId, refreshKey])

  useEffect(() => {
    if (!document || liveVersion === null || readOnlyVersion !== undefined) return setComparison(undefined)
    let stale = false
    const path = `/journeys/${encodeURIComponent(journeyId)}`
    void Promise.all([api<{ document: typeof document }>('GET', `${path}/versions/${liveVersion}`), api<{ counts: Record<string, number> }>('GET', `${path}/counts`)]).then(
      ([live, { counts }]) => {
        if (stale) return
        const diff = diffJourneys(live.document, document)
        setComparison({ diff, contactsAtRemoved: diff.removed.reduce((sum, id) => sum + (counts[id] ?? 0), 0) })
      },
    )
    return () => {
      stale = true
    }
  }, [document, journeyId, liveVersion, readOnlyVersion])

  return (
    <section className="versions" aria-label={t(TEXT.versions)}>
      <h2>{t(TEXT.versions)}</h2>
      {readOnlyVersion !== undefined && (
        <button type="button" onClick={() => void openDraft(journeyId)}>
          {t(TEXT.backToDraft)}
        </button>
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
          {comparison.diff.added.length + comparison.diff.removed.length + comparison.diff.changed.length === 0 && !comparison.diff.settingsChanged ? (
            <p>{t(TEXT.noDifferences)}</p>
          ) : (
            <ul>
              {comparison.diff.added.length > 0 && <li className="diff--added">{`${t(TEXT.added)}: ${comparison.diff.added.join(', ')}`}</li>}
              {comparison.diff.removed.length > 0 && <li className="diff--removed">{`${t(TEXT.removed)}: ${comparison.diff.removed.join(', ')}`}</li>}
              {comparison.diff.changed.length > 0 && <li className="diff--changed">{`${t(TEXT.changed)}: ${comparison.diff.changed.join(', ')}`}</li>}
              {comparison.diff.settingsChanged && <li>{t(TEXT.settingsChanged)}</li>}
            </ul>
          )}
          {comparison.diff.removed.length > 0 && <p className="diff__warning">{`${comparison.contactsAtRemoved} ${t(TEXT.atRemovedNodes)}`}</p>}
        </section>
      )}
    </section>
  )
}
