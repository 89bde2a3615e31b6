import { type Locale, type LocalizedText, localize } from '@recall/shared'
import { useEffect, useId, useState } from 'react'
import { useLocale } from '../app/locale'

const OUT_OF_RANGE = { en: '{label}: enter a whole number from {min} to {max}', zh: '{label}:请输入 {min} 到 {max} 之间的整数' } satisfies LocalizedText

/** Digits only, without leading zeros: "-5" reads "5", "05" reads "5", "0" stays "0". */
export function integerText(typed: string): string {
  const digits = typed.replace(/\D/g, '')
  return digits.replace(/^0+(?=\d)/, '')
}

/** Why `value` is no whole number from `min` to `max`, in the UI's language; undefined when it is one. */
export function integerProblem(value: number, min: number, max: number, label: LocalizedText, locale: Locale): string | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return undefined
  return localize(OUT_OF_RANGE, locale).replace('{label}', localize(label, locale)).replace('{min}', min.toLocaleString(locale)).replace('{max}', max.toLocaleString(locale))
}

/**
 * A whole number between `min` and `max` (the bounds the server accepts). The field takes digits
 * only, so a minus or a leading zero never shows; an empty or out-of-range entry is handed on as
 * typed (NaN when empty) and said under the field, so whoever submits can refuse it.
 */
export function IntegerField({ label, value, min, max, onChange }: { label: LocalizedText; value: number; min: number; max: number; onChange(value: number): void }) {
  const locale = useLocale()
  const [text, setText] = useState(Number.isNaN(value) ? '' : String(value))
  // A value set from outside (a reset, another source's default) replaces what was typed.
  useEffect(() => {
    setText((typed) => (Number(typed || Number.NaN) === value || (typed === '' && Number.isNaN(value)) ? typed : String(value)))
  }, [value])
  const problem = integerProblem(value, min, max, label, locale)
  const messageId = useId()
  // The message sits after the label, not in it: the field's name stays its label alone.
  return (
    <>
      <label>
        {localize(label, locale)}
        <input
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          value={text}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? messageId : undefined}
          onChange={(event) => {
            const next = integerText(event.target.value)
            setText(next)
            onChange(next === '' ? Number.NaN : Number(next))
          }}
        />
      </label>
      {problem && (
        <span className="error field-error" id={messageId}>
          {problem}
        </span>
      )}
    </>
  )
}
