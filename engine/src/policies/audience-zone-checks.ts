import {
  AUDIENCE_ZONE_CODES,
  formatMinutes,
  isPromotional,
  type JourneyDocument,
  type JourneyNode,
  type LocalizedText,
  type MessageCategory,
  minutesOfDay,
  nodeKindOf,
  type Problem,
  sendCategory,
  successors,
  type WeeklyIntervals,
  warning,
} from '@recall/shared'
import { addLocalDays, DAY, fromLocal, toLocal, weekdayOf } from '../time/zoned'
import { type ContactZones, describeZones } from './contact-zones'
import { resumeZone } from './hold-reasons'
import type { SendPolicies } from './policies'
import { sendClocks } from './provider-rules'
import { nodeSendWindow, openingOnEveryClock } from './window'

/** Contacts whose sends are judged in the same zones (one country's, a zone of their own, the default), and how many. */
export interface AudienceZones {
  judged: ContactZones
  contacts: number
}

/** A local time a send goes out at because what comes right before it lets contacts through at that time. */
interface FixedTime {
  time: string
  weekdays?: readonly number[] | undefined
  /** The node that sets the time, for the warning: "Until 20:30", "birthday at 20:30". */
  source: JourneyNode
}

// Nodes that pass a contact straight on: a send after them still goes at the time set before them.
const PASS_THROUGH = new Set(['segment_split', 'ab_split'])
const SENDS = new Set(['send_sms', 'send_mms'])
// A send window that opens nowhere within this long, in all of a contact's zones at once, never opens.
const NEVER_WITHIN = 8 * DAY

function fixedTimeOf(node: JourneyNode): Omit<FixedTime, 'source'> | undefined {
  if (node.type === 'wait' && (node.data.mode === 'until_time' || node.data.mode === 'until_date_attribute'))
    return { time: node.data.time, weekdays: node.data.mode === 'until_time' ? node.data.weekdays : undefined }
  if (node.type === 'trigger' && node.data.on === 'date_attribute') return { time: node.data.at }
  return undefined
}

/** Each send that goes out at a fixed local time: right after a wait until a time, or a date trigger, with only splits between. */
function fixedSendTimes(document: JourneyDocument): Map<string, FixedTime> {
  const byId = new Map(document.nodes.map((node) => [node.id, node]))
  const next = successors(document.edges)
  const times = new Map<string, FixedTime>()
  for (const source of document.nodes) {
    const fixed = fixedTimeOf(source)
    if (!fixed) continue
    const seen = new Set<string>()
    const queue = [...(next.get(source.id) ?? [])]
    for (const id of queue) {
      const node = byId.get(id)
      if (!node || seen.has(id)) continue
      seen.add(id)
      if (SENDS.has(node.type) && !times.has(id)) times.set(id, { ...fixed, source })
      if (PASS_THROUGH.has(node.type)) queue.push(...(next.get(id) ?? []))
    }
  }
  return times
}

function categoryOf(document: JourneyDocument, node: JourneyNode): MessageCategory {
  const data = node.data as { category?: MessageCategory; offer?: unknown }
  return data.category === undefined ? document.settings.category : sendCategory(data.category, data.offer !== undefined)
}

/** The next few instants at `time` in the zone a contact's times are counted in: a week of them, so every weekday's window is tried. */
function instantsAt(fixed: FixedTime, timeZone: string, now: number): number[] {
  const today = toLocal(now, timeZone)
  const instants: number[] = []
  for (let offset = 0; offset <= 7 && instants.length < 7; offset++) {
    const date = addLocalDays(today, offset)
    if (fixed.weekdays && !fixed.weekdays.includes(weekdayOf(date))) continue
    const at = fromLocal(date.year, date.month, date.day, minutesOfDay(fixed.time), timeZone)
    if (at >= now) instants.push(at)
  }
  return instants
}

const count = (contacts: number, zh: boolean) => contacts.toLocaleString(zh ? 'zh-CN' : 'en')
const contactsEn = (contacts: number) => `${count(contacts, false)} ${contacts === 1 ? 'contact' : 'contacts'}`

/** Where a group's sends are judged: "Asia/Shanghai (workspace default)", "every time zone of Canada (…)". */
function describeJudged(judged: ContactZones): LocalizedText {
  if (judged.zones.length > 1) return describeZones(judged)
  const zone = judged.zones[0] ?? judged.timeZone
  if (judged.source === 'default') return { en: `${zone} (workspace default)`, zh: `${zone}(工作区默认时区)` }
  return { en: zone, zh: zone }
}

/** "3 contacts in America/New_York" / "3 位联系人位于 America/New_York": a space sets a zone's Latin name off the Chinese before it. */
function contactsIn(group: AudienceZones): LocalizedText {
  const where = describeJudged(group.judged)
  return { en: `${contactsEn(group.contacts)} in ${where.en}`, zh: `${count(group.contacts, true)} 位联系人位于${/^[A-Za-z]/.test(where.zh) ? ' ' : ''}${where.zh}` }
}

/**
 * Groups that read the same are one: a +86 number without a zone and a contact whose own zone is
 * Asia/Shanghai are both judged in Asia/Shanghai alone, however they came to be. A name stands for
 * its zones (a country's, a zone with its country's legal time), so merged groups are judged alike.
 */
function mergeSameName(audience: readonly AudienceZones[]): AudienceZones[] {
  const byName = new Map<string, AudienceZones>()
  for (const group of audience) {
    const { en } = describeJudged(group.judged)
    const key = `${en}\n${group.judged.zones.join(' ')}`
    const same = byName.get(key)
    byName.set(key, same ? { judged: same.judged, contacts: same.contacts + group.contacts } : group)
  }
  return [...byName.values()]
}

interface Held {
  group: AudienceZones
  /** "08:00 America/St_Johns": when the held message goes, on the clock it waited for. */
  until: LocalizedText
}

/** Groups named one by one, most contacts first (after the total, which leads: a node on the canvas shows a warning's first lines). */
function listGroups(held: readonly Held[]): LocalizedText {
  const sorted = [...held].sort((a, b) => b.group.contacts - a.group.contacts)
  const named = sorted.map(({ group, until }) => ({ where: contactsIn(group), until }))
  return {
    en: named.map(({ where, until }) => `${where.en} until ${until.en}`).join('; '),
    zh: named.map(({ where, until }) => `${where.zh},暂缓至 ${until.zh}`).join(';'),
  }
}

function heldAtFixedTime(fixed: FixedTime, weekly: WeeklyIntervals, audience: readonly AudienceZones[], policies: SendPolicies, category: MessageCategory, now: number): Held[] {
  const rule = policies.providerRules?.[category]
  const held: Held[] = []
  for (const group of audience) {
    const clocks = sendClocks(group.judged.zones, weekly, [], rule)
    for (const at of instantsAt(fixed, group.judged.timeZone, now)) {
      const opening = openingOnEveryClock(at, clocks, group.judged.zones.length)
      if (opening && opening.at === at) continue
      if (!opening) break // never open at all: the other warning says so
      const zone = resumeZone(opening, group.judged)
      const time = formatMinutes(toLocal(opening.at, zone).minutes)
      held.push({ group, until: { en: `${time} ${zone}`, zh: `${time}(${zone})` } })
      break
    }
  }
  return held
}

function neverOpen(weekly: WeeklyIntervals, audience: readonly AudienceZones[], policies: SendPolicies, category: MessageCategory, now: number): AudienceZones[] {
  const rule = policies.providerRules?.[category]
  return audience.filter((group) => {
    // One zone and no cloud hours is the window itself, which validation already judges.
    if (group.judged.zones.length === 1 && !rule?.marketingWindow) return false
    const opening = openingOnEveryClock(now, sendClocks(group.judged.zones, weekly, [], rule), group.judged.zones.length)
    return !opening || opening.at > now + NEVER_WITHIN
  })
}

/**
 * What publishing would do to the journey's promotional sends in the zones its audience is judged in,
 * as sending judges them (a contact's own zone, every zone of its number's country, Beijing time
 * beside a +86 number's own zone, the workspace default): a send at a fixed time that is outside the
 * allowed hours in some of those zones is held there, and a window with no time open in all of a
 * contact's zones at once never sends. Warnings, not errors: the marketer may mean it.
 */
export function audienceZoneProblems(document: JourneyDocument, policies: SendPolicies, audience: readonly AudienceZones[], now: number): Problem[] {
  if (audience.length === 0) return []
  const groups = mergeSameName(audience)
  const fixedTimes = fixedSendTimes(document)
  const problems: Problem[] = []
  document.nodes.forEach((node, index) => {
    if (!SENDS.has(node.type)) return
    const category = categoryOf(document, node)
    if (!isPromotional(category)) return
    const weekly = nodeSendWindow(document, node, policies)
    const at = { nodeId: node.id }
    const never = neverOpen(weekly, groups, policies, category, now)
    if (never.length > 0) {
      const contacts = never.reduce((sum, group) => sum + group.contacts, 0)
      const named = [...never].sort((a, b) => b.contacts - a.contacts).map(contactsIn)
      problems.push(
        warning(
          AUDIENCE_ZONE_CODES.neverOpen,
          `/nodes/${index}`,
          {
            en: `Never sent to ${contactsEn(contacts)}: no time is inside this message's send window in all of their zones at once. ${named.map((group) => group.en).join('; ')}`,
            zh: `永远不会发送给 ${count(contacts, true)} 位联系人:他们的各个时区没有同时处于该消息发送时段内的时间。${named.map((group) => group.zh).join(';')}`,
          },
          at,
        ),
      )
    }
    const fixed = fixedTimes.get(node.id)
    if (!fixed) return
    const held = heldAtFixedTime(fixed, weekly, groups, policies, category, now).filter((entry) => !never.includes(entry.group))
    if (held.length === 0) return
    const contacts = held.reduce((sum, entry) => sum + entry.group.contacts, 0)
    const listed = listGroups(held)
    const source = { en: nodeKindOf(fixed.source.type).summary(fixed.source.data, 'en'), zh: nodeKindOf(fixed.source.type).summary(fixed.source.data, 'zh-CN') }
    problems.push(
      warning(
        AUDIENCE_ZONE_CODES.fixedTimeHeld,
        `/nodes/${index}`,
        {
          en: `Held for ${contactsEn(contacts)}: sent at ${fixed.time} local time (after "${source.en}"), this message is outside the allowed sending hours in some of their zones. ${listed.en}`,
          zh: `${count(contacts, true)} 位联系人将被暂缓:该消息在当地时间 ${fixed.time} 发送(在"${source.zh}"之后),不在他们部分时区的允许发送时段内。${listed.zh}`,
        },
        at,
      ),
    )
  })
  return problems
}
