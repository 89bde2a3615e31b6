import { type LocalizedText, printable } from '@recall/shared'

/**
 * A contact field's value as text, or undefined for a list or an object. `String()` would run a
 * `toString` the value carries as a JSON key (it throws on `{"toString": 1}`: a 500) or read
 * `["yes"]` as yes and `["J-6"]` as an id, so such a value is refused, naming its field.
 */
export function fieldText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined
}

export function notTextMessage(field: string): LocalizedText {
  const name = printable(field)
  return { en: `${name} must be text or a number, not a list or an object`, zh: `${name} 必须为文本或数字,不能是列表或对象` }
}
