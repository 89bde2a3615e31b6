import { type Locale, type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'

/** The zones a contact's sends are judged in, as the server answers them. */
export interface SendZonesView {
  timeZone: string
  zones: string[]
  source: 'contact' | 'phone' | 'default'
  country?: string
}

/** "United States" / "美国"; the code itself where the runtime has no name for it. */
function countryName(country: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? country
  } catch {
    return country
  }
}

function span(zones: readonly string[]): string {
  return zones.length <= 2 ? zones.join(', ') : `${zones[0]} … ${zones[zones.length - 1]}`
}

/** For a contact with a zone of its own and a number whose country has a legal time (+86: Beijing time): the zones beside its own. */
function legalTimeBeside(judged: SendZonesView): string[] {
  return judged.source === 'contact' && judged.country !== undefined ? judged.zones.filter((zone) => zone !== judged.timeZone) : []
}

function describe(judged: SendZonesView): LocalizedText | undefined {
  const legal = legalTimeBeside(judged)
  if (legal.length > 0) {
    const code = judged.country ?? ''
    return {
      en: `Sends are judged in ${judged.timeZone} (the contact's own zone) and ${legal.join(', ')} (${countryName(code, 'en')}'s legal time, from the number): a marketing text goes out only when both are inside the window. Waits and dates use ${judged.timeZone}.`,
      zh: `发送时段按联系人时区 ${judged.timeZone} 和${countryName(code, 'zh-CN')}法定时间 ${legal.join('、')}(依据号码)判断:营销短信只在两者都处于发送时段内时发出。等待和日期按 ${judged.timeZone} 计算。`,
    }
  }
  if (judged.source === 'contact') return undefined
  if (judged.source === 'default')
    return {
      en: `Sends are judged in the workspace's time zone ${judged.timeZone}: the contact has no time zone and its number's country is not known.`,
      zh: `发送时段按工作区默认时区 ${judged.timeZone} 判断:联系人没有设置时区,号码所属国家未知。`,
    }
  const code = judged.country ?? ''
  const country = { en: countryName(code, 'en'), zh: countryName(code, 'zh-CN') }
  if (judged.zones.length <= 1)
    return {
      en: `Sends are judged in ${judged.timeZone}, from the number (${country.en}): the contact has no time zone of its own.`,
      zh: `发送时段按 ${judged.timeZone} 判断,依据号码所属国家(${country.zh}):联系人没有设置时区。`,
    }
  return {
    en: `Sends are judged in every time zone of ${country.en} (${span(judged.zones)}), from the number: a marketing text goes out only when it is inside the window in every one of them. Waits and dates use ${judged.timeZone}.`,
    zh: `发送时段按号码所属国家${country.zh}的所有时区(${span(judged.zones)})判断:营销短信只在所有这些时区都处于发送时段内时发出。等待和日期按 ${judged.timeZone} 计算。`,
  }
}

/**
 * The short form for a list row: the contact's own zone; else where the number puts it ("Asia/Tokyo
 * (from number)", "United States: 8 zones (from number)"); else the workspace's zone, saying so.
 */
export function zoneLabel(judged: SendZonesView, locale: Locale): string {
  const legal = legalTimeBeside(judged)
  if (legal.length > 0) return localize({ en: `${judged.timeZone} + ${legal.join(', ')} (legal time)`, zh: `${judged.timeZone} + ${legal.join('、')}(法定时间)` }, locale)
  if (judged.source === 'contact') return judged.timeZone
  if (judged.source === 'default') return localize({ en: `${judged.timeZone} (workspace default)`, zh: `${judged.timeZone}(工作区默认)` }, locale)
  if (judged.zones.length <= 1) return localize({ en: `${judged.timeZone} (from number)`, zh: `${judged.timeZone}(按号码)` }, locale)
  const country = countryName(judged.country ?? '', locale)
  return localize({ en: `${country}: ${judged.zones.length} zones (from number)`, zh: `${country}:${judged.zones.length} 个时区(按号码)` }, locale)
}

/** For a contact without a zone of its own, or with one and a country's legal time beside it: which zone(s) its sends are judged in and why. */
export function SendZones({ judged }: { judged: SendZonesView }) {
  const locale = useLocale()
  const text = describe(judged)
  if (!text) return null
  return (
    <p className="hint" data-testid="send-zones" title={judged.zones.join('\n')}>
      {localize(text, locale)}
    </p>
  )
}
