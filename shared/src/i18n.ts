/** Every text a person reads comes in both product languages. */
export interface LocalizedText {
  en: string
  zh: string
}

export type Locale = 'en' | 'zh-CN'

export function localize(text: LocalizedText, locale: Locale): string {
  return locale === 'zh-CN' ? text.zh : text.en
}

/**
 * Picks the locale from an Accept-Language style value (or a browser's languages joined by commas):
 * of English and Chinese, the one asked for with the higher weight (`q`, 1 when absent), the earlier
 * on a tie; `q=0` means "not this". English when neither is asked for.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  let best: { locale: Locale; q: number } | undefined
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...parameters] = part.split(';').map((piece) => piece.trim())
    const language = tag.toLowerCase().split('-')[0]
    if (language !== 'zh' && language !== 'en') continue
    const weight = parameters.find((parameter) => /^q=/i.test(parameter))
    const q = weight === undefined ? 1 : Number(weight.slice(2))
    if (!(q > 0) || (best && best.q >= q)) continue
    best = { locale: language === 'zh' ? 'zh-CN' : 'en', q }
  }
  return best?.locale ?? 'en'
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
