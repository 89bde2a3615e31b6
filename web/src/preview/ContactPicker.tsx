import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { useLocale } from '../app/locale'
import { usePagedContacts } from '../app/usePagedContacts'
import { usePreviewContact } from './preview-store'
import { PREVIEW_TEXT } from './texts'

interface ListedContact {
  externalId: string
  name: string | null
  phone: string | null
}

/** Results shown under the search box: enough to pick from, few enough to keep the panel short. */
const SHOWN = 6

/** Picks who the messages are previewed (and tested) as: a real contact found by name, phone or id, or the sample. */
export function ContactPicker() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [search, setSearch] = useState('')
  const { contact, choose } = usePreviewContact()
  const list = usePagedContacts<ListedContact>('/contacts', search)
  return (
    <div className="preview-picker">
      <span className="preview-picker__current" data-testid="preview-contact">
        {t(PREVIEW_TEXT.previewAs)}: <strong>{contact ? contact.label : t(PREVIEW_TEXT.sample)}</strong>
      </span>
      <input type="search" value={search} placeholder={t(PREVIEW_TEXT.search)} aria-label={t(PREVIEW_TEXT.search)} onChange={(event) => setSearch(event.target.value)} />
      <ul className="preview-picker__results">
        <li>
          <button type="button" aria-pressed={contact === undefined} onClick={() => choose(undefined)}>
            {t(PREVIEW_TEXT.sample)}
          </button>
        </li>
        {search.trim() !== '' &&
          list.contacts.slice(0, SHOWN).map((found) => {
            const label = found.name ? `${found.name} (${found.externalId})` : found.externalId
            return (
              <li key={found.externalId}>
                <button type="button" aria-pressed={contact?.id === found.externalId} onClick={() => choose({ id: found.externalId, label })}>
                  {label}
                </button>
              </li>
            )
          })}
      </ul>
      {list.error && <p className="error">{list.error}</p>}
    </div>
  )
}
