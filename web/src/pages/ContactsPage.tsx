import { type LocalizedText, localize } from '@recall/shared'
import { type MouseEvent, useState } from 'react'
import { useLocale } from '../app/locale'
import { pageParameter } from '../app/router'
import { TEXT } from '../app/texts'
import { usePagedContacts } from '../app/usePagedContacts'
import { ContactDetail } from './contacts/ContactDetail'
import { ContactImport } from './contacts/ContactImport'
import { type SendZonesView, zoneLabel } from './contacts/SendZones'

const LOCAL = {
  search: { en: 'Search id, name or phone', zh: '搜索 ID、姓名或手机号' },
  total: { en: '{count} contacts', zh: '共 {count} 个联系人' },
  one: { en: '1 contact', zh: '共 1 个联系人' },
  none: { en: 'No contact matches', zh: '没有匹配的联系人' },
  id: { en: 'Id', zh: 'ID' },
  name: { en: 'Name', zh: '姓名' },
  phone: { en: 'Phone', zh: '手机号' },
  timeZone: { en: 'Time zone', zh: '时区' },
  optedOut: { en: 'opted out', zh: '已退订' },
  more: { en: 'More', zh: '更多' },
  deleted: { en: 'Deleted {id}', zh: '已删除 {id}' },
} satisfies Record<string, LocalizedText>

const contactAddress = (externalId: string) => `#/contacts?id=${encodeURIComponent(externalId)}`

interface ListedContact {
  externalId: string
  name: string | null
  phone: string | null
  timeZone: string | null
  consent: boolean
  suppressed: boolean
  /** Where its sends are judged: its own zone, its number's country, or the workspace's zone. */
  sendZones?: SendZonesView
}

/** Every contact, searchable and paged; import a file; open one for its journeys, timelines and messages. */
export function ContactsPage() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [search, setSearch] = useState('')
  // Opened from elsewhere (the live view) with ?id=: show that contact at once.
  const [opened, setOpened] = useState(pageParameter('id'))
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; lines: string[] } | undefined>()
  const list = usePagedContacts<ListedContact>('/contacts', search)
  // The address names the opened contact (to share or reload) without a page change that would lose the search.
  function open(event: MouseEvent, externalId: string) {
    event.preventDefault()
    window.history.replaceState(null, '', contactAddress(externalId))
    setOpened(externalId)
  }

  function deleted(externalId: string) {
    setOpened(undefined)
    window.history.replaceState(null, '', '#/contacts')
    setMessage({ kind: 'notice', lines: [t(LOCAL.deleted).replace('{id}', externalId)] })
    list.reload()
  }

  return (
    <main className="page">
      <h1>{t(TEXT.contacts)}</h1>
      <ContactImport onImported={list.reload} />
      {message && (
        <div className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <div className={opened ? 'contacts-layout contacts-layout--open' : 'contacts-layout'}>
        <div>
          <div className="inline">
            <input type="search" value={search} placeholder={t(LOCAL.search)} aria-label={t(LOCAL.search)} onChange={(event) => setSearch(event.target.value)} />
            {list.total !== undefined && (
              <span data-testid="contacts-total">{list.total === 1 ? t(LOCAL.one) : t(LOCAL.total).replace('{count}', list.total.toLocaleString(locale))}</span>
            )}
          </div>
          {list.error && <p className="error">{list.error}</p>}
          {list.contacts.length === 0 ? (
            <p className="hint">{t(LOCAL.none)}</p>
          ) : (
            <table className="table contacts-list">
              <thead>
                <tr>
                  {[LOCAL.id, LOCAL.name, LOCAL.phone, LOCAL.timeZone, TEXT.consent].map((heading) => (
                    <th key={heading.en}>{t(heading)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.contacts.map((contact) => (
                  <tr key={contact.externalId} className={contact.externalId === opened ? 'selected' : undefined}>
                    <td>
                      <a href={contactAddress(contact.externalId)} onClick={(event) => open(event, contact.externalId)}>
                        {contact.externalId}
                      </a>
                    </td>
                    <td>{contact.name ?? '—'}</td>
                    <td>{contact.phone ?? '—'}</td>
                    <td title={contact.sendZones?.zones.join('\n')}>{contact.sendZones ? zoneLabel(contact.sendZones, locale) : (contact.timeZone ?? '—')}</td>
                    <td>
                      {contact.consent ? '✓' : '✗'} {contact.suppressed && <span className="status status--failed">{t(LOCAL.optedOut)}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {list.next && (
            <button type="button" onClick={list.more}>
              {t(LOCAL.more)}
            </button>
          )}
        </div>
        {opened && <ContactDetail externalId={opened} onDeleted={deleted} />}
      </div>
    </main>
  )
}
