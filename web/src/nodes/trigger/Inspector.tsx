import type { NodeData } from '@recall/shared'
import { EventPicker } from '../../inspector/CatalogPickers'
import { DateOffsetFields } from '../../inspector/DateOffsetFields'
import { Checkbox, Field, Select } from '../../inspector/fields'
import { useNodeData } from '../../inspector/useNodeData'
import { SegmentPicker } from './SegmentPicker'
import { ThrottleFields } from './ThrottleFields'

type TriggerData = NodeData<'trigger'>

const DEFAULTS: Record<TriggerData['on'], TriggerData> = {
  event: { on: 'event', event: 'app_open' },
  segment_entered: { on: 'segment_entered', segmentId: 'inactive_90d' },
  date_attribute: { on: 'date_attribute', attribute: 'birthday', offsetDays: 0, at: '10:00', yearly: true },
  api: { on: 'api' },
}

export function TriggerInspector({ nodeId }: { nodeId: string }) {
  const { node, update } = useNodeData<'trigger'>(nodeId)
  const { data } = node
  return (
    <>
      <Field label={{ en: 'Contacts enter when', zh: '联系人进入条件' }}>
        <Select
          value={data.on}
          options={[
            { value: 'event', label: { en: 'An event happens', zh: '发生某个事件' } },
            { value: 'segment_entered', label: { en: 'They enter a segment', zh: '进入某个分群' } },
            { value: 'date_attribute', label: { en: 'A date comes round (birthday, sign-up + N days)', zh: '到达某个日期(生日、注册后 N 天)' } },
            { value: 'api', label: { en: 'Added by the API or an import', zh: '通过 API 或导入加入' } },
          ]}
          onChange={(on) => update({ ...DEFAULTS[on], ...(data.throttle ? { throttle: data.throttle } : {}) })}
        />
      </Field>
      {data.on === 'event' && (
        <Field label={{ en: 'Event name', zh: '事件名' }} hint={{ en: 'Letters, digits and _ . : -', zh: '字母、数字及 _ . : -' }}>
          <EventPicker value={data.event} maxLength={100} onChange={(event) => update({ ...data, event }, 'event')} />
        </Field>
      )}
      {data.on === 'segment_entered' && <SegmentPicker value={data.segmentId} onChange={(segmentId) => update({ ...data, segmentId })} />}
      {data.on === 'date_attribute' && (
        <>
          <DateOffsetFields
            value={{ attribute: data.attribute, offsetDays: data.offsetDays, time: data.at }}
            onChange={({ attribute, offsetDays, time }, field) => update({ ...data, attribute, offsetDays, at: time }, field)}
          />
          <Checkbox
            checked={data.yearly}
            label={{ en: 'Every year (birthdays, anniversaries)', zh: '每年一次(生日、纪念日)' }}
            onChange={(yearly) => update({ ...data, yearly })}
          />
        </>
      )}
      <ThrottleFields
        value={data.throttle}
        onChange={(throttle) => {
          const { throttle: _previous, ...rest } = data
          update(throttle ? { ...rest, throttle } : rest)
        }}
      />
    </>
  )
}
