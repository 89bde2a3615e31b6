import type { LocalizedText } from '../i18n'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/**
 * An instant as the clock in `timeZone` shows it, with the zone named: "2027-02-13 09:05
 * America/Los_Angeles", "2027年2月13日 09:05 America/Los_Angeles". The contact page's status line and the
 * timeline write an opt-out's time with it, so both give the same time in the same (named) zone,
 * wherever the reader's browser is.
 */
export function zonedTime(at: number, timeZone: string): LocalizedText {
  const parts = formatterFor(timeZone).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((found) => found.type === type)?.value ?? ''
  const [year, month, day, time] = [part('year'), Number(part('month')), Number(part('day')), `${part('hour')}:${part('minute')}`]
  return {
    en: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${time} ${timeZone}`,
    zh: `${year}年${month}月${day}日 ${time} ${timeZone}`,
  }
}
