import { type LocalizedText, localize, PASSWORD_RULES } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureWithProblems } from '../../app/api'
import { Dialog } from '../../app/Dialog'
import { useLocale } from '../../app/locale'
import { Field } from '../../inspector/fields'
import { keysRevokedText, type RevocableKey, RevokeKeysChoice } from './RevokeKeysChoice'

const TEXT = {
  password: { en: `New password (at least ${PASSWORD_RULES.minLength} characters)`, zh: `新密码(至少 ${PASSWORD_RULES.minLength} 位)` },
  hint: { en: 'Every session of theirs ends: they sign in again with this password.', zh: '其所有登录都会退出,需用新密码重新登录。' },
  set: { en: 'Set password', zh: '设置密码' },
  cancel: { en: 'Cancel', zh: '取消' },
} satisfies Record<string, LocalizedText>

const title = (email: string): LocalizedText => ({ en: `New password for ${email}`, zh: `为 ${email} 设置新密码` })

/** What setting a password ended: the user's sessions, and the keys they made when those were revoked too. */
export interface PasswordChange {
  sessionsEnded: number
  apiKeysRevoked: number
}

/** What the users list says once a password is set. */
export const passwordSet = (email: string, { sessionsEnded: sessions, apiKeysRevoked }: PasswordChange): LocalizedText => {
  const keys = keysRevokedText(apiKeysRevoked)
  return {
    en: `New password set for ${email}; signed out: ${sessions} ${sessions === 1 ? 'session' : 'sessions'} of theirs.${keys.en}`,
    zh: `已为 ${email} 设置新密码,其 ${sessions} 个登录已退出。${keys.zh}`,
  }
}

/**
 * An admin gives another user a new password (a forgotten one, or one that leaked); every session of
 * theirs ends, and the API keys they made are listed and revoked with it unless the admin keeps them.
 */
export function SetPasswordDialog({ user, onClose }: { user: { id: string; email: string }; onClose(change?: PasswordChange): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [password, setPassword] = useState('')
  const [keys, setKeys] = useState<RevocableKey[]>([])
  const [revokeApiKeys, setRevokeApiKeys] = useState(true)
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    void api<{ apiKeys: (RevocableKey & { createdBy: string | null; revokedAt: string | null })[] }>('GET', '/api-keys').then((answer) =>
      setKeys(answer.apiKeys.filter((key) => key.createdBy === user.id && key.revokedAt === null)),
    )
  }, [user.id])

  async function set() {
    setError(undefined)
    try {
      onClose(await api<PasswordChange>('PUT', `/users/${user.id}/password`, { password, revokeApiKeys }))
    } catch (cause) {
      setError(failureWithProblems(cause))
    }
  }

  return (
    <Dialog
      title={t(title(user.email))}
      error={error}
      cancel={{ label: t(TEXT.cancel), onClick: () => onClose() }}
      confirm={{ label: t(TEXT.set), onClick: () => void set(), disabled: password.length < PASSWORD_RULES.minLength }}
    >
      <p className="hint">{t(TEXT.hint)}</p>
      <Field label={TEXT.password}>
        <input type="password" autoComplete="new-password" maxLength={PASSWORD_RULES.maxLength} value={password} onChange={(event) => setPassword(event.target.value)} />
      </Field>
      <RevokeKeysChoice keys={keys} whose="theirs" revoke={revokeApiKeys} onChange={setRevokeApiKeys} />
    </Dialog>
  )
}
