import { type Locale, type LocalizedText, localize } from '@recall/shared'
import { useLocale } from './locale'

export const UNTITLED: LocalizedText = { en: 'Untitled journey', zh: '未命名旅程' }

/** A journey's name as plain text (labels, titles), the placeholder when it has none. */
export const journeyNameText = (name: string, locale: Locale) => (name.trim() === '' ? localize(UNTITLED, locale) : name)

/** A journey's name, or a placeholder when it has none, so a link to it always has something to click. */
export function JourneyName({ name }: { name: string }) {
  const locale = useLocale()
  return name.trim() === '' ? <span className="placeholder">{localize(UNTITLED, locale)}</span> : <>{name}</>
}
