import { COUPON_VARIABLES, LINK_VARIABLE, type LocalizedText } from '@recall/shared'

/** Where one template variable takes its value: a contact attribute (with a fallback), a coupon field, the short link or fixed text. */
export type MappingSource = { kind: 'unmapped' } | { kind: 'attribute'; name: string; fallback: string } | { kind: 'engine'; name: string } | { kind: 'text'; text: string }

const VARIABLE = /^\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\|([^{}]*))?\}\}$/
const ENGINE_VARIABLES: readonly string[] = [...COUPON_VARIABLES, LINK_VARIABLE]

export const ENGINE_LABELS: Record<string, LocalizedText> = {
  'coupon.code': { en: 'Coupon code', zh: '优惠券券码' },
  'coupon.value': { en: 'Coupon value', zh: '优惠券面额' },
  'coupon.label': { en: 'Coupon name', zh: '优惠券名称' },
  'coupon.expires': { en: 'Coupon expiry', zh: '优惠券到期时间' },
  link: { en: 'Short link', zh: '短链接' },
}

/** Reads a stored mapping ("{{name|亲}}", "{{coupon.code}}", "满100减30") back into its source. */
export function readMapping(value: string | undefined): MappingSource {
  if (value === undefined || value.trim() === '') return { kind: 'unmapped' }
  const match = VARIABLE.exec(value.trim())
  if (!match) return { kind: 'text', text: value }
  const name = match[1] as string
  return ENGINE_VARIABLES.includes(name) ? { kind: 'engine', name } : { kind: 'attribute', name, fallback: match[2]?.trim() ?? '' }
}

/** The mapping as the node stores it: a Recall template the engine fills like the message text. */
export function writeMapping(source: MappingSource): string {
  switch (source.kind) {
    case 'unmapped':
      return ''
    case 'attribute':
      return source.fallback === '' ? `{{${source.name}}}` : `{{${source.name}|${source.fallback}}}`
    case 'engine':
      return `{{${source.name}}}`
    case 'text':
      return source.text
  }
}

/** The select's value for a source: "attribute:name", "engine:coupon.code", "text" or "". */
export function sourceKey(source: MappingSource): string {
  if (source.kind === 'attribute' || source.kind === 'engine') return `${source.kind}:${source.name}`
  return source.kind === 'text' ? 'text' : ''
}

/** The source a select value stands for, keeping what the person typed when they only change the attribute. */
export function sourceFromKey(key: string, previous: MappingSource): MappingSource {
  if (key === '') return { kind: 'unmapped' }
  if (key === 'text') return { kind: 'text', text: previous.kind === 'text' ? previous.text : '' }
  const [kind, name = ''] = key.split(/:(.*)/)
  if (kind === 'engine') return { kind: 'engine', name }
  return { kind: 'attribute', name, fallback: previous.kind === 'attribute' ? previous.fallback : name === 'name' ? '亲' : '' }
}

/** A first guess when a template is picked: a variable named like an attribute, or "link", maps to it. */
export function guessMapping(variable: string, attributes: readonly string[]): string {
  if (variable === LINK_VARIABLE || variable === 'url') return writeMapping({ kind: 'engine', name: LINK_VARIABLE })
  if (variable === 'code' || variable === 'coupon') return writeMapping({ kind: 'engine', name: 'coupon.code' })
  if (attributes.includes(variable)) return writeMapping({ kind: 'attribute', name: variable, fallback: variable === 'name' ? '亲' : '' })
  return ''
}
