import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'

const TEXT = {
  caption: { en: 'Attributes', zh: '属性' },
  attribute: { en: 'Attribute', zh: '属性' },
  value: { en: 'Value', zh: '值' },
  none: { en: 'No attributes', zh: '没有属性' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
} satisfies Record<string, LocalizedText>

/** A value as a person reads it: dates in the browser's language, lists joined, nested objects as compact JSON. */
function readable(value: unknown, locale: string, t: (text: LocalizedText) => string): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? TEXT.yes : TEXT.no)
  if (typeof value === 'number') return value.toLocaleString(locale)
  if (typeof value === 'string') {
    // ISO instants (last_order_at, signup_at) read as local date and time.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toLocaleString(locale)
    return value
  }
  if (Array.isArray(value)) return value.map((item) => readable(item, locale, t)).join(', ')
  return JSON.stringify(value)
}

/** A contact's attributes as a two-column table, sorted by name, instead of raw JSON. */
export function AttributesTable({ attributes }: { attributes: Record<string, unknown> }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))
  if (entries.length === 0) return <p className="hint">{t(TEXT.none)}</p>
  return (
    <table className="table attributes">
      <caption>{t(TEXT.caption)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(TEXT.attribute)}</th>
          <th scope="col">{t(TEXT.value)}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>{readable(value, locale, t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
