import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useId } from 'react'
import { useCatalog } from '../app/catalog'
import { useLocale } from '../app/locale'
import { liveVersionDrawn, useEditor } from '../editor/store'

const TEXT = {
  noAttribute: { en: 'No contact has this attribute', zh: '没有联系人有此属性' },
  noEvent: { en: 'No such event in 30 days', zh: '近 30 天没有此事件' },
  examples: { en: 'e.g.', zh: '例如' },
  times: { en: '{count} in 30 days', zh: '近 30 天 {count} 次' },
  inLiveVersion: { en: 'Live v{version}: {warning}', zh: '线上第 {version} 版:{warning}' },
} satisfies Record<string, LocalizedText>

interface PickerProps {
  value: string
  onChange(value: string): void
  placeholder?: string
  maxLength?: number
  label?: string
}

/**
 * A text box with the catalog's names to pick from; any text is still allowed, with a warning when
 * nothing has that name. In the Live view the box shows the live version's name, and the warning says so.
 */
function CatalogPicker({
  value,
  onChange,
  placeholder,
  maxLength,
  label,
  options,
  known,
  warning,
}: PickerProps & { options: { value: string; label: string }[]; known: boolean; warning: string }) {
  const list = useId()
  const locale = useLocale()
  const liveVersion = useEditor(liveVersionDrawn)
  const said = liveVersion === undefined ? warning : localize(TEXT.inLiveVersion, locale).replace('{version}', String(liveVersion)).replace('{warning}', warning)
  return (
    <span className="picker">
      <input type="text" list={list} value={value} placeholder={placeholder} maxLength={maxLength} aria-label={label} onChange={(event) => onChange(event.target.value)} />
      <datalist id={list}>
        {options.map((option) => (
          <option key={option.value} value={option.value} label={option.label} />
        ))}
      </datalist>
      {!known && value.trim() !== '' && (
        <small className="warning" role="note">
          {said}
        </small>
      )}
    </span>
  )
}

function useLoadedCatalog() {
  const { catalog, load } = useCatalog()
  useEffect(load, [load])
  return catalog
}

/** Attribute names from the catalog, each with its type and example values. */
export function AttributePicker(props: PickerProps) {
  const locale = useLocale()
  const catalog = useLoadedCatalog()
  const options = (catalog?.attributes ?? []).map((attribute) => ({
    value: attribute.name,
    label: `${attribute.type} · ${localize(TEXT.examples, locale)} ${attribute.examples.map(String).join(', ')}`,
  }))
  const known = !catalog || catalog.attributes.some((attribute) => attribute.name === props.value.trim())
  return <CatalogPicker {...props} options={options} known={known} warning={localize(TEXT.noAttribute, locale)} />
}

/** Event names from the catalog, each with how many arrived in the last 30 days. */
export function EventPicker(props: PickerProps) {
  const locale = useLocale()
  const catalog = useLoadedCatalog()
  const options = (catalog?.events ?? []).map((event) => ({ value: event.name, label: localize(TEXT.times, locale).replace('{count}', event.count.toLocaleString(locale)) }))
  const known = !catalog || catalog.events.some((event) => event.name === props.value.trim())
  return <CatalogPicker {...props} options={options} known={known} warning={localize(TEXT.noEvent, locale)} />
}
