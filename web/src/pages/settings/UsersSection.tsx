import { type LocalizedText, localize, PASSWORD_RULES, ROLE_LABELS, ROLES, type Role } from '@recall/shared'
import { type FormEvent, useEffect, useState } from 'react'
import { api, failureWithProblems } from '../../app/api'
import { useLocale } from '../../app/locale'
import { useSession } from '../../app/session'
import { passwordSet, SetPasswordDialog } from './SetPasswordDialog'

interface User {
  id: string
  email: string
  name: string
  role: Role
  canPublish: boolean
}

const TEXT = {
  users: { en: 'Users', zh: '用户' },
  email: { en: 'Email', zh: '邮箱' },
  name: { en: 'Name', zh: '姓名' },
  role: { en: 'Role', zh: '角色' },
  password: { en: `Password (at least ${PASSWORD_RULES.minLength} characters)`, zh: `密码(至少 ${PASSWORD_RULES.minLength} 位)` },
  add: { en: 'Add user', zh: '添加用户' },
  remove: { en: 'Remove', zh: '删除' },
  setPassword: { en: 'Set password', zh: '设置密码' },
  canPublish: { en: 'Can publish', zh: '可直接发布' },
  canPublishHint: {
    en: 'Editors without "can publish" submit versions for review; an admin or an editor who can publish approves them. Viewers never publish: a user made a viewer loses the box, and keeps it unticked if made an editor again.',
    zh: '没有"可直接发布"权限的编辑者需提交版本审核,由管理员或可直接发布的编辑者批准。查看者不能发布:设为查看者的用户会失去此权限,再设为编辑者后仍需重新勾选。',
  },
  roles: {
    en: 'Viewers read; editors build and publish journeys; admins also manage settings, users and API keys.',
    zh: '查看者只读;编辑者可搭建和发布旅程;管理员还可管理设置、用户和 API 密钥。',
  },
} satisfies Record<string, LocalizedText>

/** Admins add people, change their role, set a new password for them or remove them. */
export function UsersSection() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const me = useSession((state) => state.user)
  const [users, setUsers] = useState<User[]>([])
  const [draft, setDraft] = useState({ email: '', name: '', role: 'editor' as Role, password: '', canPublish: true })
  const [error, setError] = useState<string | undefined>()
  const [settingPassword, setSettingPassword] = useState<User | undefined>()
  const [done, setDone] = useState<string | undefined>()
  const reload = () => void api<{ users: User[] }>('GET', '/users').then((answer) => setUsers(answer.users))
  useEffect(reload, [])

  async function run(action: () => Promise<unknown>) {
    setError(undefined)
    setDone(undefined)
    try {
      await action()
      reload()
    } catch (cause) {
      setError(failureWithProblems(cause))
    }
  }

  function add(event: FormEvent) {
    event.preventDefault()
    void run(async () => {
      // "Can publish" is an editor's setting only; admins always may, viewers never.
      const { canPublish, ...user } = draft
      await api('POST', '/users', draft.role === 'editor' ? { ...user, canPublish } : user)
      setDraft({ email: '', name: '', role: 'editor', password: '', canPublish: true })
    })
  }

  return (
    <section className="settings">
      <h2>{t(TEXT.users)}</h2>
      <p className="hint">{t(TEXT.roles)}</p>
      <p className="hint">{t(TEXT.canPublishHint)}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t(TEXT.email)}</th>
            <th>{t(TEXT.name)}</th>
            <th>{t(TEXT.role)}</th>
            <th>{t(TEXT.canPublish)}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td>{user.name}</td>
              <td>
                <select
                  value={user.role}
                  disabled={user.id === me?.userId}
                  aria-label={t(TEXT.role)}
                  onChange={(event) => void run(() => api('PUT', `/users/${user.id}/role`, { role: event.target.value }))}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(ROLE_LABELS[role])}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {/* Admins always publish and viewers never do: only an editor's box can change. */}
                <input
                  type="checkbox"
                  aria-label={`${t(TEXT.canPublish)} ${user.email}`}
                  checked={user.role === 'admin' || (user.role === 'editor' && user.canPublish)}
                  disabled={user.role !== 'editor'}
                  onChange={(event) => void run(() => api('PUT', `/users/${user.id}/can-publish`, { canPublish: event.target.checked }))}
                />
              </td>
              <td>
                {/* Your own password is changed under "Your account", with the current one. */}
                {user.id !== me?.userId && (
                  <button type="button" aria-label={`${t(TEXT.setPassword)} ${user.email}`} onClick={() => setSettingPassword(user)}>
                    {t(TEXT.setPassword)}
                  </button>
                )}
                <button type="button" disabled={user.id === me?.userId} onClick={() => void run(() => api('DELETE', `/users/${user.id}`))}>
                  {t(TEXT.remove)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline" onSubmit={add}>
        <input type="email" required placeholder={t(TEXT.email)} value={draft.email} onChange={(event) => setDraft({ ...draft, email: event.target.value })} />
        <input required placeholder={t(TEXT.name)} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        <select value={draft.role} aria-label={t(TEXT.role)} onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(ROLE_LABELS[role])}
            </option>
          ))}
        </select>
        <input
          type="password"
          required
          minLength={PASSWORD_RULES.minLength}
          maxLength={PASSWORD_RULES.maxLength}
          placeholder={t(TEXT.password)}
          value={draft.password}
          onChange={(event) => setDraft({ ...draft, password: event.target.value })}
        />
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.role === 'admin' || (draft.role === 'editor' && draft.canPublish)}
            disabled={draft.role !== 'editor'}
            onChange={(event) => setDraft({ ...draft, canPublish: event.target.checked })}
          />
          {t(TEXT.canPublish)}
        </label>
        <button type="submit">{t(TEXT.add)}</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
      {settingPassword && (
        <SetPasswordDialog
          user={settingPassword}
          onClose={(change) => {
            setSettingPassword(undefined)
            if (change) setDone(t(passwordSet(settingPassword.email, change)))
          }}
        />
      )}
    </section>
  )
}
