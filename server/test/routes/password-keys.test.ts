import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { accessRepository } from '../../src/repositories/access'
import { cheapUser } from '../support/cheap-users'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

type Session = { cookie: string; 'x-csrf-token': string }

/**
 * A new password is given when the old one may be known to someone else: the keys its user made
 * could be in the same hands, so they are revoked with it unless the one setting it keeps them.
 */
describe.each(DATABASE_KINDS)('API keys when a password is set on %s', (kind) => {
  let app: FastifyInstance
  const ids: Record<string, string> = {}
  const lines: string[] = []
  const keyFor = async (email: string, name: string) => (await accessRepository(app.database.db).createApiKey(name, ['journeys:read'], ids[email] as string)).secret
  const usable = async (secret: string) => (await app.inject({ method: 'GET', url: '/api/journeys', headers: { authorization: `Bearer ${secret}` } })).statusCode
  async function session(email: string): Promise<Session> {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: `${email}-password` } })
    expect(login.statusCode).toBe(200)
    return { cookie: String(login.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': login.json().csrfToken }
  }

  beforeAll(async () => {
    app = await buildApp({ database: await testDatabase(kind), logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } })
    for (const [email, role] of [
      ['owner@shop.example', 'admin'],
      ['ada@shop.example', 'admin'],
      ['bo@shop.example', 'editor'],
      ['cy@shop.example', 'admin'],
    ] as const)
      ids[email] = await cheapUser(app.database.db, email, role)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('revokes the keys the user made when an admin sets their password, unless told to keep them, and says how many', async () => {
    const owner = await session('owner@shop.example')
    const ownersKey = await keyFor('owner@shop.example', 'owner CI')
    const adasKeys = [await keyFor('ada@shop.example', 'ada CI'), await keyFor('ada@shop.example', 'ada shop sync')]
    const already = await accessRepository(app.database.db).createApiKey('ada old', ['journeys:read'], ids['ada@shop.example'] as string)
    await accessRepository(app.database.db).revokeApiKey(already.id)
    const set = await app.inject({ method: 'PUT', url: `/api/users/${ids['ada@shop.example']}/password`, headers: owner, payload: { password: 'ada-new-password-2' } })
    expect([set.statusCode, set.json()]).toEqual([200, { sessionsEnded: 0, apiKeysRevoked: 2 }])
    expect([...(await Promise.all(adasKeys.map(usable))), await usable(ownersKey)]).toEqual([401, 401, 200])
    const logged = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "an admin set a user's password: their sessions were ended")
    expect(logged.map(({ userId, by, sessionsEnded, apiKeysRevoked }) => ({ userId, by, sessionsEnded, apiKeysRevoked }))).toEqual([
      { userId: ids['ada@shop.example'], by: ids['owner@shop.example'], sessionsEnded: 0, apiKeysRevoked: 2 },
    ])

    const bosKey = await keyFor('bo@shop.example', 'bo sync')
    const kept = await app.inject({
      method: 'PUT',
      url: `/api/users/${ids['bo@shop.example']}/password`,
      headers: owner,
      payload: { password: 'bo-new-password-2', revokeApiKeys: false },
    })
    expect([kept.statusCode, kept.json(), await usable(bosKey)]).toEqual([200, { sessionsEnded: 0, apiKeysRevoked: 0 }, 200])
    const wrong = await app.inject({
      method: 'PUT',
      url: `/api/users/${ids['bo@shop.example']}/password`,
      headers: owner,
      payload: { password: 'bo-new-password-3', revokeApiKeys: 'yes' },
    })
    expect([wrong.statusCode, wrong.json().problems.map((problem: { path: string }) => problem.path), await usable(bosKey)]).toEqual([400, ['/body/revokeApiKeys'], 200])
  })

  it('lists your own keys, and revokes them when you change your password unless you keep them', async () => {
    const cy = await session('cy@shop.example')
    const secret = await keyFor('cy@shop.example', 'cy reports')
    await keyFor('owner@shop.example', 'not cy’s')
    const listed = await app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: cy })
    expect([listed.statusCode, listed.json().apiKeys.map((key: Record<string, unknown>) => [key.name, key.prefix, key.scopes, Object.keys(key).sort()])]).toEqual([
      200,
      [['cy reports', secret.slice(0, 10), ['journeys:read'], ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'scopes']]],
    ])
    const withKey = await app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: { authorization: `Bearer ${secret}` } })
    expect([withKey.statusCode, withKey.json().error]).toEqual([400, 'not_a_session'])

    const change = (newPassword: string, revokeApiKeys?: boolean) =>
      app.inject({
        method: 'PUT',
        url: '/api/auth/password',
        headers: cy,
        payload: { currentPassword: 'cy@shop.example-password', newPassword, ...(revokeApiKeys === undefined ? {} : { revokeApiKeys }) },
      })
    const keeping = await change('cy@shop.example-password', false)
    expect([keeping.statusCode, keeping.json(), await usable(secret)]).toEqual([200, { sessionsEnded: 0, apiKeysRevoked: 0 }, 200])
    const revoking = await change('cy@shop.example-password')
    expect([revoking.statusCode, revoking.json(), await usable(secret)]).toEqual([200, { sessionsEnded: 0, apiKeysRevoked: 1 }, 401])
    expect((await app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: cy })).json()).toEqual({ apiKeys: [] })
  })
})
