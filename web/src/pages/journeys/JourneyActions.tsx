import { type JourneyListItem, type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { api, type JourneyRecord } from '../../app/api'
import { useLocale } from '../../app/locale'
import { navigate } from '../../app/router'
import { freshId } from './journey-list'

const TEXT = {
  duplicate: { en: 'Duplicate', zh: '复制' },
  copy: { en: '(copy)', zh: '(副本)' },
  archive: { en: 'Archive', zh: '归档' },
  delete: { en: 'Delete', zh: '删除' },
  confirmDelete: { en: 'Delete this draft for good?', zh: '确定永久删除此草稿?' },
  confirmArchive: { en: 'Archive it? It stops and becomes read-only', zh: '确定归档?旅程将停止并变为只读' },
  yes: { en: 'Yes', zh: '确定' },
  no: { en: 'No', zh: '取消' },
} satisfies Record<string, LocalizedText>

/**
 * A row's actions: duplicate (a new draft from its current draft), and, asked once more, delete for a
 * draft never published or archive for a published one.
 */
export function JourneyActions({
  journey,
  all,
  onChanged,
  onError,
}: {
  journey: JourneyListItem
  all: readonly JourneyListItem[]
  onChanged(): void
  onError(cause: unknown): void
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [asking, setAsking] = useState(false)
  const path = `/journeys/${encodeURIComponent(journey.id)}`
  const deletes = journey.liveVersion === null
  async function run(action: () => Promise<unknown>) {
    try {
      await action()
      onChanged()
    } catch (cause) {
      onError(cause)
    }
  }
  async function duplicate() {
    const { journey: source } = await api<JourneyRecord>('GET', path)
    const id = freshId(`${journey.id}-copy`, all)
    await api('POST', '/journeys', { ...source.draft, id, name: `${source.draft.name} ${t(TEXT.copy)}`.slice(0, 120) })
    navigate(`/journeys/${id}`)
  }
  if (asking)
    return (
      <span role="alert">
        {t(deletes ? TEXT.confirmDelete : TEXT.confirmArchive)}{' '}
        <button type="button" className="danger" onClick={() => void run(() => (deletes ? api('DELETE', path) : api('POST', `${path}/archive`)))}>
          {t(TEXT.yes)}
        </button>{' '}
        <button type="button" onClick={() => setAsking(false)}>
          {t(TEXT.no)}
        </button>
      </span>
    )
  return (
    <span className="row-actions">
      <button type="button" onClick={() => void run(duplicate)}>
        {t(TEXT.duplicate)}
      </button>
      {journey.status !== 'archived' && (
        <button type="button" onClick={() => setAsking(true)}>
          {t(deletes ? TEXT.delete : TEXT.archive)}
        </button>
      )}
    </span>
  )
}
