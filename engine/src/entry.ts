import { type EntryRules, type JourneyDocument, type JourneyNodeOf, minutesOfDay } from '@recall/shared'
import { matchesFilter } from './conditions'
import { addLocalDays, DAY, fromLocal, parseInstant, toLocal } from './time/zoned'

export interface PastEnrollment {
  enteredAt: number
  /** Undefined while the enrollment is active. */
  exitedAt: number | undefined
}

export type EntryDecision = { allowed: true } | { allowed: false; reason: { en: string; zh: string } }

/** One active enrollment per contact, and the journey's re-entry rule. */
export function canEnter(rules: EntryRules, history: readonly PastEnrollment[], now: number): EntryDecision {
  if (history.some((enrollment) => enrollment.exitedAt === undefined)) return { allowed: false, reason: { en: 'already in this journey', zh: '已在此旅程中' } }
  const last = history.reduce<PastEnrollment | undefined>((latest, enrollment) => (!latest || enrollment.enteredAt > latest.enteredAt ? enrollment : latest), undefined)
  if (!last) return { allowed: true }
  switch (rules.reentry) {
    case 'never':
      return { allowed: false, reason: { en: 're-entry is not allowed', zh: '不允许再次进入' } }
    case 'after_exit':
      return { allowed: true }
    case 'after_days': {
      const days = rules.reentryDays ?? 0
      return now >= last.enteredAt + days * DAY
        ? { allowed: true }
        : { allowed: false, reason: { en: `re-entry only ${days} days after the last entry`, zh: `距上次进入满 ${days} 天后才能再次进入` } }
    }
  }
}

type Trigger = JourneyNodeOf<'trigger'>

export function triggers(document: JourneyDocument): Trigger[] {
  return document.nodes.filter((node): node is Trigger => node.type === 'trigger')
}

/** The trigger an incoming event enters through, if any. */
export function triggerForEvent(document: JourneyDocument, name: string, properties?: Readonly<Record<string, unknown>>): Trigger | undefined {
  return triggers(document).find((node) => node.data.on === 'event' && node.data.event === name && matchesFilter(node.data.filter, properties))
}

/**
 * When a date-attribute trigger fires for a contact at or after `from`: the attribute's date plus
 * the offset, at the local time; every year on the anniversary when yearly (birthdays).
 */
export function nextDateTrigger(trigger: Trigger, attributes: Readonly<Record<string, unknown>>, timeZone: string, from: number): number | undefined {
  const { data } = trigger
  if (data.on !== 'date_attribute') return undefined
  const base = parseInstant(attributes[data.attribute])
  if (base === undefined) return undefined
  const local = toLocal(base, timeZone)
  const minutes = minutesOfDay(data.at)
  const fire = (year: number) => {
    const date = addLocalDays({ year, month: local.month, day: local.day }, data.offsetDays)
    return fromLocal(date.year, date.month, date.day, minutes, timeZone)
  }
  if (!data.yearly) {
    const at = fire(local.year)
    return at >= from ? at : undefined
  }
  const fromYear = toLocal(from, timeZone).year
  for (let year = fromYear - 1; year <= fromYear + 1; year++) {
    const at = fire(year)
    if (at >= from) return at
  }
  return undefined
}
