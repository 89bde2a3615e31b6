import Type from 'typebox'
import { Duration, TimeOfDay, Weekday } from '../schema/common'
import { AttributeCondition } from '../schema/conditions'
import { error } from '../validation/problem'
import { defineNodeKind, type HandleSpec, OUT_HANDLE } from './kind'

/**
 * The shortest a wait until a time or date lasts. That time may be now or past (a date attribute
 * in the past), so only a minimum makes such a wait count as a pause in a loop.
 */
const MinimumWait = Type.Optional(Duration)

export const WaitData = Type.Union([
  Type.Object({ mode: Type.Literal('duration'), duration: Duration }, { additionalProperties: false }),
  Type.Object(
    {
      mode: Type.Literal('until_time'),
      time: TimeOfDay,
      /** Only on these ISO weekdays; every day when absent. */
      weekdays: Type.Optional(Type.Array(Weekday, { minItems: 1, maxItems: 7, uniqueItems: true })),
      minimum: MinimumWait,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      mode: Type.Literal('until_date_attribute'),
      attribute: Type.String({ minLength: 1, maxLength: 100 }),
      offsetDays: Type.Integer({ minimum: -3650, maximum: 3650 }),
      time: TimeOfDay,
      minimum: MinimumWait,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      mode: Type.Literal('for_event'),
      event: Type.String({ minLength: 1, maxLength: 100 }),
      filter: Type.Optional(Type.Array(AttributeCondition)),
      timeout: Duration,
    },
    { additionalProperties: false },
  ),
])

const EVENT_HANDLES: HandleSpec[] = [
  { id: 'event', label: { en: 'event', zh: '已发生' } },
  { id: 'timeout', label: { en: 'timeout', zh: '超时' } },
]

const UNIT_LABELS = {
  minutes: { en: 'minutes', zh: '分钟' },
  hours: { en: 'hours', zh: '小时' },
  days: { en: 'days', zh: '天' },
  weeks: { en: 'weeks', zh: '周' },
} as const

export function describeDuration(duration: { amount: number; unit: keyof typeof UNIT_LABELS }, zh: boolean): string {
  const unit = UNIT_LABELS[duration.unit]
  return zh ? `${duration.amount} ${unit.zh}` : `${duration.amount} ${duration.amount === 1 ? unit.en.replace(/s$/, '') : unit.en}`
}

function describeMinimum(minimum: Duration | undefined, zh: boolean): string {
  if (!minimum) return ''
  return zh ? ` · 至少 ${describeDuration(minimum, zh)}` : ` · at least ${describeDuration(minimum, zh)}`
}

export const wait = defineNodeKind(WaitData, {
  type: 'wait',
  label: { en: 'Wait', zh: '等待' },
  description: { en: 'Pause for a time, until a local time or date, or for an event', zh: '等待一段时间、到某个时间或日期,或等待某个事件' },
  defaults: () => ({ mode: 'duration', duration: { amount: 1, unit: 'days' } }),
  handles: (data) => (data.mode === 'for_event' ? EVENT_HANDLES : [OUT_HANDLE]),
  alwaysWaitsBefore(data, handle) {
    switch (data.mode) {
      case 'duration':
        return data.duration.amount > 0
      case 'for_event':
        // An event may arrive the instant the contact gets here; only the timeout is sure to take time.
        return handle === 'timeout' && data.timeout.amount > 0
      default:
        return (data.minimum?.amount ?? 0) > 0
    }
  },
  summary(data, locale) {
    const zh = locale === 'zh-CN'
    switch (data.mode) {
      case 'duration':
        return zh ? `等待 ${describeDuration(data.duration, zh)}` : `Wait ${describeDuration(data.duration, zh)}`
      case 'until_time': {
        const days = data.weekdays ? (zh ? ` · 周${data.weekdays.join(',')}` : ` · days ${data.weekdays.join(',')}`) : ''
        return (zh ? `等到 ${data.time}${days}` : `Until ${data.time}${days}`) + describeMinimum(data.minimum, zh)
      }
      case 'until_date_attribute':
        return (
          (zh
            ? `等到 ${data.attribute} ${data.offsetDays >= 0 ? '+' : ''}${data.offsetDays} 天 ${data.time}`
            : `Until ${data.attribute} ${data.offsetDays >= 0 ? '+' : ''}${data.offsetDays} days at ${data.time}`) + describeMinimum(data.minimum, zh)
        )
      case 'for_event':
        return zh ? `等待 ${data.event} · 最多 ${describeDuration(data.timeout, zh)}` : `Wait for ${data.event} · up to ${describeDuration(data.timeout, zh)}`
    }
  },
  check(data, context) {
    const field = data.mode === 'duration' ? 'duration' : data.mode === 'for_event' ? 'timeout' : 'minimum'
    const duration = data.mode === 'duration' ? data.duration : data.mode === 'for_event' ? data.timeout : data.minimum
    if (duration && duration.amount === 0) {
      return [
        error(
          'wait.zero',
          `${context.dataPath}/${field}/amount`,
          { en: 'A wait of 0 does not wait; use at least 1', zh: '等待时长为 0 等于不等待,请至少填 1' },
          { nodeId: context.nodeId },
        ),
      ]
    }
    return []
  },
})
