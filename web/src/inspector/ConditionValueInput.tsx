import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useRef, useState } from 'react'
import { useLocale } from '../app/locale'
import { type ConditionValue, formatConditionValue, parseConditionValue, storedValueType, VALUE_TEXT, VALUE_TYPES, type ValueType } from './condition-value'

const TEXT = {
  type: { en: 'Value type', zh: '值的类型' },
  value: { en: 'Value', zh: '值' },
  listHint: { en: 'separate values with commas', zh: '多个值用逗号分隔' },
  fromCatalog: { en: '(from the contacts)', zh: '(来自联系人数据)' },
} satisfies Record<string, LocalizedText>

const shown = (value: ConditionValue) => (Array.isArray(value) ? value.map((part) => JSON.stringify(part)).join(', ') : JSON.stringify(value))

/**
 * A condition's value: typed freely and read only when the person leaves the box or presses Enter,
 * as the attribute's type in the contacts catalog unless the type switch says otherwise; shows what
 * it was read as, or why it cannot be.
 */
export function ConditionValueInput({
  value,
  list,
  catalogType,
  onChange,
}: {
  value: ConditionValue | undefined
  list: boolean
  catalogType: ValueType | undefined
  /** Undefined drops the value: the box does not read as one for the type and operator. */
  onChange(value: ConditionValue | undefined): void
}) {
  const locale = useLocale()
  const [text, setText] = useState(() => formatConditionValue(value))
  // Set only by the switch; otherwise the type follows the stored value and the catalog.
  const [chosen, setChosen] = useState<ValueType>()
  const type = chosen ?? storedValueType(value, catalogType)
  // A value changed elsewhere (undo, another attribute) replaces the text and the switch; our own
  // commit reads back the same and leaves the text as typed. Adjusted while rendering, as React advises.
  const [seen, setSeen] = useState(() => JSON.stringify(value))
  // Set while our own drop of an unreadable value comes back, so the box keeps what the person typed.
  const dropping = useRef(false)
  if (JSON.stringify(value) !== seen) {
    setSeen(JSON.stringify(value))
    const reread = parseConditionValue(text, storedValueType(value, catalogType), list)
    const ownDrop = dropping.current && value === undefined
    dropping.current = false
    if (!ownDrop && (!('value' in reread) || JSON.stringify(reread.value) !== JSON.stringify(value))) {
      setText(formatConditionValue(value))
      setChosen(undefined)
    }
  }
  const read = parseConditionValue(text, type, list)
  /**
   * Saves what the box reads as. With no value the type would fall back to the catalog's, so the
   * type the box was read as is kept, with the text, for the hint to keep saying why it does not read.
   */
  const save = (next: ConditionValue | undefined, readAs: ValueType) => {
    dropping.current = next === undefined
    if (next === undefined) setChosen(readAs)
    onChange(next)
  }
  // The operator switched between one value and a list ("is one of" to "="): the box is read again
  // for it, so the saved value is what the box and its hint show, or none when the box does not read.
  const listBefore = useRef(list)
  useEffect(() => {
    if (listBefore.current === list) return
    listBefore.current = list
    const next = 'value' in read ? read.value : undefined
    if (JSON.stringify(next) === JSON.stringify(value)) return
    save(next, type)
  })
  // What is saved is what the box reads as, or no value when it does not read: an older value kept
  // behind a "not a number" hint would be estimated and published without the person seeing it.
  const commit = (nextType = type) => {
    const parsed = parseConditionValue(text, nextType, list)
    const next = 'value' in parsed ? parsed.value : undefined
    if (JSON.stringify(next) === JSON.stringify(value)) return
    save(next, nextType)
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
          setChosen(next)
          commit(next)
        }}
      >
        {VALUE_TYPES.map((option) => (
          <option key={option} value={option}>
            {localize(VALUE_TEXT[option], locale)}
            {option === catalogType ? ` ${localize(TEXT.fromCatalog, locale)}` : ''}
          </option>
        ))}
      </select>
      <output className={'error' in read ? 'error' : 'field__hint'}>
        {'error' in read ? localize(read.error, locale).replace('{part}', read.part ?? '') : `= ${shown(read.value)} (${localize(VALUE_TEXT[type], locale)})`}
      </output>
    </span>
  )
}
