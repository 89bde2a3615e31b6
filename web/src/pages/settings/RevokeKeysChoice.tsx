import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'

/** An API key a new password may revoke: the person's own, still working. */
export interface RevocableKey {
  id: string
  name: string
  prefix: string
}

type Whose = 'own' | 'theirs'

const TEXT: Record<Whose, { listed: LocalizedText; revoke: (count: number) => LocalizedText }> = {
  own: {
    listed: { en: 'API keys you made:', zh: '你创建的 API 密钥:' },
    revoke: (count) => ({ en: `Also revoke these ${count} API ${count === 1 ? 'key' : 'keys'}`, zh: `同时吊销这 ${count} 个 API 密钥` }),
  },
  theirs: {
    listed: { en: 'API keys they made:', zh: '其创建的 API 密钥:' },
    revoke: (count) => ({ en: `Also revoke their ${count} API ${count === 1 ? 'key' : 'keys'}`, zh: `同时吊销其 ${count} 个 API 密钥` }),
  },
}

const WHY: LocalizedText = {
  en: 'Whoever knew the old password may have copied these keys; systems using them stop working once they are revoked.',
  zh: '知道旧密码的人可能已复制这些密钥;吊销后,使用它们的系统将无法再调用。',
}

/** What a new password ends besides sessions: the person's keys, listed, revoked unless the box is cleared. Nothing when they have none. */
export function RevokeKeysChoice({ keys, whose, revoke, onChange }: { keys: RevocableKey[]; whose: Whose; revoke: boolean; onChange(revoke: boolean): void }) {
  const locale = useLocale()
  if (keys.length === 0) return null
  const text = TEXT[whose]
  return (
    <fieldset className="revoke-keys">
      <legend>{localize(text.listed, locale)}</legend>
      <ul>
        {keys.map((key) => (
          <li key={key.id}>
            {key.name} <code>{key.prefix}…</code>
          </li>
        ))}
      </ul>
      <label className="checkbox">
        <input type="checkbox" checked={revoke} onChange={(event) => onChange(event.target.checked)} />
        {localize(text.revoke(keys.length), locale)}
      </label>
      <small className="hint">{localize(WHY, locale)}</small>
    </fieldset>
  )
}

/** What the status line adds once keys were revoked with a password: nothing when none were. */
export function keysRevokedText(count: number): LocalizedText {
  if (count === 0) return { en: '', zh: '' }
  return { en: ` API keys revoked: ${count}.`, zh: `已吊销 ${count} 个 API 密钥。` }
}
