import { type Duration, type DurationUnit, type LocalizedText, localize } from '@recall/shared'
import { type ReactNode, useEffect, useState } from 'react'
import { useLocale } from '../app/locale'

export function Field({ label, hint, error, children }: { label: LocalizedText; hint?: LocalizedText; error?: LocalizedText | undefined; children: ReactNode }) {
  const locale = useLocale()
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in, which the label wraps
    <label className="field">
      <span className="field__label">{localize(label, locale)}</span>
      {children}
      {hint && <small className="field__hint">{localize(hint, locale)}</small>}
      {error && (
        <small className="field__error error" role="alert">
          {localize(error, locale)}
        </small>
      )}
    </label>
  )
}

export function TextInput({ value, onChange, placeholder, maxLength }: { value: string; onChange(value: string): void; placeholder?: string; maxLength?: number }) {
  return <input type="text" value={value} placeholder={placeholder} maxLength={maxLength} onChange={(event) => onChange(event.target.value)} />
}

/**
 * A number. An emptied box stays empty while the person types (it does not snap to 0 and then read
 * "05"); leaving it empty puts the last value back.
 */
export function NumberInput({
  value,
  onChange,
  min = 0,
  max,
  step = 1,
  label,
  emptyAs,
}: {
  value: number
  onChange(value: number): void
  min?: number
  max?: number
  step?: number
  label?: string
  /** What an emptied box means (0 = off for a percentage); without it, emptying keeps the last value. */
  emptyAs?: number
}) {
  const [text, setText] = useState(String(value))
  useEffect(() => setText((current) => ((current !== '' && Number(current) === value) || (current === '' && value === emptyAs) ? current : String(value))), [value, emptyAs])
  return (
    <input
      type="number"
      value={text}
      min={min}
      max={max}
      step={step}
      aria-label={label}
      onChange={(event) => {
        setText(event.target.value)
        const parsed = Number(event.target.value)
        if (event.target.value === '' && emptyAs !== undefined) onChange(emptyAs)
        else if (event.target.value !== '' && Number.isFinite(parsed)) onChange(parsed)
      }}
      onBlur={() => setText(String(value))}
    />
  )
}

export function Select<Value extends string>({
  value,
  options,
  onChange,
  label,
}: {
  value: Value
  options: readonly { value: Value; label: LocalizedText }[]
  onChange(value: Value): void
  label?: string
}) {
  const locale = useLocale()
  return (
    <select value={value} aria-label={label} onChange={(event) => onChange(event.target.value as Value)}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {localize(option.label, locale)}
        </option>
      ))}
    </select>
  )
}

const UNITS: { value: DurationUnit; label: LocalizedText }[] = [
  { value: 'minutes', label: { en: 'minutes', zh: '分钟' } },
  { value: 'hours', label: { en: 'hours', zh: '小时' } },
  { value: 'days', label: { en: 'days', zh: '天' } },
  { value: 'weeks', label: { en: 'weeks', zh: '周' } },
]

export function DurationInput({ value, onChange }: { value: Duration; onChange(value: Duration): void }) {
  return (
    <span className="inline">
      <NumberInput value={value.amount} max={100000} onChange={(amount) => onChange({ ...value, amount })} />
      <Select value={value.unit} options={UNITS} onChange={(unit) => onChange({ ...value, unit })} />
    </span>
  )
}

/** A time of day; clearing the box keeps the last time rather than turning it into 00:00. */
export function TimeInput({ value, onChange, label }: { value: string; onChange(value: string): void; label?: string }) {
  return <input type="time" value={value} step={60} aria-label={label} onChange={(event) => event.target.value && onChange(event.target.value)} />
}

const WEEKDAYS: LocalizedText[] = [
  { en: 'Mon', zh: '一' },
  { en: 'Tue', zh: '二' },
  { en: 'Wed', zh: '三' },
  { en: 'Thu', zh: '四' },
  { en: 'Fri', zh: '五' },
  { en: 'Sat', zh: '六' },
  { en: 'Sun', zh: '日' },
]

/** ISO weekdays 1–7 as toggle buttons; at least one stays on. */
export function WeekdaysInput({ value, onChange }: { value: readonly number[]; onChange(value: number[]): void }) {
  const locale = useLocale()
  return (
    <span className="weekdays">
      {WEEKDAYS.map((label, index) => {
        const day = index + 1
        const on = value.includes(day)
        return (
          <button
            type="button"
            key={day}
            aria-pressed={on}
            className={on ? 'on' : undefined}
            onClick={() => {
              const next = on ? value.filter((other) => other !== day) : [...value, day].sort()
              if (next.length > 0) onChange(next)
            }}
          >
            {localize(label, locale)}
          </button>
        )
      })}
    </span>
  )
}

export function Checkbox({ checked, onChange, label }: { checked: boolean; onChange(checked: boolean): void; label: LocalizedText }) {
  const locale = useLocale()
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {localize(label, locale)}
    </label>
  )
}
