import type { LocalizedText } from '@recall/shared'

type Scalar = string | number | boolean
export type ConditionValue = Scalar | Scalar[]
export type ValueType = 'text' | 'number' | 'date' | 'boolean'
export const VALUE_TYPES: readonly ValueType[] = ['text', 'number', 'date', 'boolean']

export const VALUE_TEXT = {
  text: { en: 'text', zh: '文本' },
  number: { en: 'number', zh: '数字' },
  date: { en: 'date', zh: '日期' },
  boolean: { en: 'yes/no', zh: '是/否' },
  notNumber: { en: '"{part}" is not a number', zh: '"{part}"不是数字' },
  notDate: { en: '"{part}" is not a date (write 2026-03-08 or 2026-03-08 14:30)', zh: '"{part}"不是日期(写作 2026-03-08 或 2026-03-08 14:30)' },
  notBoolean: { en: '"{part}" is not yes or no (true, false, yes, no)', zh: '"{part}"不是“是/否”(true、false、是、否)' },
  empty: { en: 'Enter a value', zh: '请输入值' },
} satisfies Record<string, LocalizedText>

/** The catalog's attribute types, as value types: an attribute seen as JSON objects compares as text. */
export function valueTypeOfCatalog(type: string | undefined): ValueType | undefined {
  if (type === 'number' || type === 'date' || type === 'boolean') return type
  return type === undefined ? undefined : 'text'
}

const pad = (value: number) => String(value).padStart(2, '0')

/**
 * A calendar date (2026-03-08, 2026/3/8, 2026.3.8, 2026年3月8日) with an optional time (14:30,
 * 14:30:05), written back as ISO text the engine reads; full ISO instants with a zone pass as they are.
 */
export function readDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(text)) return Number.isNaN(Date.parse(text)) ? undefined : text
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)))
  const at = new Date(Date.UTC(year as number, (month as number) - 1, day, hour ?? 0, minute ?? 0, second ?? 0))
  // Date.UTC rolls 2026-02-30 over to March: a date that does not come back the same does not exist.
  if (at.getUTCMonth() !== (month as number) - 1 || at.getUTCDate() !== day || (hour ?? 0) > 23) return undefined
  const date = `${year}-${pad(month as number)}-${pad(day as number)}`
  if (hour === undefined) return date
  return `${date}T${pad(hour)}:${pad(minute as number)}${second === undefined ? '' : `:${pad(second)}`}`
}

const TRUE = new Set(['true', 'yes', 'y', '是', '真'])
const FALSE = new Set(['false', 'no', 'n', '否', '假'])

function readScalar(part: string, type: ValueType): Scalar | LocalizedText {
  switch (type) {
    case 'text':
      return part
    case 'number':
      return part !== '' && Number.isFinite(Number(part)) ? Number(part) : VALUE_TEXT.notNumber
    case 'date':
      return readDate(part) ?? VALUE_TEXT.notDate
    case 'boolean': {
      const lower = part.toLowerCase()
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : VALUE_TEXT.notBoolean
    }
  }
}

/** The text as typed, read as the given type: text stays exactly as written (spaces, leading zeros, "1e3"). */
export function parseConditionValue(text: string, type: ValueType, list: boolean): { value: ConditionValue } | { error: LocalizedText; part?: string } {
  const parts = list
    ? text
        .split(/[,\uFF0C]/)
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : [text.trim()]
  if (parts.length === 0 || parts[0] === '') return { error: VALUE_TEXT.empty }
  const typed: Scalar[] = []
  for (const part of parts) {
    const read = readScalar(part, type)
    if (typeof read === 'object') return { error: read, part }
    typed.push(read)
  }
  return { value: list ? typed : (typed[0] as Scalar) }
}

export const formatConditionValue = (value: ConditionValue | undefined) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value))

/**
 * The type a stored value is read as. The document stores numbers and booleans as such, so their
 * type shows; a string is a date when the catalog says the attribute holds dates and it reads as
 * one, otherwise text (on a number attribute that is the person's choice: "0123" stays a code).
 * A condition with no value yet takes the catalog's type.
 */
export function storedValueType(value: ConditionValue | undefined, catalogType: ValueType | undefined): ValueType {
  const first = Array.isArray(value) ? value[0] : value
  if (first === undefined) return catalogType ?? 'text'
  if (typeof first === 'number') return 'number'
  if (typeof first === 'boolean') return 'boolean'
  return catalogType === 'date' && readDate(first) !== undefined ? 'date' : 'text'
}

/**
 * A value carried over to an attribute of another type (the attribute was changed): read again as
 * that type, or dropped when it cannot be ("gold" on a number attribute), so validation asks for one.
 */
export function retypeConditionValue(value: ConditionValue | undefined, type: ValueType): ConditionValue | undefined {
  if (value === undefined) return undefined
  const read = parseConditionValue(formatConditionValue(value), type, Array.isArray(value))
  return 'value' in read ? read.value : undefined
}
