import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { users } from '../../src/db/schema/index'
import { accessRepository } from '../../src/repositories/access'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

/**
 * What changing or removing a user does to their API keys, and the workspace's last admin. The app has
 * no key of its own here: its admins are exactly those each test makes, acting with their own keys.
 */
describe.each(DATABASE_KINDS)('user changes on %s', (kind) => {
  let app: FastifyInstance
  beforeEach(async () => {
    app = await buildApp({ database: await testDatabase(kind) })
  }, 60_000)
  afterEach(async () => {
    await app?.close()
  })

  /** Makes a user with the role and signs them in; an admin also creates an admin key. Answers the id, the session's headers and the key. */
  async function userWithAdminKey(email: string, role: 'admin' | 'editor') {
    const access = accessRepository(app.database.db)
    const user = await access.createUser({ email, name: email, role, password: 'long-password-1' })
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'long-password-1' } })
    const session = { cookie: String(login.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': login.json().csrfToken as string }
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: session, payload: { name: 'ops', scopes: ['admin'] } })
    expect(created.statusCode).toBe(role === 'admin' ? 201 : 403)
    return { id: user.id, session, key: created.statusCode === 201 ? (created.json().apiKey as { id: string; secret: string }) : undefined }
  }
  const withKey = (secret: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, language = 'en') =>
    app.inject({ method, url, headers: { authorization: `Bearer ${secret}`, 'accept-language': language }, ...(payload ? { payload } : {}) })
  const listedKey = async (admin: string | undefined, id: string) =>
    (await withKey(admin, 'GET', '/api/api-keys')).json().apiKeys.find((key: { id: string }) => key.id === id) as Record<string, unknown>
  const roles = async () => (await app.database.db.select({ email: users.email, role: users.role }).from(users).orderBy(users.email)).map((user) => `${user.email} ${user.role}`)

  it("narrows a demoted admin's keys to the new role, and widens them again when the role comes back", async () => {
    const ownerUser = await userWithAdminKey('owner@shop.example', 'admin')
    const owner = ownerUser.key?.secret
    const { id, key } = await userWithAdminKey('ops@shop.example', 'admin')
    const secret = key?.secret as string
    expect((await withKey(secret, 'GET', '/api/users')).statusCode).toBe(200)
    expect((await withKey(owner, 'PUT', `/api/users/${id}/role`, { role: 'viewer' })).statusCode).toBe(200)

    const listed = await withKey(secret, 'GET', '/api/users')
    expect([listed.statusCode, listed.json().error]).toEqual([403, 'forbidden'])
    // The key has the scope: it is the maker's role now that lacks it, so reissuing the key would not help.
    expect(listed.json().message).toBe('This needs the "admin" permission: this API key has it, but it acts for the user who made it, whose current role (viewer) does not')
    expect((await withKey(secret, 'GET', '/api/users', undefined, 'zh-CN')).json().message).toBe(
      '此操作需要"admin"权限:该 API 密钥拥有此权限,但密钥以其创建者的身份操作,而创建者当前的角色(viewer)没有此权限',
    )
    const newAdmin = await withKey(secret, 'POST', '/api/users', { email: 'evil@shop.example', name: 'Evil', role: 'admin', password: 'evil-password-1' })
    expect(newAdmin.statusCode).toBe(403)
    expect((await withKey(secret, 'GET', '/api/journeys')).statusCode).toBe(200)
    expect((await withKey(secret, 'POST', '/api/events', [{ contactId: 'A-1', name: 'app_open' }])).statusCode).toBe(403)
    expect(await listedKey(owner, key?.id as string)).toMatchObject({
      scopes: ['admin'],
      effectiveScopes: ['journeys:read', 'contacts:read', 'messages:read', 'segments:read', 'settings:read'],
      needsReissue: false,
    })

    await withKey(owner, 'PUT', `/api/users/${id}/role`, { role: 'admin' })
    expect((await withKey(secret, 'GET', '/api/users')).statusCode).toBe(200)
    expect(await listedKey(owner, key?.id as string)).toMatchObject({ scopes: ['admin'], effectiveScopes: ['admin'] })

    // A key made without the scope is still told so, whatever its maker's role.
    const narrow = await app.inject({ method: 'POST', url: '/api/api-keys', headers: ownerUser.session, payload: { name: 'reader', scopes: ['journeys:read'] } })
    const refused = await withKey(narrow.json().apiKey.secret, 'GET', '/api/users')
    expect([refused.statusCode, refused.json().message]).toEqual([403, 'This needs the "admin" permission, which this API key does not have'])
  })

  it("revokes a removed user's keys, and refuses a key whose maker is gone even if it was not revoked", async () => {
    const first = await userWithAdminKey('first@shop.example', 'admin')
    const second = await userWithAdminKey('second@shop.example', 'admin')
    expect((await withKey(second.key?.secret, 'DELETE', `/api/users/${first.id}`)).statusCode).toBe(204)
    const refused = await withKey(first.key?.secret, 'GET', '/api/users')
    expect([refused.statusCode, refused.json().error]).toEqual([401, 'unauthenticated'])
    expect(await listedKey(second.key?.secret, first.key?.id as string)).toMatchObject({ revokedAt: expect.any(String), effectiveScopes: [] })

    // A key row left unrevoked (written before this rule) is void all the same once its maker is gone.
    await app.database.db.delete(users).where(eq(users.id, second.id))
    expect((await withKey(second.key?.secret, 'GET', '/api/journeys')).statusCode).toBe(401)
  })

  it('keeps the last admin: no demotion or removal of the only one, in English and Chinese', async () => {
    const only = await userWithAdminKey('only@shop.example', 'admin')
    const editor = await userWithAdminKey('editor@shop.example', 'editor')
    const own = only.key?.secret
    const demoted = await withKey(own, 'PUT', `/api/users/${only.id}/role`, { role: 'editor' }, 'zh-CN')
    expect([demoted.statusCode, demoted.json().error, demoted.json().message]).toEqual([409, 'last_admin', '这是唯一的管理员:请先将另一位用户设为管理员,再更改此角色'])
    const removed = await withKey(own, 'DELETE', `/api/users/${only.id}`)
    expect([removed.statusCode, removed.json().message]).toEqual([409, 'This is the only admin: make another user an admin first, then remove this one'])
    expect(await roles()).toEqual(['editor@shop.example editor', 'only@shop.example admin'])

    // With a second admin, the first may step down; then the second is the last one.
    expect((await withKey(own, 'PUT', `/api/users/${editor.id}/role`, { role: 'admin' })).statusCode).toBe(200)
    expect((await withKey(own, 'PUT', `/api/users/${only.id}/role`, { role: 'viewer' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${editor.id}`, headers: editor.session })).statusCode).toBe(409)
  })

  it('lets only one of two admins stepping down at once succeed', async () => {
    const a = await userWithAdminKey('a@shop.example', 'admin')
    const b = await userWithAdminKey('b@shop.example', 'admin')
    // Each with their own key: demoting the other could be refused earlier, at the door, once the other stepped down first.
    const answers = await Promise.all([
      withKey(a.key?.secret, 'PUT', `/api/users/${a.id}/role`, { role: 'viewer' }),
      withKey(b.key?.secret, 'PUT', `/api/users/${b.id}/role`, { role: 'viewer' }),
    ])
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409])
    expect((await roles()).filter((line) => line.endsWith(' admin'))).toHaveLength(1)
  })
})
