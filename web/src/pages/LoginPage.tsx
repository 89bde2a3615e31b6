import { type LocalizedText, localize } from '@recall/shared'
import { type FormEvent, useState } from 'react'
import { api, failureText } from '../app/api'
import { useLocale } from '../app/locale'
import { type SignedInUser, signedIn } from '../app/session'

const TEXT = {
  title: { en: 'Sign in to Recall', zh: '登录 Recall' },
  email: { en: 'Email', zh: '邮箱' },
  password: { en: 'Password', zh: '密码' },
  signIn: { en: 'Sign in', zh: '登录' },
  expired: {
    en: 'Your session ended. Sign in again: your unsaved changes are kept in this browser and saved once you are back.',
    zh: '登录已失效。请重新登录:未保存的修改保留在此浏览器中,登录后自动保存。',
  },
  firstTime: { en: 'The first admin’s login is printed when the server starts for the first time.', zh: '首次启动服务器时会打印首个管理员的登录信息。' },
} satisfies Record<string, LocalizedText>

/** The sign-in form; `expired` shows it over the page the person was working on. */
export function LoginPage({ expired = false }: { expired?: boolean }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      signedIn(await api<{ user: SignedInUser; csrfToken: string }>('POST', '/auth/login', { email, password }))
    } catch (cause) {
      setError(failureText(cause))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className={expired ? 'login login--over' : 'page login'} {...(expired ? { role: 'dialog', 'aria-modal': true, 'aria-label': t(TEXT.title) } : {})}>
      <form onSubmit={(event) => void submit(event)} className="login__form">
        <h1>{t(TEXT.title)}</h1>
        {expired && (
          <p className="notice" role="status">
            {t(TEXT.expired)}
          </p>
        )}
        <label className="field">
          <span className="field__label">{t(TEXT.email)}</span>
          <input type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t(TEXT.password)}</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t(TEXT.signIn)}
        </button>
        <p className="hint">{t(TEXT.firstTime)}</p>
      </form>
    </main>
  )
}
