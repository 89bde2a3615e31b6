import { describeChanges, diffJourneys, type JourneyDocument, type LocalizedText, localize } from '@recall/shared'
import { useMemo } from 'react'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'

const KIND_LABELS = { added: TEXT.added, removed: TEXT.removed, changed: TEXT.changed }

/**
 * What `proposed` changes against `live`, node by node and field by field, with the contacts now at
 * nodes it removes: the versions panel's comparison and the reviewer's diff are this one list.
 */
export function JourneyChanges({
  live,
  proposed,
  counts,
  title = TEXT.diffTitle,
}: {
  live: JourneyDocument
  proposed: JourneyDocument
  counts: Record<string, number>
  title?: LocalizedText
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const { changes, diff } = useMemo(() => ({ changes: describeChanges(live, proposed), diff: diffJourneys(live, proposed) }), [live, proposed])
  const contactsAtRemoved = diff.removed.reduce((sum, id) => sum + (counts[id] ?? 0), 0)
  return (
    <section className="diff" aria-label={t(title)}>
      <h3>{t(title)}</h3>
      {changes.length === 0 && !diff.settingsChanged ? (
        <p>{t(TEXT.noDifferences)}</p>
      ) : (
        <ul>
          {changes.map((node) => (
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
          {diff.settingsChanged && <li>{t(TEXT.settingsChanged)}</li>}
        </ul>
      )}
      {diff.removed.length > 0 && <p className="diff__warning">{`${contactsAtRemoved} ${t(TEXT.atRemovedNodes)}`}</p>}
    </section>
  )
}
