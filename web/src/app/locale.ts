import { type Locale, type LocalizedText, localeFromAcceptLanguage, localize } from '@recall/shared'
import { create } from 'zustand'

const STORAGE_KEY = 'recall.locale'

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'zh-CN') return stored
  // Chinese when the browser asks for it, English otherwise.
  return localeFromAcceptLanguage(typeof navigator === 'undefined' ? undefined : navigator.languages.join(','))
}

interface LocaleState {
  locale: Locale
  setLocale(locale: Locale): void
}

const startLocale = initialLocale()
// <html lang> says the page's language from the first paint, not only after switching.
if (typeof document !== 'undefined') document.documentElement.lang = startLocale

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: startLocale,
  setLocale(locale) {
    localStorage.setItem(STORAGE_KEY, locale)
    document.documentElement.lang = locale
    set({ locale })
  },
}))

const selectLocale = (state: LocaleState) => state.locale

export function useLocale(): Locale {
  return useLocaleStore(selectLocale)
}

/** `t(TEXT.save)`: the text in the current language. */
export function useT(): (text: LocalizedText) => string {
  const locale = useLocale()
  return (text) => localize(text, locale)
}

/** A text's `{name}` places filled with the values given; a place without a value stays as written. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
