import { DurationInput, Field, Select, TextInput } from '../../inspector/fields'
import { CategoryField, LinkField, useJourneyBrand, withOptional } from '../../inspector/message-fields'
import { SendWindowEditor } from '../../inspector/SendWindowEditor'
import { SmsEditor } from '../../inspector/SmsEditor'
import { useNodeData } from '../../inspector/useNodeData'

export function ReminderInspector({ nodeId }: { nodeId: string }) {
  const { node, update } = useNodeData<'reminder_before_expiry'>(nodeId)
  const brand = useJourneyBrand()
  const { data } = node
  return (
    <>
      <Field label={{ en: 'What expires', zh: '到期对象' }}>
        <Select
          value={data.expiry.source}
          options={[
            { value: 'coupon', label: { en: 'The coupon this journey issued', zh: '本旅程发放的优惠券' } },
            { value: 'attribute', label: { en: 'A date attribute (e.g. points expiry)', zh: '日期属性(如积分到期)' } },
          ]}
          onChange={(source) => update({ ...data, expiry: source === 'coupon' ? { source } : { source, attribute: 'points_expire_at' } })}
        />
      </Field>
      {data.expiry.source === 'attribute' && (
        <Field label={{ en: 'Date attribute', zh: '日期属性' }}>
          <TextInput value={data.expiry.attribute} onChange={(attribute) => update({ ...data, expiry: { source: 'attribute', attribute } }, 'attribute')} />
        </Field>
      )}
      <Field label={{ en: 'Remind this long before', zh: '提前提醒' }}>
        <DurationInput value={data.before} onChange={(before) => update({ ...data, before }, 'before')} />
      </Field>
      <SmsEditor text={data.text} category={data.category} brand={brand} onChange={(text) => update({ ...data, text }, 'text')} />
      <CategoryField value={data.category} onChange={(category) => update({ ...data, category })} />
      <LinkField value={data.linkUrl} onChange={(linkUrl) => update(withOptional(data, 'linkUrl', linkUrl), 'linkUrl')} />
      <SendWindowEditor value={data.sendWindow} onChange={(sendWindow) => update(withOptional(data, 'sendWindow', sendWindow))} />
    </>
  )
}
