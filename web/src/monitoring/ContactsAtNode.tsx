import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { api, failureText } from '../app/api'
import { fill, useLocale } from '../app/locale'
import { useSession, viewsOnly } from '../app/session'
import { usePagedContacts } from '../app/usePagedContacts'

const TEXT = {
  atNode: { en: 'Contacts waiting at', zh: '等待于此节点的联系人' },
  onVersion: { en: 'on v{version}', zh: '(第 {version} 版)' },
  search: { en: 'Search id, name or phone', zh: '搜索 ID、姓名或手机号' },
  remove: { en: 'Remove from journey', zh: '移出旅程' },
  confirmRemove: { en: 'Remove {id}? They exit now and get no more messages', zh: '确定移出 {id}?该联系人立即退出,不再收到消息' },
  yesRemove: { en: 'Yes, remove', zh: '确定移出' },
  cancel: { en: 'Cancel', zh: '取消' },
  none: { en: 'Nobody is waiting here', zh: '此节点没有等待的联系人' },
  more: { en: 'More', zh: '更多' },
} satisfies Record<string, LocalizedText>

interface WaitingContact {
  enrollmentId: string
  externalId: string
  name: string | null
  phone: string | null
  enteredAt: string
}

/** Who waits at a node on one version (as the counts beside it count them), searchable, each removable from the journey. */
export function ContactsAtNode({ journeyId, nodeId, version }: { journeyId: string; nodeId: string; version: number }) {
  const locale = useLocale()
  const t = (text: LocalizedText, values: Record<string, string | number> = {}) => fill(localize(text, locale), values)
  const [search, setSearch] = useState('')
  const [failure, setFailure] = useState<string | undefined>()
  // Taking someone out cannot be undone: the button asks once more, naming who.
  const [confirming, setConfirming] = useState<string | undefined>()
  const viewOnly = useSession(viewsOnly)
  const waiting = usePagedContacts<WaitingContact>(`/journeys/${encodeURIComponent(journeyId)}/nodes/${encodeURIComponent(nodeId)}/contacts?version=${version}`, search)
  const { contacts, next } = waiting
  const error = failure ?? waiting.error
  async function remove(externalId: string) {
    try {
      await api('POST', `/journeys/${encodeURIComponent(journeyId)}/contacts/${encodeURIComponent(externalId)}/remove`)
      setFailure(undefined)
      waiting.reload()
    } catch (cause) {
      setFailure(failureText(cause))
    }
  }
  return (
    <section aria-label={t(TEXT.atNode)}>
      <h3>
        {t(TEXT.atNode)} <code>{nodeId}</code> {t(TEXT.onVersion, { version })}
      </h3>
      <input placeholder={t(TEXT.search)} value={search} onChange={(event) => setSearch(event.target.value)} aria-label={t(TEXT.search)} />
      {contacts.length === 0 ? (
        <p className="hint">{t(TEXT.none)}</p>
      ) : (
        <ul className="waiting">
          {contacts.map((contact) => (
            <li key={contact.enrollmentId}>
              <a href={`#/contacts?id=${encodeURIComponent(contact.externalId)}`}>{contact.externalId}</a> {contact.name} {contact.phone}{' '}
              {confirming === contact.externalId ? (
                <span role="alert">
                  {t(TEXT.confirmRemove, { id: contact.externalId })}{' '}
                  <button type="button" className="danger" onClick={() => void remove(contact.externalId).then(() => setConfirming(undefined))}>
                    {t(TEXT.yesRemove)}
                  </button>{' '}
                  <button type="button" onClick={() => setConfirming(undefined)}>
                    {t(TEXT.cancel)}
                  </button>
                </span>
              ) : (
                !viewOnly && (
                  <button type="button" onClick={() => setConfirming(contact.externalId)}>
                    {t(TEXT.remove)}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" onClick={waiting.more}>
          {t(TEXT.more)}
        </button>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  )
}
