import { formatMinutes, type LocalizedText, type WeeklyIntervals } from '@recall/shared'
import { toLocal } from '../time/zoned'
import { type ContactZones, describeZones } from './contact-zones'
import type { Holiday } from './policies'
import { describeProviderWindow, insideProviderWindow, jointOpening, type ProviderSendRule, providerOpening, providerWindowReason } from './provider-rules'
import type { JointOpening, Opening } from './window'

export function describeLocal(at: number, timeZone: string): { en: string; zh: string } {
  const local = toLocal(at, timeZone)
  const time = formatMinutes(local.minutes)
  return { en: `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')} ${time}`, zh: `${local.month}月${local.day}日 ${time}` }
}

/** Zones to name in a reason: one, or several of a country ("every time zone of the United States"). */
export type NamedZones = Pick<ContactZones, 'zones' | 'country'>

/** The zone a resume time reads best in: the one the send waited for, else the contact's main zone. */
export function resumeZone(opening: JointOpening, judged: Pick<ContactZones, 'timeZone' | 'zones'>): string {
  return opening.waitedFor === undefined ? judged.timeZone : (judged.zones[opening.waitedFor] ?? judged.timeZone)
}

/**
 * "held: outside 08:00–21:00 Asia/Shanghai, resumes 2026-11-02 08:00"; for a contact judged in every
 * zone of its number's country, the country's zones, and the resume time in the zone it waited for:
 * "held: outside 08:00–21:00 in every time zone of the United States (America/New_York … Pacific/Honolulu), resumes
 * 2026-07-01 08:00 Pacific/Honolulu".
 */
export function windowReason(opening: Opening, until: number, timeZone: string, judged?: NamedZones): LocalizedText {
  const window = `${formatMinutes(opening.interval[0])}–${formatMinutes(opening.interval[1])}`
  const resumes = describeLocal(until, timeZone)
  if (judged && judged.zones.length > 1) {
    const every = describeZones(judged)
    if (opening.holiday)
      return {
        en: `held: holiday window ${window} in ${every.en}, resumes ${resumes.en} ${timeZone}`,
        zh: `暂缓:${every.zh}的节假日发送时段 ${window},将于 ${resumes.zh}(${timeZone})发送`,
      }
    return {
      en: `held: outside ${window} in ${every.en}, resumes ${resumes.en} ${timeZone}`,
      zh: `暂缓:不在${every.zh}的 ${window} 发送时段内,将于 ${resumes.zh}(${timeZone})发送`,
    }
  }
  if (opening.holiday) return { en: `held: holiday window ${window} ${timeZone}, resumes ${resumes.en}`, zh: `暂缓:节假日发送时段 ${window}(${timeZone}),将于 ${resumes.zh} 发送` }
  return { en: `held: outside ${window} ${timeZone}, resumes ${resumes.en}`, zh: `暂缓:不在 ${window}(${timeZone})发送时段内,将于 ${resumes.zh} 发送` }
}

/** The contact's own hours as a phrase: "10:00–21:00 Asia/Shanghai", "the holiday window 10:00–21:00 in every time zone of …". */
function contactHours(opening: Opening, timeZone: string, judged: NamedZones): LocalizedText {
  const window = `${formatMinutes(opening.interval[0])}–${formatMinutes(opening.interval[1])}`
  const holiday = opening.holiday ? { en: 'the holiday window ', zh: '节假日发送时段 ' } : { en: '', zh: '' }
  if (judged.zones.length > 1) {
    const every = describeZones(judged)
    return { en: `${holiday.en}${window} in ${every.en}`, zh: `${every.zh}的${holiday.zh || ' '}${window}` }
  }
  return { en: `${holiday.en}${window} ${timeZone}`, zh: `${holiday.zh || ' '}${window}(${timeZone})` }
}

/**
 * Whose hours a held send waits for, so the reason names the hours that set the time it goes:
 * - `window`: the contact's own window (legal window, allowed hours, the node's, a holiday's) would
 *   hold it until then by itself;
 * - `provider`: the cloud's marketing hours would, and the contact's window is open sooner;
 * - `both`: neither alone: the cloud refuses now and the contact's window opens later than the cloud
 *   (Aliyun's 08:00–20:00 at 20:30 with allowed hours 10:00–21:00: it goes at 10:00, not 08:00).
 * When both would hold it until the same time the cloud is named, as it refuses now, unless a holiday
 * opening names its own hours.
 */
export function hoursThatHold(
  earliest: number,
  opening: Opening,
  timeZones: readonly string[],
  weekly: WeeklyIntervals,
  holidays: readonly Holiday[],
  rule: ProviderSendRule | undefined,
): 'window' | 'provider' | 'both' {
  if (!rule?.marketingWindow) return 'window'
  const contactOnly = jointOpening(earliest, timeZones, weekly, holidays, undefined)
  const cloudSetsIt = providerOpening(earliest, rule)?.at === opening.at
  if (contactOnly && contactOnly.at >= opening.at) return cloudSetsIt && !opening.holiday && !insideProviderWindow(earliest, rule) ? 'provider' : 'window'
  return cloudSetsIt ? 'provider' : 'both'
}

/** What a send held by the window or the cloud's hours needs to say why, and when it goes. */
export interface WindowHold {
  /** The first moment the send may go. */
  opening: JointOpening
  /** When it goes: the opening, or a point spread into its first minutes. */
  until: number
  /** When the send was asked for. */
  earliest: number
  judged: Pick<ContactZones, 'timeZone' | 'zones' | 'country'>
  weekly: WeeklyIntervals
  holidays: readonly Holiday[]
  rule: ProviderSendRule | undefined
}

/**
 * The one reason for a send held by hours, for the step that holds it and for the re-check at
 * sending: the hours that set the time it goes, and that time (`until`, the one it is rescheduled
 * for) on the clock it waited for. `holiday` when a holiday's own hours hold it.
 */
export function windowHoldReason(hold: WindowHold): { code: 'window' | 'holiday'; reason: LocalizedText } {
  const { opening, until, judged } = hold
  const timeZone = resumeZone(opening, judged)
  const whose = hoursThatHold(hold.earliest, opening, judged.zones, hold.weekly, hold.holidays, hold.rule)
  if (whose === 'window' || !hold.rule) return { code: opening.holiday ? 'holiday' : 'window', reason: windowReason(opening, until, timeZone, judged) }
  const resumes = describeLocal(until, timeZone)
  if (whose === 'provider') return { code: 'window', reason: providerWindowReason(hold.rule, resumes, timeZone) }
  const cloud = describeProviderWindow(hold.rule)
  const own = contactHours(opening, timeZone, judged)
  return {
    code: 'window',
    reason: {
      en: `held: outside ${cloud.en} and ${own.en} at once, resumes ${resumes.en} ${timeZone}`,
      zh: `暂缓:不在${cloud.zh}与${own.zh}的共同时段内,将于 ${resumes.zh}(${timeZone})发送`,
    },
  }
}
