import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { useLocale } from '../app/locale'

type Scalar = string | number | boolean
export type ConditionValue = Scalar | Scalar[]
type ValueType = 'text' | 'number'

const TEXT = {
  type: { en: 'Value type', zh: '值的类型' },
  text: { en: 'text', zh: '文本' },
  number: { en: 'number', zh: '数字' },
  value: { en: 'Value', zh: '值' },
  notNumber: { en: '"{part}" is not a number', zh: '"{part}"不是数字' },
  empty: { en: 'Enter a value', zh: '请输入值' },
  listHint: { en: 'separate values with commas', zh: '多个值用逗号分隔' },
} satisfies Record<string, LocalizedText>

const typeOf = (value: ConditionValue | undefined): ValueType =>
  (Array.isArray(value) ? value[0] : value) === undefined || typeof (Array.isArray(value) ? value[0] : value) !== 'number' ? 'text' : 'number'
const format = (value: ConditionValue | undefined) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value))

/** The text as typed, read as the chosen type: text stays exactly as written (spaces, leading zeros, "1e3"). */
function parse(text: string, type: ValueType, list: boolean): { value: ConditionValue } | { error: LocalizedText; part?: string } {
  const parts = list
    ? text
        .split(/[,\uFF0C]/)
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : [text.trim()]
  if (parts.length === 0 || parts[0] === '') return { error: TEXT.empty }
  const typed: Scalar[] = []
  for (const part of parts) {
    if (type === 'text') typed.push(part)
    else if (Number.isFinite(Number(part))) typed.push(Number(part))
    else return { error: TEXT.notNumber, part }
  }
  return { value: list ? typed : (typed[0] as Scalar) }
}

const shown = (value: ConditionValue) => (Array.isArray(value) ? value.map((part) => JSON.stringify(part)).join(', ') : JSON.stringify(value))

/**
 * A condition's value: typed freely and read only when the person leaves the box or presses Enter,
 * as text or as a number by the type switch; shows what it was read as, or why it cannot be.
 */
export function ConditionValueInput({ value, list, onChange }: { value: ConditionValue | undefined; list: boolean; onChange(value: ConditionValue): void }) {
  const locale = useLocale()
  const [text, setText] = useState(() => format(value))
  const [type, setType] = useState<ValueType>(() => typeOf(value))
  // A value changed elsewhere (undo, another branch) replaces the text; our own commit leaves it as typed.
  useEffect(() => {
    setText((current) => {
      const read = parse(current, typeOf(value), list)
      return 'value' in read && JSON.stringify(read.value) === JSON.stringify(value) ? current : format(value)
    })
  }, [value, list])
  const read = parse(text, type, list)
  const commit = (nextType = type) => {
    const parsed = parse(text, nextType, list)
    if ('value' in parsed && JSON.stringify(parsed.value) !== JSON.stringify(value)) onChange(parsed.value)
  }
  return (
    <span className="condition__value">
      <input
        type="text"
        aria-label={localize(TEXT.value, locale)}
        value={text}
        placeholder={list ? localize(TEXT.listHint, locale) : undefined}
        aria-invalid={'error' in read}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => commit()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit()
        }}
      />
      <select
        aria-label={localize(TEXT.type, locale)}
        value={type}
        onChange={(event) => {
          const next = event.target.value as ValueType
          setType(next)
          commit(next)
        }}
      >
        <option value="text">{localize(TEXT.text, locale)}</option>
        <option value="number">{localize(TEXT.number, locale)}</option>
      </select>
      <output className={'error' in read ? 'error' : 'field__hint'}>
        {'error' in read ? localize(read.error, locale).replace('{part}', read.part ?? '') : `= ${shown(read.value)}`}
      </output>
    </span>
  )
}
