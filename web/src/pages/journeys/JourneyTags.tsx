import { type JourneyListItem, type LocalizedText, localize, MAX_JOURNEY_TAGS, MAX_TAG_LENGTH } from '@recall/shared'
import { useState } from 'react'
import { api, failureText } from '../../app/api'
import { journeyNameText } from '../../app/JourneyName'
import { useLocale } from '../../app/locale'
import './journey-tags.css'

const TEXT = {
  tags: { en: 'Tags of {name}', zh: '{name} 的标签' },
  add: { en: 'Add a tag to {name}', zh: '为 {name} 添加标签' },
  addButton: { en: '+ Tag', zh: '+ 标签' },
  remove: { en: 'Remove tag {tag}', zh: '移除标签 {tag}' },
  placeholder: { en: 'New tag', zh: '新标签' },
  filter: { en: 'Tag', zh: '标签' },
  anyTag: { en: 'All tags', zh: '全部标签' },
} satisfies Record<string, LocalizedText>

/**
 * A journey's tags as chips, each removable, and a box to add one; the server trims and refuses what breaks its limits, by field.
 * `readOnly` (a viewer) shows the chips only.
 */
export function JourneyTags({ journey, onChanged, readOnly = false }: { journey: Pick<JourneyListItem, 'id' | 'name' | 'tags'>; onChanged(): void; readOnly?: boolean }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | undefined>()
  async function save(tags: string[]) {
    try {
      await api('PUT', `/journeys/${encodeURIComponent(journey.id)}/tags`, { tags })
      setError(undefined)
      setDraft('')
      onChanged()
    } catch (cause) {
      setError(failureText(cause))
    }
  }
  const add = () => {
    if (draft.trim() !== '') void save([...journey.tags, draft])
  }
  return (
    <div className="journey-tags">
      <ul aria-label={t(TEXT.tags).replace('{name}', journeyNameText(journey.name, locale))}>
        {journey.tags.map((tag) => (
          <li key={tag} className="journey-tags__chip">
            {tag}
            {!readOnly && (
              <button type="button" aria-label={t(TEXT.remove).replace('{tag}', tag)} onClick={() => void save(journey.tags.filter((kept) => kept !== tag))}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && journey.tags.length < MAX_JOURNEY_TAGS && (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            add()
          }}
        >
          <input
            value={draft}
            maxLength={MAX_TAG_LENGTH + 10}
            placeholder={t(TEXT.placeholder)}
            aria-label={t(TEXT.add).replace('{name}', journeyNameText(journey.name, locale))}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" disabled={draft.trim() === ''}>
            {t(TEXT.addButton)}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** Every tag in use, to filter the list by one. */
export function TagFilter({ journeys, value, onChange }: { journeys: readonly Pick<JourneyListItem, 'tags'>[]; value: string; onChange(tag: string): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  // The chosen tag stays listed after its last journey drops it, so the filter still says what it shows.
  const tags = [...new Set([...journeys.flatMap((journey) => journey.tags), ...(value ? [value] : [])])].sort((a, b) => a.localeCompare(b, 'zh-CN'))
  return (
    <label className="inline">
      {t(TEXT.filter)}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t(TEXT.anyTag)}</option>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </select>
    </label>
  )
}
