import { Field, NumberInput, TextInput, TimeInput } from './fields'

export interface DateOffset {
  attribute: string
  offsetDays: number
  time: string
}

/** "N days after (or before) a date of the contact, at a local time": date triggers and waits alike. */
export function DateOffsetFields({ value, onChange }: { value: DateOffset; onChange(value: DateOffset, field?: string): void }) {
  return (
    <>
      <Field label={{ en: 'Date attribute', zh: '日期属性' }}>
        <TextInput value={value.attribute} onChange={(attribute) => onChange({ ...value, attribute }, 'attribute')} />
      </Field>
      <Field label={{ en: 'Days after (negative: before)', zh: '之后的天数(负数表示之前)' }}>
        <NumberInput value={value.offsetDays} min={-3650} max={3650} onChange={(offsetDays) => onChange({ ...value, offsetDays })} />
      </Field>
      <Field label={{ en: 'Local time', zh: '当地时间' }}>
        <TimeInput value={value.time} onChange={(time) => onChange({ ...value, time })} />
      </Field>
    </>
  )
}
