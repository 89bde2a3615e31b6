import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessRepository } from '../../src/repositories/access'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { keyMaker } from '../support/keys'

const DAY = 86_400_000

/** The demo clock runs an hour a second; sessions and keys must not age with it. */
describe.each(DATABASE_KINDS)('security timers on the wall clock (%s)', (kind) => {
  let app: FastifyInstance
  let demoNow = Date.parse('2026-11-20T09:00:00Z')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => demoNow })
    await accessRepository(app.database.db).createUser({ email: 'ops@shop.example', name: 'Ops', role: 'editor', password: 'ops-password-1' })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('keeps a session signed in when the demo clock jumps a month ahead', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { anonymous: 'yes' }, payload: { email: 'ops@shop.example', password: 'ops-password-1' } })
    expect(login.statusCode).toBe(200)
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const [session] = await app.database.db.query.sessions.findMany()
    // Fourteen days from the wall clock, whatever the demo clock says.
    expect(Math.abs((session?.expiresAt.getTime() ?? 0) - (Date.now() + 14 * DAY))).toBeLessThan(60_000)
    demoNow += 30 * DAY
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect([me.statusCode, me.json().user?.email]).toEqual([200, 'ops@shop.example'])
    const save = await app.inject({ method: 'GET', url: '/api/journeys', headers: { cookie } })
    expect(save.statusCode).toBe(200)
  })

  it('stamps an API key last used on the wall clock', async () => {
    const { secret, id } = await accessRepository(app.database.db).createApiKey('crm', ['contacts:read'], await keyMaker(app.database.db))
    demoNow += 365 * DAY
    expect((await app.inject({ method: 'GET', url: '/api/contacts?search=x', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200)
    const key = (await accessRepository(app.database.db).listApiKeys()).find((listed) => listed.id === id)
    expect(Math.abs((key?.lastUsedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000)
  })
})
