import type { NodeData } from '@recall/shared'
import { EventPicker } from '../../inspector/CatalogPickers'
import { DateOffsetFields } from '../../inspector/DateOffsetFields'
import { DurationInput, Field, Select, TimeInput, WeekdaysInput } from '../../inspector/fields'
import { useNodeData } from '../../inspector/useNodeData'

type WaitData = NodeData<'wait'>

const DEFAULTS: Record<WaitData['mode'], WaitData> = {
  duration: { mode: 'duration', duration: { amount: 1, unit: 'days' } },
  until_time: { mode: 'until_time', time: '10:00' },
  until_date_attribute: { mode: 'until_date_attribute', attribute: 'points_expire_at', offsetDays: -3, time: '10:00' },
  for_event: { mode: 'for_event', event: 'order_placed', timeout: { amount: 3, unit: 'days' } },
}

export function WaitInspector({ nodeId }: { nodeId: string }) {
  const { node, update } = useNodeData<'wait'>(nodeId)
  const { data } = node
  return (
    <>
      <Field label={{ en: 'Wait', zh: '等待方式' }}>
        <Select
          value={data.mode}
          options={[
            { value: 'duration', label: { en: 'For a time', zh: '等待一段时间' } },
            { value: 'until_time', label: { en: 'Until a local time', zh: '等到某个当地时间' } },
            { value: 'until_date_attribute', label: { en: 'Until a date of the contact', zh: '等到联系人的某个日期' } },
            { value: 'for_event', label: { en: 'For an event, with a timeout', zh: '等待某个事件(有超时)' } },
          ]}
          onChange={(mode) => update(DEFAULTS[mode])}
        />
      </Field>
      {data.mode === 'duration' && (
        <Field label={{ en: 'Duration', zh: '时长' }}>
          <DurationInput value={data.duration} onChange={(duration) => update({ ...data, duration }, 'duration')} />
        </Field>
      )}
      {data.mode === 'until_time' && (
        <>
          <Field label={{ en: 'Local time', zh: '当地时间' }}>
            <TimeInput value={data.time} onChange={(time) => update({ ...data, time })} />
          </Field>
          <Field label={{ en: 'On these days', zh: '仅在这些日子' }}>
            <WeekdaysInput
              value={data.weekdays ?? [1, 2, 3, 4, 5, 6, 7]}
              onChange={(weekdays) => update(weekdays.length === 7 ? { mode: 'until_time', time: data.time } : { ...data, weekdays })}
            />
          </Field>
        </>
      )}
      {data.mode === 'until_date_attribute' && <DateOffsetFields value={data} onChange={(offset, field) => update({ ...data, ...offset }, field)} />}
      {data.mode === 'for_event' && (
        <>
          <Field label={{ en: 'Event name', zh: '事件名' }}>
            <EventPicker value={data.event} maxLength={100} onChange={(event) => update({ ...data, event }, 'event')} />
          </Field>
          <Field label={{ en: 'Give up after', zh: '超时时间' }} hint={{ en: 'Then the contact takes the timeout path', zh: '超时后走"超时"分支' }}>
            <DurationInput value={data.timeout} onChange={(timeout) => update({ ...data, timeout }, 'timeout')} />
          </Field>
        </>
      )}
    </>
  )
}
