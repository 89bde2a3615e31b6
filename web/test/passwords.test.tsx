import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useSession } from '../src/app/session'
import { AccountSection } from '../src/pages/settings/AccountSection'
import { UsersSection } from '../src/pages/settings/UsersSection'

const ME = { userId: 'u1', email: 'owner@shop.example', name: 'Owner', role: 'admin' as const, canPublish: true }
const USERS = [
  { id: 'u1', email: 'owner@shop.example', name: 'Owner', role: 'admin', canPublish: true },
  { id: 'u2', email: 'ada@shop.example', name: 'Ada', role: 'editor', canPublish: true },
]

/** A fake server: each call is kept as [method, path, body]; `answers` by "METHOD path" gives status and body. */
function serve(answers: Record<string, [number, unknown]>): [string, string, unknown][] {
  const calls: [string, string, unknown][] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET'
      calls.push([method, url, init?.body === undefined ? undefined : JSON.parse(String(init.body))])
      const [status, body] = answers[`${method} ${url}`] ?? [404, { error: 'not_found', message: 'No route' }]
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    }),
  )
  return calls
}

const KEYS = [
  { id: 'k1', name: 'Ada CI', prefix: 'rk_ada1234', createdBy: 'u2', revokedAt: null },
  { id: 'k2', name: 'Ada old', prefix: 'rk_ada9876', createdBy: 'u2', revokedAt: '2026-11-01T00:00:00.000Z' },
  { id: 'k3', name: 'Owner CI', prefix: 'rk_own1234', createdBy: 'u1', revokedAt: null },
]

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

describe('changing passwords in settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('changes your own password with the current one and says how many other sessions were signed out', async () => {
    useLocaleStore.setState({ locale: 'en' })
    useSession.setState({ status: 'signed-in', user: ME, csrfToken: 'csrf-1' })
    const calls = serve({ 'GET /api/auth/api-keys': [200, { apiKeys: [] }], 'PUT /api/auth/password': [200, { sessionsEnded: 2, apiKeysRevoked: 0 }] })
    render(<AccountSection />)
    expect(screen.getByRole('heading', { name: 'Your account' }).nextElementSibling?.textContent).toBe('Owner (owner@shop.example)')
    type('Current password', 'old-password-1')
    type('New password (at least 10 characters)', 'new-password-22')
    type('New password again', 'new-password-2')
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect((await screen.findByRole('alert')).textContent).toBe('The two new passwords differ: type the same one twice')
    expect(calls).toEqual([['GET', '/api/auth/api-keys', undefined]])
    // Without keys of your own there is nothing to revoke, and nothing asks.
    expect(screen.queryByRole('checkbox')).toBeNull()

    type('New password again', 'new-password-22')
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect((await screen.findByRole('status')).textContent).toBe('Password changed. Signed out elsewhere: 2 sessions.')
    expect(calls.filter(([method]) => method === 'PUT')).toEqual([
      ['PUT', '/api/auth/password', { currentPassword: 'old-password-1', newPassword: 'new-password-22', revokeApiKeys: true }],
    ])
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('')
  })

  it('shows the server’s refusal of a wrong current password, in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    useSession.setState({ status: 'signed-in', user: ME, csrfToken: 'csrf-1' })
    const refusal = { error: 'wrong_password', message: '当前密码不正确:未做任何更改', problems: [{ path: '/body/currentPassword', text: '当前密码不正确:未做任何更改' }] }
    serve({ 'GET /api/auth/api-keys': [200, { apiKeys: [] }], 'PUT /api/auth/password': [400, refusal] })
    render(<AccountSection />)
    type('当前密码', 'not-it')
    type('新密码(至少 10 位)', 'new-password-22')
    type('再次输入新密码', 'new-password-22')
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }))
    expect((await screen.findByRole('alert')).textContent).toBe('当前密码不正确:未做任何更改')
  })

  it('lets an admin set another user’s password (not their own) and says their sessions were signed out', async () => {
    useLocaleStore.setState({ locale: 'en' })
    useSession.setState({ status: 'signed-in', user: ME, csrfToken: 'csrf-1' })
    const calls = serve({
      'GET /api/users': [200, { users: USERS }],
      'GET /api/api-keys': [200, { apiKeys: KEYS }],
      'PUT /api/users/u2/password': [200, { sessionsEnded: 1, apiKeysRevoked: 1 }],
    })
    render(<UsersSection />)
    fireEvent.click(await screen.findByRole('button', { name: 'Set password ada@shop.example' }))
    expect(screen.queryByRole('button', { name: 'Set password owner@shop.example' })).toBeNull()
    const dialog = screen.getByRole('dialog', { name: 'New password for ada@shop.example' })
    const confirm = screen.getByRole('button', { name: 'Set password' }) as HTMLButtonElement
    type('New password (at least 10 characters)', 'short')
    expect(confirm.disabled).toBe(true)
    type('New password (at least 10 characters)', 'ada-new-password-2')
    // Ada's own working key is listed (not her revoked one, nor the owner's), and revoked unless the box is cleared.
    expect((await screen.findByRole('group', { name: 'API keys they made:' })).querySelector('ul')?.textContent).toBe('Ada CI rk_ada1234…')
    expect((screen.getByRole('checkbox', { name: 'Also revoke their 1 API key' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(confirm)
    expect((await screen.findByRole('status')).textContent).toBe('New password set for ada@shop.example; signed out: 1 session of theirs. API keys revoked: 1.')
    expect(dialog.isConnected).toBe(false)
    expect(calls.filter(([method]) => method === 'PUT')).toEqual([['PUT', '/api/users/u2/password', { password: 'ada-new-password-2', revokeApiKeys: true }]])
  })

  it('says it in Chinese too', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    useSession.setState({ status: 'signed-in', user: ME, csrfToken: 'csrf-1' })
    const calls = serve({
      'GET /api/users': [200, { users: USERS }],
      'GET /api/api-keys': [200, { apiKeys: KEYS }],
      'PUT /api/users/u2/password': [200, { sessionsEnded: 3, apiKeysRevoked: 0 }],
    })
    render(<UsersSection />)
    fireEvent.click(await screen.findByRole('button', { name: '设置密码 ada@shop.example' }))
    type('新密码(至少 10 位)', 'ada-new-password-2')
    fireEvent.click(await screen.findByRole('checkbox', { name: '同时吊销其 1 个 API 密钥' }))
    fireEvent.click(screen.getByRole('button', { name: '设置密码' }))
    expect((await screen.findByRole('status')).textContent).toBe('已为 ada@shop.example 设置新密码,其 3 个登录已退出。')
    expect(calls.filter(([method]) => method === 'PUT')).toEqual([['PUT', '/api/users/u2/password', { password: 'ada-new-password-2', revokeApiKeys: false }]])
  })

  it('lists the keys you made when you change your password, and revokes them unless you keep them', async () => {
    useLocaleStore.setState({ locale: 'en' })
    useSession.setState({ status: 'signed-in', user: ME, csrfToken: 'csrf-1' })
    const calls = serve({
      'GET /api/auth/api-keys': [
        200,
        {
          apiKeys: [
            { id: 'k1', name: 'Shop sync', prefix: 'rk_shop123' },
            { id: 'k2', name: 'Reports', prefix: 'rk_rep4567' },
          ],
        },
      ],
      'PUT /api/auth/password': [200, { sessionsEnded: 0, apiKeysRevoked: 2 }],
    })
    render(<AccountSection />)
    expect((await screen.findByRole('group', { name: 'API keys you made:' })).querySelector('ul')?.textContent).toBe('Shop sync rk_shop123…Reports rk_rep4567…')
    type('Current password', 'old-password-1')
    type('New password (at least 10 characters)', 'new-password-22')
    type('New password again', 'new-password-22')
    expect((screen.getByRole('checkbox', { name: 'Also revoke these 2 API keys' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect((await screen.findByRole('status')).textContent).toBe('Password changed. Signed out elsewhere: 0 sessions. API keys revoked: 2.')
    expect(calls.map(([method, path, body]) => [method, path, body])).toEqual([
      ['GET', '/api/auth/api-keys', undefined],
      ['PUT', '/api/auth/password', { currentPassword: 'old-password-1', newPassword: 'new-password-22', revokeApiKeys: true }],
      ['GET', '/api/auth/api-keys', undefined],
    ])
  })
})
