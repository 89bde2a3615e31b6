import { type JourneyDocument, type Locale, type LocalizedText, localize, nodeKindOf, type OlderVersionCounts } from '@recall/shared'
import { useEffect, useState } from 'react'
import { fill, useLocale } from '../app/locale'
import { useEditor } from '../editor/store'
import { ContactsAtNode } from './ContactsAtNode'
import { useLive } from './store'
import { useVersionDocument } from './useVersionDocument'

const TEXT = {
  title: { en: 'Older versions', zh: '旧版本' },
  stillOnMany: { en: '{count} contacts are still on older versions', zh: '仍有 {count} 位联系人停留在旧版本上' },
  stillOnOne: { en: '1 contact is still on an older version', zh: '仍有 1 位联系人停留在旧版本上' },
  why: {
    en: 'Contacts stay on the version they entered until they leave the journey; the canvas counts only v{live}’s.',
    zh: '联系人会一直停留在进入时的版本,直到离开旅程;画布上只统计第 {live} 版的联系人。',
  },
  version: { en: 'v{version} · published {at} · {count} contacts', zh: '第 {version} 版 · 发布于 {at} · {count} 位联系人' },
  versionOfOne: { en: 'v{version} · published {at} · 1 contact', zh: '第 {version} 版 · 发布于 {at} · 1 位联系人' },
  showContacts: { en: 'Show the contacts of v{version} at {node}', zh: '查看第 {version} 版在 {node} 的联系人' },
} satisfies Record<string, LocalizedText>

type Picked = { version: number; nodeId: string }

/** What the canvas says on a node of the version (its summary), once the version is fetched: ids alone say little. */
function nodeSummary(document: JourneyDocument | undefined, nodeId: string, locale: Locale): string | undefined {
  const node = document?.nodes.find((candidate) => candidate.id === nodeId)
  return node && nodeKindOf(node.type).summary(node.data, locale)
}

function OlderVersion({ journeyId, older, picked, onPick }: { journeyId: string; older: OlderVersionCounts; picked: Picked | undefined; onPick(picked: Picked): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText, values: Record<string, string | number> = {}) => fill(localize(text, locale), values)
  const document = useVersionDocument(journeyId, older.version)
  const at = new Date(older.publishedAt).toLocaleString(locale)
  const nodes = Object.entries(older.nodes).sort(([, a], [, b]) => b - a)
  return (
    <li data-testid={`older-version-${older.version}`}>
      <strong>{t(older.active === 1 ? TEXT.versionOfOne : TEXT.version, { version: older.version, at, count: older.active.toLocaleString(locale) })}</strong>
      <ul className="older-versions__nodes">
        {nodes.map(([nodeId, count]) => {
          const summary = nodeSummary(document, nodeId, locale)
          const pressed = picked?.version === older.version && picked.nodeId === nodeId
          return (
            <li key={nodeId}>
              <button
                type="button"
                aria-pressed={pressed}
                className={pressed ? 'primary' : undefined}
                title={t(TEXT.showContacts, { version: older.version, node: nodeId })}
                onClick={() => onPick({ version: older.version, nodeId })}
              >
                <code>{nodeId}</code>
                {summary && ` ${summary}`}: <strong>{count.toLocaleString(locale)}</strong>
              </button>
            </li>
          )
        })}
      </ul>
    </li>
  )
}

/**
 * Contacts still on versions older than the live one: how many, on which version and node, and who
 * they are. The canvas draws and counts only the live version, so without this they would not show.
 */
export function OlderVersions({ journeyId }: { journeyId: string }) {
  const locale = useLocale()
  const t = (text: LocalizedText, values: Record<string, string | number> = {}) => fill(localize(text, locale), values)
  const older = useLive((state) => state.snapshot?.olderVersions)
  const live = useLive((state) => state.snapshot?.liveVersion)
  const [picked, setPicked] = useState<Picked | undefined>()
  // One list of contacts at a time: a node chosen on the canvas takes the place of one chosen here.
  const selected = useEditor((state) => state.selectedNodeIds.length > 0)
  useEffect(() => {
    if (selected) setPicked(undefined)
  }, [selected])
  if (!older || older.length === 0) return null
  const count = older.reduce((total, version) => total + version.active, 0)
  const stillShown = picked && older.some((version) => version.version === picked.version)
  return (
    <section className="older-versions" aria-label={t(TEXT.title)} data-testid="older-versions">
      <h3>{count === 1 ? t(TEXT.stillOnOne) : t(TEXT.stillOnMany, { count: count.toLocaleString(locale) })}</h3>
      <p className="hint">{t(TEXT.why, { live: live ?? '' })}</p>
      <ul className="older-versions__list">
        {older.map((version) => (
          <OlderVersion
            key={version.version}
            journeyId={journeyId}
            older={version}
            picked={picked}
            onPick={(next) => {
              useEditor.getState().select([])
              setPicked(next)
            }}
          />
        ))}
      </ul>
      {picked && stillShown && <ContactsAtNode journeyId={journeyId} nodeId={picked.nodeId} version={picked.version} />}
    </section>
  )
}
