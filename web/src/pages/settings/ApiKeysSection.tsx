import { type LocalizedText, localize, SCOPES } from '@recall/shared'
import { type FormEvent, useEffect, useState } from 'react'
import { api, failureText } from '../../app/api'
import { useLocale } from '../../app/locale'

interface ApiKey {
  id: string
  name: string
  prefix: string
  scopes: string[]
  /** What the key may do now: no more than the role of the user who made it. */
  effectiveScopes: string[]
  /** Made before keys recorded their maker: it is refused until an admin issues a new one. */
  needsReissue: boolean
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

const TEXT = {
  keys: { en: 'API keys', zh: 'API 密钥' },
  name: { en: 'Name', zh: '名称' },
  scopes: { en: 'Scopes', zh: '权限范围' },
  lastUsed: { en: 'Last used', zh: '最近使用' },
  create: { en: 'Create key', zh: '创建密钥' },
  revoke: { en: 'Revoke', zh: '吊销' },
  revoked: { en: 'revoked', zh: '已吊销' },
  limited: { en: "limited by its creator's role to:", zh: '受创建者角色限制,实际仅有:' },
  nothing: { en: 'nothing', zh: '无' },
  reissue: {
    en: 'refused: made before keys recorded who made them, so nobody answers for it. Create a new key for this system, then revoke this one.',
    zh: '已停用:创建于系统记录密钥创建者之前,无人对其负责。请为该系统创建新密钥,再吊销此密钥。',
  },
  never: { en: 'never', zh: '从未' },
  shownOnce: { en: 'Copy this key now: it is not shown again.', zh: '请立即复制此密钥:它不会再次显示。' },
  usage: { en: 'Send it as: Authorization: Bearer <key>', zh: '使用方式:Authorization: Bearer <密钥>' },
  people: {
    en: 'Whatever shows people (who waits at a node, messages, replies, previews, test sends and simulations with real contacts) or counts them by a condition (segment counts, estimates) also needs contacts:read. Without it a key is answered alike for contacts that exist and those that do not.',
    zh: '凡是显示联系人信息的内容(节点上等待的联系人、消息、回复,以及用真实联系人预览、测试发送和模拟)或按条件统计联系人(分群人数、预估)还需要 contacts:read 权限。没有该权限的密钥,对存在与不存在的联系人得到相同的答复。',
  },
} satisfies Record<string, LocalizedText>

/** Why a key can do less than its scopes say: no maker to act for (issue it again), or its maker's role. */
function KeyLimit({ apiKey, t }: { apiKey: ApiKey; t: (text: LocalizedText) => string }) {
  if (apiKey.needsReissue)
    return (
      <span className="error" data-testid="api-key-reissue">
        {' '}
        ({t(TEXT.reissue)})
      </span>
    )
  if (apiKey.effectiveScopes.join() === apiKey.scopes.join()) return null
  return (
    <span className="hint">
      {' '}
      ({t(TEXT.limited)} {apiKey.effectiveScopes.join(', ') || t(TEXT.nothing)})
    </span>
  )
}

/** Keys for systems that send events and contacts; the secret appears once, right after creation. */
export function ApiKeysSection() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [keys, setKeys] = useState<ApiKey[]>([])
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<string[]>(['events:write'])
  const [secret, setSecret] = useState<string | undefined>()
  const [error, setError] = useState<string | undefined>()
  const reload = () => void api<{ apiKeys: ApiKey[] }>('GET', '/api-keys').then((answer) => setKeys(answer.apiKeys))
  useEffect(reload, [])

  async function create(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    try {
      const answer = await api<{ apiKey: { secret: string } }>('POST', '/api-keys', { name, scopes })
      setSecret(answer.apiKey.secret)
      setName('')
      reload()
    } catch (cause) {
      setError(failureText(cause))
    }
  }

  return (
    <section className="settings">
      <h2>{t(TEXT.keys)}</h2>
      <p className="hint">{t(TEXT.usage)}</p>
      {secret && (
        <p className="notice" role="status">
          {t(TEXT.shownOnce)} <code data-testid="api-key-secret">{secret}</code>
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t(TEXT.name)}</th>
            <th>{t(TEXT.scopes)}</th>
            <th>{t(TEXT.lastUsed)}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <td>
                {key.name} <code>{key.prefix}…</code>
              </td>
              <td>
                {key.scopes.join(', ')}
                {!key.revokedAt && <KeyLimit apiKey={key} t={t} />}
              </td>
              <td>{key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString(locale) : t(TEXT.never)}</td>
              <td>
                {key.revokedAt ? (
                  t(TEXT.revoked)
                ) : (
                  <button type="button" onClick={() => void api('DELETE', `/api-keys/${key.id}`).then(reload)}>
                    {t(TEXT.revoke)}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(event) => void create(event)}>
        <input required placeholder={t(TEXT.name)} value={name} onChange={(event) => setName(event.target.value)} />
        <fieldset className="scopes">
          <legend>{t(TEXT.scopes)}</legend>
          <p className="hint">{t(TEXT.people)}</p>
          {SCOPES.map((scope) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((other) => other !== scope))}
              />
              {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={scopes.length === 0}>
          {t(TEXT.create)}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
