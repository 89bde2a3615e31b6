import { type LocalizedText, localize, PASSWORD_RULES } from '@recall/shared'
import { type FormEvent, useState } from 'react'
import { api, failureWithProblems } from '../../app/api'
import { useLocale } from '../../app/locale'
import { useSession } from '../../app/session'
import { Field } from '../../inspector/fields'

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

const changed = (sessions: number): LocalizedText => ({
  en: `Password changed. Signed out elsewhere: ${sessions} ${sessions === 1 ? 'session' : 'sessions'}.`,
  zh: `密码已修改。已退出其他位置的登录:${sessions} 个。`,
})

const EMPTY = { current: '', next: '', repeat: '' }

/** Everyone signed in: who they are, and changing their own password (the current one is asked). */
export function AccountSection() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const user = useSession((state) => state.user)
  const [draft, setDraft] = useState(EMPTY)
  const [outcome, setOutcome] = useState<{ error: string } | { done: number } | undefined>()

  async function change(event: FormEvent) {
    event.preventDefault()
    if (draft.next !== draft.repeat) {
      setOutcome({ error: t(TEXT.differ) })
      return
    }
    try {
      const { sessionsEnded } = await api<{ sessionsEnded: number }>('PUT', '/auth/password', { currentPassword: draft.current, newPassword: draft.next })
      setDraft(EMPTY)
      setOutcome({ done: sessionsEnded })
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
