import Type from 'typebox'
import type { Locale } from '../i18n'
import { TimeOfDay } from '../schema/common'
import { AttributeCondition } from '../schema/conditions'
import { defineNodeKind, OUT_HANDLE } from './kind'

const EventName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })

/**
 * At most `limit` entries per clock minute or hour through this trigger; the rest wait in arrival
 * order and enter as the next minute or hour opens, never dropped.
 */
export const EntryThrottle = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 1_000_000 }), per: Type.Union([Type.Literal('minute'), Type.Literal('hour')]) },
  { additionalProperties: false },
)
export type EntryThrottle = Type.Static<typeof EntryThrottle>
const throttled = { throttle: Type.Optional(EntryThrottle) }

export const TriggerData = Type.Union([
  Type.Object(
    {
      on: Type.Literal('event'),
      event: EventName,
      /** Conditions on the event's properties, all of which must hold. */
      filter: Type.Optional(Type.Array(AttributeCondition)),
      ...throttled,
    },
    { additionalProperties: false },
  ),
  Type.Object({ on: Type.Literal('segment_entered'), segmentId: Type.String({ minLength: 1, maxLength: 100 }), ...throttled }, { additionalProperties: false }),
  Type.Object(
    {
      on: Type.Literal('date_attribute'),
      attribute: Type.String({ minLength: 1, maxLength: 100 }),
      /** Days after (positive) or before (negative) the date; 7 with signup_at is "7 days after sign-up". */
      offsetDays: Type.Integer({ minimum: -3650, maximum: 3650 }),
      /** Local time of day to enter. */
      at: TimeOfDay,
      /** Every year on the anniversary, for birthdays. */
      yearly: Type.Boolean(),
      ...throttled,
    },
    { additionalProperties: false },
  ),
  Type.Object({ on: Type.Literal('api'), ...throttled }, { additionalProperties: false }),
])

export const trigger = defineNodeKind(TriggerData, {
  type: 'trigger',
  label: { en: 'Trigger', zh: '触发' },
  description: { en: 'Where contacts enter: an event, a segment, a date, or the API', zh: '联系人从这里进入:事件、分群、日期或 API' },
  isEntry: true,
  defaults: () => ({ on: 'event', event: 'app_open' }),
  handles: () => [OUT_HANDLE],
  summary(data, locale) {
    const how = entrySummary(data, locale)
    if (!data.throttle) return how
    const { limit, per } = data.throttle
    return locale === 'zh-CN' ? `${how} · 每${per === 'minute' ? '分钟' : '小时'}最多 ${limit} 人` : `${how} · at most ${limit}/${per}`
  },
})

function entrySummary(data: Type.Static<typeof TriggerData>, locale: Locale): string {
  const zh = locale === 'zh-CN'
  switch (data.on) {
    case 'event':
      return zh ? `事件:${data.event}` : `Event: ${data.event}`
    case 'segment_entered':
      return zh ? `进入分群:${data.segmentId}` : `Entered segment ${data.segmentId}`
    case 'date_attribute': {
      const offset =
        data.offsetDays === 0
          ? ''
          : zh
            ? `${data.offsetDays > 0 ? '后' : '前'} ${Math.abs(data.offsetDays)} 天`
            : ` ${data.offsetDays > 0 ? '+' : '−'}${Math.abs(data.offsetDays)} days`
      return zh ? `${data.attribute}${offset} ${data.at}${data.yearly ? ' · 每年' : ''}` : `${data.attribute}${offset} at ${data.at}${data.yearly ? ' · yearly' : ''}`
    }
    case 'api':
      return zh ? '通过 API 或导入加入' : 'Added by API or import'
  }
}
