import type { LocalizedText } from '../i18n'
import type { SendWindow } from '../schema/common'

const DAY_NAMES = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
}

/** Weekdays as runs ("Mon–Fri, Sun"); every day says nothing, as "17:00–20:00" alone means every day. */
function dayRuns(days: readonly number[], locale: 'en' | 'zh'): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return ''
  const runs: [number, number][] = []
  for (const day of sorted) {
    const last = runs.at(-1)
    if (last && day === last[1] + 1) last[1] = day
    else runs.push([day, day])
  }
  const name = (day: number) => DAY_NAMES[locale][day - 1]
  const joiner = locale === 'en' ? '–' : '至'
  return runs.map(([first, last]) => (first === last ? name(first) : `${name(first)}${joiner}${name(last)}`)).join(locale === 'en' ? ', ' : '、')
}

/** A send window as people say it: "Mon–Fri 17:00–20:00, Sat–Sun 10:00–20:00" / "周一至周五 17:00–20:00,周六至周日 10:00–20:00". */
export function describeSendWindow(window: SendWindow): LocalizedText {
  const say = (locale: 'en' | 'zh') =>
    window
      .map((slot) => {
        const days = dayRuns(slot.days, locale)
        return `${days ? `${days} ` : ''}${slot.start}–${slot.end}`
      })
      .join(locale === 'en' ? ', ' : ',')
  return { en: say('en'), zh: say('zh') }
}
