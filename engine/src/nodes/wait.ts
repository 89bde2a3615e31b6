import { type Duration, formatMinutes, minutesOfDay } from '@recall/shared'
import { matchesFilter } from '../conditions'
import { addDuration, addLocalDays, fromLocal, parseInstant, toLocal, weekdayOf } from '../time/zoned'
import type { NodeSemantics, RunContext } from './semantics'

/** The next instant at `time` local on one of `weekdays`, at or after now. */
function nextLocalTime(time: string, weekdays: readonly number[] | undefined, context: RunContext): number {
  const local = toLocal(context.now, context.timeZone)
  const minutes = minutesOfDay(time)
  for (let offset = 0; offset <= 7; offset++) {
    const date = addLocalDays(local, offset)
    if (weekdays && !weekdays.includes(weekdayOf(date))) continue
    const at = fromLocal(date.year, date.month, date.day, minutes, context.timeZone)
    if (at >= context.now) return at
  }
  return context.now
}

/** `offsetDays` after the contact's date attribute at `time` local; undefined when the contact has no such date. */
function dateAttributeTime(data: { attribute: string; offsetDays: number; time: string }, context: RunContext): number | undefined {
  const base = parseInstant(context.contact.attributes[data.attribute])
  if (base === undefined) return undefined
  const date = addLocalDays(toLocal(base, context.timeZone), data.offsetDays)
  return fromLocal(date.year, date.month, date.day, minutesOfDay(data.time), context.timeZone)
}

/** A wait with a minimum never ends before entry + minimum, even when its time is past or unknown. */
function atLeast(at: number | undefined, minimum: Duration | undefined, context: RunContext): number | undefined {
  if (!minimum) return at
  const earliest = addDuration(context.now, minimum, context.timeZone)
  return at === undefined ? earliest : Math.max(at, earliest)
}

function describeInstant(at: number, context: RunContext): { en: string; zh: string } {
  const local = toLocal(at, context.timeZone)
  const time = formatMinutes(local.minutes)
  return {
    en: `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')} ${time} ${context.timeZone}`,
    zh: `${local.month}月${local.day}日 ${time}(${context.timeZone})`,
  }
}

export const wait: NodeSemantics<'wait'> = {
  mode: 'wait',
  wakeAt(node, context) {
    const { data } = node
    switch (data.mode) {
      case 'duration':
        return addDuration(context.now, data.duration, context.timeZone)
      case 'until_time':
        return atLeast(nextLocalTime(data.time, data.weekdays, context), data.minimum, context)
      case 'until_date_attribute':
        return atLeast(dateAttributeTime(data, context), data.minimum, context)
      case 'for_event':
        return addDuration(context.now, data.timeout, context.timeZone)
    }
  },
  timeoutHandle: (node) => (node.data.mode === 'for_event' ? 'timeout' : 'out'),
  listener(node) {
    const { data } = node
    if (data.mode !== 'for_event') return undefined
    return { event: data.event, handle: 'event', matches: (properties) => matchesFilter(data.filter, properties) }
  },
  describe(node, wakeAt, context) {
    const until = describeInstant(wakeAt, context)
    if (node.data.mode === 'for_event') return { en: `waiting for ${node.data.event} until ${until.en}`, zh: `等待 ${node.data.event},最晚至 ${until.zh}` }
    return { en: `waiting until ${until.en}`, zh: `等待至 ${until.zh}` }
  },
}
