import { type LocalizedText, localize, PASSWORD_RULES } from '@recall/shared'
import { type FormEvent, useEffect, useState } from 'react'
import { api, failureWithProblems } from '../../app/api'
import { useLocale } from '../../app/locale'
import { useSession } from '../../app/session'
import { Field } from '../../inspector/fields'
import { keysRevokedText, type RevocableKey, RevokeKeysChoice } from './RevokeKeysChoice'
import type { PasswordChange } from './SetPasswordDialog'

const TEXT = {
  title: { en: 'Your account', zh: '我的账号' },
  current: { en: 'Current password', zh: '当前密码' },
  next: { en: `New password (at least ${PASSWORD_RULES.minLength} characters)`, zh: `新密码(至少 ${PASSWORD_RULES.minLength} 位)` },
  repeat: { en: 'New password again', zh: '再次输入新密码' },
  change: { en: 'Change password', zh: '修改密码' },
  differ: { en: 'The two new passwords differ: type the same one twice', zh: '两次输入的新密码不一致:请输入相同的密码' },
  hint: {
    en: 'Changing it signs you out everywhere else (other browsers, other devices); this browser stays signed in.',
    zh: '修改后,你在其他浏览器和设备上的登录都会退出;当前浏览器保持登录。',
  },
} satisfies Record<string, LocalizedText>

const changed = ({ sessionsEnded: sessions, apiKeysRevoked }: PasswordChange): LocalizedText => {
  const keys = keysRevokedText(apiKeysRevoked)
  return {
    en: `Password changed. Signed out elsewhere: ${sessions} ${sessions === 1 ? 'session' : 'sessions'}.${keys.en}`,
    zh: `密码已修改。已退出其他位置的登录:${sessions} 个。${keys.zh}`,
  }
}

const EMPTY = { current: '', next: '', repeat: '' }

/**
 * Everyone signed in: who they are, and changing their own password (the current one is asked),
 * which also revokes the API keys they made unless they keep them.
 */
export function AccountSection() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const user = useSession((state) => state.user)
  const [draft, setDraft] = useState(EMPTY)
  const [keys, setKeys] = useState<RevocableKey[]>([])
  const [revokeApiKeys, setRevokeApiKeys] = useState(true)
  const [outcome, setOutcome] = useState<{ error: string } | { done: PasswordChange } | undefined>()
  const reloadKeys = () => void api<{ apiKeys: RevocableKey[] }>('GET', '/auth/api-keys').then((answer) => setKeys(answer.apiKeys))
  useEffect(reloadKeys, [])

  async function change(event: FormEvent) {
    event.preventDefault()
    if (draft.next !== draft.repeat) {
      setOutcome({ error: t(TEXT.differ) })
      return
    }
    try {
      const change = await api<PasswordChange>('PUT', '/auth/password', { currentPassword: draft.current, newPassword: draft.next, revokeApiKeys })
      setDraft(EMPTY)
      setOutcome({ done: change })
      reloadKeys()
    } catch (cause) {
      setOutcome({ error: failureWithProblems(cause) })
    }
  }

  const password = (key: keyof typeof EMPTY, label: LocalizedText, autoComplete: string) => (
    <Field label={label}>
      <input
        type="password"
        required
        autoComplete={autoComplete}
        {...(key === 'current' ? {} : { minLength: PASSWORD_RULES.minLength, maxLength: PASSWORD_RULES.maxLength })}
        value={draft[key]}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      />
    </Field>
  )

  return (
    <section className="settings">
      <h2>{t(TEXT.title)}</h2>
      {user && <p>{`${user.name} (${user.email})`}</p>}
      <p className="hint">{t(TEXT.hint)}</p>
      <form onSubmit={change}>
        {password('current', TEXT.current, 'current-password')}
        {password('next', TEXT.next, 'new-password')}
        {password('repeat', TEXT.repeat, 'new-password')}
        <RevokeKeysChoice keys={keys} whose="own" revoke={revokeApiKeys} onChange={setRevokeApiKeys} />
        <button type="submit">{t(TEXT.change)}</button>
      </form>
      {outcome && 'done' in outcome && <p role="status">{t(changed(outcome.done))}</p>}
      {outcome && 'error' in outcome && (
        <p className="error" role="alert">
          {outcome.error}
        </p>
      )}
    </section>
  )
}
