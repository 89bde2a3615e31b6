import { type EntryThrottle, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'
import { Checkbox, Field, NumberInput, Select } from '../../inspector/fields'

/** A first limit to start from when throttling is switched on. */
const FIRST_THROTTLE: EntryThrottle = { limit: 100, per: 'hour' }

/** "At most N entries per minute/hour": the rest wait in arrival order and enter as room frees, never dropped. */
export function ThrottleFields({ value, onChange }: { value: EntryThrottle | undefined; onChange(value: EntryThrottle | undefined): void }) {
  const locale = useLocale()
  return (
    <>
      <Checkbox
        checked={value !== undefined}
        label={{ en: 'Limit how many enter (the rest queue in order)', zh: '限制进入人数(其余按到达顺序排队)' }}
        onChange={(on) => onChange(on ? FIRST_THROTTLE : undefined)}
      />
      {value && (
        <Field
          label={{ en: 'At most', zh: '最多' }}
          hint={{ en: 'Contacts past the limit enter as the next minute or hour opens', zh: '超出上限的联系人在下一分钟或下一小时开始时进入' }}
        >
          <span className="inline">
            <NumberInput
              value={value.limit}
              min={1}
              max={1_000_000}
              label={localize({ en: 'Most entries', zh: '最多进入人数' }, locale)}
              onChange={(limit) => onChange({ ...value, limit })}
            />
            <Select
              value={value.per}
              options={[
                { value: 'minute', label: { en: 'entries per minute', zh: '人/分钟' } },
                { value: 'hour', label: { en: 'entries per hour', zh: '人/小时' } },
              ]}
              onChange={(per) => onChange({ ...value, per })}
            />
          </span>
        </Field>
      )}
    </>
  )
}
