import type { Duration, NodeData } from '@recall/shared'
import { EventPicker } from '../../inspector/CatalogPickers'
import { DateOffsetFields } from '../../inspector/DateOffsetFields'
import { Checkbox, DurationInput, Field, Select, TimeInput, WeekdaysInput } from '../../inspector/fields'
import { useNodeData } from '../../inspector/useNodeData'

type WaitData = NodeData<'wait'>
type TimedWait = Extract<WaitData, { mode: 'until_time' | 'until_date_attribute' }>

/**
 * The optional "at least" of a wait until a time or date. That time can be past (an old date),
 * so in a loop only a minimum keeps the contact from going round at once; validation asks for it.
 */
function AtLeastField({ data, onChange }: { data: TimedWait; onChange(data: TimedWait, field?: string): void }) {
  const set = (minimum: Duration | undefined) => {
    const { minimum: _old, ...rest } = data
    onChange((minimum ? { ...rest, minimum } : rest) as TimedWait, 'minimum')
  }
  return (
    <>
      <Checkbox
        checked={data.minimum !== undefined}
        onChange={(on) => set(on ? { amount: 1, unit: 'days' } : undefined)}
        label={{ en: 'Wait at least a while, even if that time has passed', zh: '至少等待一段时间(即使该时间已过)' }}
      />
      {data.minimum && (
        <Field label={{ en: 'At least', zh: '至少等待' }} hint={{ en: 'Needed when this wait is part of a loop', zh: '此等待位于循环中时必须设置' }}>
          <DurationInput value={data.minimum} onChange={set} />
        </Field>
      )}
    </>
  )
}

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
              onChange={(weekdays) => {
                const { weekdays: _every, ...rest } = data
                update(weekdays.length === 7 ? rest : { ...data, weekdays })
              }}
            />
          </Field>
          <AtLeastField data={data} onChange={update} />
        </>
      )}
      {data.mode === 'until_date_attribute' && (
        <>
          <DateOffsetFields value={data} onChange={(offset, field) => update({ ...data, ...offset }, field)} />
          <AtLeastField data={data} onChange={update} />
        </>
      )}
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
