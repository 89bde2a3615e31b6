import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { users } from '../../src/db/schema/index'
import { accessRepository } from '../../src/repositories/access'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

/** What changing or removing a user does to their API keys, and the workspace's last admin. */
describe.each(DATABASE_KINDS)('user changes on %s', (kind) => {
  let app: FastifyInstance
  beforeEach(async () => {
    app = await testApp(kind)
  }, 60_000)
  afterEach(async () => {
    await app?.close()
  })

  /** Makes a user with the role, signs them in and has them create an admin key; returns the user's id and the key. */
  async function userWithAdminKey(email: string, role: 'admin' | 'editor') {
    const access = accessRepository(app.database.db)
    const user = await access.createUser({ email, name: email, role, password: 'long-password-1' })
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { anonymous: 'yes' }, payload: { email, password: 'long-password-1' } })
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const created = await app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload: { name: 'ops', scopes: ['admin'] },
    })
    expect(created.statusCode).toBe(role === 'admin' ? 201 : 403)
    return { id: user.id, key: created.statusCode === 201 ? (created.json().apiKey as { id: string; secret: string }) : undefined }
  }
  const withKey = (secret: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${secret}` }, ...(payload ? { payload } : {}) })
  const listedKey = async (id: string) =>
    (await app.inject({ method: 'GET', url: '/api/api-keys' })).json().apiKeys.find((key: { id: string }) => key.id === id) as Record<string, unknown>

  it("narrows a demoted admin's keys to the new role, and widens them again when the role comes back", async () => {
    await userWithAdminKey('owner@shop.example', 'admin')
    const { id, key } = await userWithAdminKey('ops@shop.example', 'admin')
    const secret = key?.secret as string
    expect((await withKey(secret, 'GET', '/api/users')).statusCode).toBe(200)
    expect((await app.inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role: 'viewer' } })).statusCode).toBe(200)

    const users = await withKey(secret, 'GET', '/api/users')
    expect([users.statusCode, users.json().error]).toEqual([403, 'forbidden'])
    const newAdmin = await withKey(secret, 'POST', '/api/users', { email: 'evil@shop.example', name: 'Evil', role: 'admin', password: 'evil-password-1' })
    expect(newAdmin.statusCode).toBe(403)
    expect((await withKey(secret, 'GET', '/api/journeys')).statusCode).toBe(200)
    expect((await withKey(secret, 'POST', '/api/events', [{ contactId: 'A-1', name: 'app_open' }])).statusCode).toBe(403)
    expect(await listedKey(key?.id as string)).toMatchObject({
      scopes: ['admin'],
      effectiveScopes: ['journeys:read', 'contacts:read', 'messages:read', 'segments:read', 'settings:read'],
    })

    await app.inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role: 'admin' } })
    expect((await withKey(secret, 'GET', '/api/users')).statusCode).toBe(200)
    expect(await listedKey(key?.id as string)).toMatchObject({ scopes: ['admin'], effectiveScopes: ['admin'] })
  })

  it("revokes a removed user's keys, and refuses a key whose maker is gone even if it was not revoked", async () => {
    const first = await userWithAdminKey('first@shop.example', 'admin')
    const second = await userWithAdminKey('second@shop.example', 'admin')
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${first.id}` })).statusCode).toBe(204)
    const refused = await withKey(first.key?.secret as string, 'GET', '/api/users')
    expect([refused.statusCode, refused.json().error]).toEqual([401, 'unauthenticated'])
    expect(await listedKey(first.key?.id as string)).toMatchObject({ revokedAt: expect.any(String), effectiveScopes: [] })

    // A key row left unrevoked (written before this rule) is void all the same once its maker is gone.
    await app.database.db.delete(users).where(eq(users.id, second.id))
    expect((await withKey(second.key?.secret as string, 'GET', '/api/journeys')).statusCode).toBe(401)
  })

  it('keeps the last admin: no demotion or removal of the only one, in English and Chinese', async () => {
    const { id } = await userWithAdminKey('only@shop.example', 'admin')
    const editor = await userWithAdminKey('editor@shop.example', 'editor')
    const demoted = await app.inject({ method: 'PUT', url: `/api/users/${id}/role`, headers: { 'accept-language': 'zh-CN' }, payload: { role: 'editor' } })
    expect([demoted.statusCode, demoted.json().error, demoted.json().message]).toEqual([409, 'last_admin', '这是唯一的管理员:请先将另一位用户设为管理员,再更改此角色'])
    const removed = await app.inject({ method: 'DELETE', url: `/api/users/${id}` })
    expect([removed.statusCode, removed.json().message]).toEqual([409, 'This is the only admin: make another user an admin first, then remove this one'])
    const roles = (await app.inject({ method: 'GET', url: '/api/users' })).json().users.map((user: { email: string; role: string }) => `${user.email} ${user.role}`)
    expect(roles).toEqual(['editor@shop.example editor', 'only@shop.example admin'])

    // With a second admin, the first may step down; then the second is the last one.
    expect((await app.inject({ method: 'PUT', url: `/api/users/${editor.id}/role`, payload: { role: 'admin' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role: 'viewer' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${editor.id}` })).statusCode).toBe(409)
  })

  it('lets only one of two admins demoting each other at once succeed', async () => {
    const a = await userWithAdminKey('a@shop.example', 'admin')
    const b = await userWithAdminKey('b@shop.example', 'admin')
    const answers = await Promise.all([
      app.inject({ method: 'PUT', url: `/api/users/${a.id}/role`, payload: { role: 'viewer' } }),
      app.inject({ method: 'PUT', url: `/api/users/${b.id}/role`, payload: { role: 'viewer' } }),
    ])
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409])
    const roles = (await app.inject({ method: 'GET', url: '/api/users' })).json().users.map((user: { role: string }) => user.role)
    expect(roles.filter((role: string) => role === 'admin')).toHaveLength(1)
  })
})
