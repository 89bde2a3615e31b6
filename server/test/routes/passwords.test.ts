import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureFirstAdmin } from '../../src/access/first-admin'
import { buildApp } from '../../src/app'
import { accessRepository } from '../../src/repositories/access'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

type Session = { cookie: string; 'x-csrf-token': string }
type Answer = Awaited<ReturnType<FastifyInstance['inject']>>

const problemsOf = (answer: Answer) => answer.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])

/** Changing a password ends the sessions opened with the old one: by the user (but theirs), by an admin, or by RECALL_ADMIN_PASSWORD. */
describe.each(DATABASE_KINDS)('passwords on %s', (kind) => {
  let app: FastifyInstance
  const lines: string[] = []
  const ids: Record<string, string> = {}
  const signIn = (email: string, password: string, remoteAddress = '198.51.100.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password } })
  async function session(email: string, password: string, remoteAddress?: string): Promise<Session> {
    const login = await signIn(email, password, remoteAddress)
    expect(login.statusCode).toBe(200)
    return { cookie: String(login.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': login.json().csrfToken }
  }
  const me = async (headers: Session) => (await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode
  const changeOwn = (headers: Record<string, string>, currentPassword: string, newPassword: string, remoteAddress = '198.51.100.1') =>
    app.inject({ method: 'PUT', url: '/api/auth/password', remoteAddress, headers, payload: { currentPassword, newPassword } })
  const setFor = (headers: Record<string, string>, id: string, password: string) => app.inject({ method: 'PUT', url: `/api/users/${id}/password`, headers, payload: { password } })
  const logged = (message: string) =>
    lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === message)
      .map(({ userId, by, sessionsEnded }) => ({ userId, by, sessionsEnded }))

  beforeAll(async () => {
    app = await buildApp({ database: await testDatabase(kind), logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } })
    const access = accessRepository(app.database.db)
    for (const [email, role] of [
      ['owner@shop.example', 'admin'],
      ['root@shop.example', 'admin'],
      ['ada@shop.example', 'editor'],
      ['bo@shop.example', 'editor'],
      ['cy@shop.example', 'viewer'],
      ['dee@shop.example', 'viewer'],
    ] as const)
      ids[email] = (await access.createUser({ email, name: email, role, password: `${email}-password` })).id
  }, 120_000)
  afterAll(async () => {
    await app?.close()
  })

  it('changes your own password given the current one: your other sessions end, the one you changed it from stays', async () => {
    const here = await session('ada@shop.example', 'ada@shop.example-password')
    const elsewhere = await session('ada@shop.example', 'ada@shop.example-password', '198.51.100.2')
    const wrong = await changeOwn(here, 'not-my-password', 'ada-new-password-2')
    expect([wrong.statusCode, wrong.json().error, wrong.json().message, problemsOf(wrong)]).toEqual([
      400,
      'wrong_password',
      'Your current password is not right: nothing was changed',
      [['/body/currentPassword', 'Your current password is not right: nothing was changed']],
    ])
    expect((await changeOwn({ ...here, 'accept-language': 'zh-CN' }, 'not-my-password', 'ada-new-password-2')).json().message).toBe('当前密码不正确:未做任何更改')
    expect([await me(here), await me(elsewhere)]).toEqual([200, 200])

    const changed = await changeOwn(here, 'ada@shop.example-password', 'ada-new-password-2')
    expect([changed.statusCode, changed.json()]).toEqual([200, { sessionsEnded: 1, apiKeysRevoked: 0 }])
    expect([await me(here), await me(elsewhere)]).toEqual([200, 401])
    expect([(await signIn('ada@shop.example', 'ada@shop.example-password')).statusCode, (await signIn('ada@shop.example', 'ada-new-password-2')).statusCode]).toEqual([401, 200])
    expect(logged('a user changed their password: their other sessions were ended')).toEqual([{ userId: ids['ada@shop.example'], by: undefined, sessionsEnded: 1 }])
    expect(lines.join('')).not.toContain('ada@shop.example')
  })

  it('holds a new password to the rules a new user’s has, and takes it only from a session with its CSRF token', async () => {
    const here = await session('cy@shop.example', 'cy@shop.example-password')
    const short = await changeOwn(here, 'cy@shop.example-password', 'short')
    expect([short.statusCode, problemsOf(short)]).toEqual([400, [['/body/newPassword', 'New password must have at least 10 characters']]])
    const zh = await changeOwn({ ...here, 'accept-language': 'zh-CN' }, 'cy@shop.example-password', 'short')
    expect(problemsOf(zh)).toEqual([['/body/newPassword', '新密码至少需要 10 个字符']])
    const noToken = await changeOwn({ cookie: here.cookie }, 'cy@shop.example-password', 'cy-new-password-2')
    expect([noToken.statusCode, noToken.json().error]).toEqual([403, 'csrf'])
    const { secret } = await accessRepository(app.database.db).createApiKey('ops', ['admin'], ids['owner@shop.example'] as string)
    const withKey = await changeOwn({ authorization: `Bearer ${secret}` }, 'owner@shop.example-password', 'owner-new-password-2')
    expect([withKey.statusCode, withKey.json().error]).toEqual([400, 'not_a_session'])
    expect((await signIn('cy@shop.example', 'cy@shop.example-password')).statusCode).toBe(200)
  })

  it('counts a wrong current password as a wrong sign-in from that address, and takes five changes a minute per person', async () => {
    const here = await session('bo@shop.example', 'bo@shop.example-password', '203.0.113.5')
    const tries: number[] = []
    for (let attempt = 0; attempt < 6; attempt++) tries.push((await changeOwn(here, `guess-${attempt}`, 'bo-new-password-2', '203.0.113.5')).statusCode)
    expect(tries).toEqual([400, 400, 400, 400, 400, 429])
    const limited = await changeOwn(here, 'bo@shop.example-password', 'bo-new-password-2', '203.0.113.5')
    const seconds = Number(limited.headers['retry-after'])
    expect([limited.statusCode, limited.json().message]).toEqual([429, `Too many requests; try again in ${seconds} s`])
    expect(seconds).toBeGreaterThan(0)
    // Five wrong sign-ins more make ten from the address: the account is closed to it, not to others.
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn('bo@shop.example', `guess-${attempt}`, '203.0.113.5')).statusCode).toBe(401)
    expect((await signIn('bo@shop.example', 'bo@shop.example-password', '203.0.113.5')).statusCode).toBe(429)
    expect((await signIn('bo@shop.example', 'bo@shop.example-password', '203.0.113.6')).statusCode).toBe(200)
  })

  it('lets an admin set another user’s password, which ends every session of theirs, and logs it by id', async () => {
    const owner = await session('owner@shop.example', 'owner@shop.example-password', '192.0.2.1')
    const dee = [await session('dee@shop.example', 'dee@shop.example-password', '192.0.2.2'), await session('dee@shop.example', 'dee@shop.example-password', '192.0.2.3')]
    const set = await setFor(owner, ids['dee@shop.example'] as string, 'dee-new-password-2')
    expect([set.statusCode, set.json()]).toEqual([200, { sessionsEnded: 2, apiKeysRevoked: 0 }])
    expect([await me(dee[0] as Session), await me(dee[1] as Session), await me(owner)]).toEqual([401, 401, 200])
    expect([
      (await signIn('dee@shop.example', 'dee@shop.example-password', '192.0.2.2')).statusCode,
      (await signIn('dee@shop.example', 'dee-new-password-2', '192.0.2.2')).statusCode,
    ]).toEqual([401, 200])
    expect(logged("an admin set a user's password: their sessions were ended")).toEqual([{ userId: ids['dee@shop.example'], by: ids['owner@shop.example'], sessionsEnded: 2 }])
    expect(lines.join('')).not.toMatch(/dee@shop\.example|owner@shop\.example/)

    const short = await setFor(owner, ids['dee@shop.example'] as string, 'short')
    expect([short.statusCode, problemsOf(short)]).toEqual([400, [['/body/password', 'Password must have at least 10 characters']]])
    const own = await setFor({ ...owner, 'accept-language': 'zh-CN' }, ids['owner@shop.example'] as string, 'owner-new-password-2')
    expect([own.statusCode, own.json().error, problemsOf(own)]).toEqual([
      400,
      'own_password',
      [['/params/id', '这是你自己的账号:请在"设置 → 我的账号"中修改密码(需要输入当前密码)']],
    ])
    const nobody = await setFor(owner, 'nobody', 'nobody-password-2')
    expect([nobody.statusCode, nobody.json().error]).toEqual([404, 'user_not_found'])
    const editor = await session('ada@shop.example', 'ada-new-password-2', '192.0.2.4')
    expect((await setFor(editor, ids['dee@shop.example'] as string, 'dee-other-password-3')).statusCode).toBe(403)
  })

  it('ends the admin’s sessions when RECALL_ADMIN_PASSWORD gives a new password, and only then', async () => {
    const env = { RECALL_ADMIN_EMAIL: 'root@shop.example', RECALL_ADMIN_PASSWORD: 'root@shop.example-password' }
    const root = await session('root@shop.example', 'root@shop.example-password', '192.0.2.9')
    await ensureFirstAdmin(app.database.db, env, app.log)
    const message = 'RECALL_ADMIN_PASSWORD reset the admin password: every session of theirs was ended'
    expect([await me(root), logged(message)]).toEqual([200, []])
    await ensureFirstAdmin(app.database.db, { ...env, RECALL_ADMIN_PASSWORD: 'root-new-password-2' }, app.log)
    expect([await me(root), logged(message)]).toEqual([401, [{ userId: ids['root@shop.example'], by: undefined, sessionsEnded: 1 }]])
    expect((await signIn('root@shop.example', 'root-new-password-2', '192.0.2.9')).statusCode).toBe(200)
    expect(lines.join('')).not.toContain('root@shop.example')
  })
})
