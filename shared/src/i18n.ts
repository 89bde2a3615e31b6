/** Every text a person reads comes in both product languages. */
export interface LocalizedText {
  en: string
  zh: string
}

export type Locale = 'en' | 'zh-CN'

export function localize(text: LocalizedText, locale: Locale): string {
  return locale === 'zh-CN' ? text.zh : text.en
}

/** Picks the locale from an Accept-Language style value; Chinese when the user asks for any zh. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  return header && /(^|,)\s*zh\b/i.test(header) ? 'zh-CN' : 'en'
}

/**
 * Template names are written "English · 中文" and descriptions "English\n\n中文": the half in the
 * locale, or the whole text when it has only one.
 */
export function bilingualPart(text: string, locale: Locale): string {
  const separator = text.includes('\n\n') ? '\n\n' : ' · '
  const [english, chinese] = text.split(separator)
  return ((locale === 'zh-CN' ? chinese : english) ?? text).trim()
}

/** A label written "English · 中文" (as template labels are) shown in each language; a plain label in both. */
export function bilingualLabel(text: string): LocalizedText {
  return { en: bilingualPart(text, 'en'), zh: bilingualPart(text, 'zh-CN') }
}
