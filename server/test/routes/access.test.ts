import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Scope } from '../../src/access/permissions'
import { accessRepository } from '../../src/repositories/access'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { keyMaker } from '../support/keys'

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')

/** Every route with what it needs. A route missing here is admin-only by default, which the last rows check. */
const ROUTES: { method: Method; url: string; needs: Scope | 'public' | 'authenticated' | 'signed'; payload?: unknown; contentType?: string }[] = [
  { method: 'GET', url: '/api/health', needs: 'public' },
  { method: 'GET', url: '/api/openapi.json', needs: 'authenticated' },
  { method: 'GET', url: '/api/journeys', needs: 'journeys:read' },
  { method: 'POST', url: '/api/journeys', needs: 'journeys:write', payload: { ...cart, id: 'access-check' } },
  { method: 'GET', url: '/api/journeys/abandoned-cart', needs: 'journeys:read' },
  { method: 'PUT', url: '/api/journeys/abandoned-cart/draft', needs: 'journeys:write', payload: cart },
  { method: 'POST', url: '/api/journeys/abandoned-cart/validate', needs: 'journeys:read' },
  { method: 'POST', url: '/api/journeys/abandoned-cart/publish', needs: 'journeys:write', payload: {} },
  { method: 'POST', url: '/api/journeys/abandoned-cart/pause', needs: 'journeys:write' },
  { method: 'POST', url: '/api/journeys/abandoned-cart/resume', needs: 'journeys:write' },
  { method: 'POST', url: '/api/journeys/nope/archive', needs: 'journeys:write' },
  { method: 'DELETE', url: '/api/journeys/nope', needs: 'journeys:write' },
  { method: 'POST', url: '/api/journeys/abandoned-cart/enroll', needs: 'journeys:write', payload: { contactIds: ['A-1'] } },
  { method: 'GET', url: '/api/journeys/abandoned-cart/head', needs: 'journeys:read' },
  { method: 'GET', url: '/api/journeys/abandoned-cart/counts', needs: 'journeys:read' },
  { method: 'GET', url: '/api/journeys/abandoned-cart/versions', needs: 'journeys:read' },
  { method: 'GET', url: '/api/journeys/abandoned-cart/versions/1', needs: 'journeys:read' },
  { method: 'GET', url: '/api/journeys/abandoned-cart/approvals', needs: 'journeys:read' },
  { method: 'GET', url: '/api/journeys/abandoned-cart/history', needs: 'journeys:read' },
  { method: 'POST', url: '/api/journeys/abandoned-cart/approvals/nope/reject', needs: 'journeys:write', payload: { comment: 'no' } },
  { method: 'POST', url: '/api/contacts/import', needs: 'contacts:write', payload: [{ id: 'A-1', phone: '13812345678' }] },
  { method: 'GET', url: '/api/contacts?search=A', needs: 'contacts:read' },
  { method: 'GET', url: '/api/contacts/A-1', needs: 'contacts:read' },
  { method: 'DELETE', url: '/api/contacts/nobody', needs: 'contacts:write' },
  { method: 'POST', url: '/api/contacts/nobody/opt-out', needs: 'contacts:write' },
  { method: 'POST', url: '/api/events', needs: 'events:write', payload: [{ contactId: 'A-1', name: 'app_open' }] },
  { method: 'GET', url: '/api/messages', needs: 'messages:read' },
  { method: 'GET', url: '/api/replies', needs: 'messages:read' },
  { method: 'POST', url: '/api/replies/999999/opt-out', needs: 'contacts:write' },
  { method: 'POST', url: '/api/replies/999999/review', needs: 'contacts:write', payload: { decision: 'keep' } },
  { method: 'GET', url: '/api/segments', needs: 'segments:read' },
  {
    method: 'PUT',
    url: '/api/segments/gold',
    needs: 'segments:write',
    payload: { id: 'gold', name: 'Gold', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }] } },
  },
  { method: 'GET', url: '/api/segments/gold/count', needs: 'segments:read' },
  { method: 'GET', url: '/api/settings/policies', needs: 'settings:read' },
  { method: 'PUT', url: '/api/settings/policies', needs: 'settings:write', payload: { bad: true } },
  { method: 'POST', url: '/api/media', needs: 'journeys:write', payload: Buffer.from('GIF89a'), contentType: 'image/gif' },
  { method: 'GET', url: '/api/users', needs: 'admin' },
  { method: 'POST', url: '/api/users', needs: 'admin', payload: {} },
  { method: 'PUT', url: '/api/users/nobody/role', needs: 'admin', payload: { role: 'viewer' } },
  { method: 'DELETE', url: '/api/users/nobody', needs: 'admin' },
  { method: 'PUT', url: '/api/users/nobody/can-publish', needs: 'admin', payload: { canPublish: false } },
  { method: 'PUT', url: '/api/users/nobody/password', needs: 'admin', payload: { password: 'nobody-password-1' } },
  { method: 'GET', url: '/api/api-keys', needs: 'admin' },
  { method: 'POST', url: '/api/api-keys', needs: 'admin', payload: {} },
  { method: 'DELETE', url: '/api/api-keys/nobody', needs: 'admin' },
  { method: 'GET', url: '/api/auth/me', needs: 'authenticated' },
  { method: 'PUT', url: '/api/auth/password', needs: 'authenticated', payload: {} },
  { method: 'GET', url: '/api/auth/api-keys', needs: 'authenticated' },
  { method: 'GET', url: '/api/settings/providers', needs: 'admin' },
  { method: 'GET', url: '/api/settings/workspace', needs: 'settings:read' },
  { method: 'PUT', url: '/api/settings/workspace', needs: 'settings:write', payload: {} },
  { method: 'GET', url: '/api/coupons/pools', needs: 'journeys:read' },
  { method: 'PUT', url: '/api/coupons/pools/vip', needs: 'journeys:write', payload: { name: 'VIP' } },
  { method: 'POST', url: '/api/coupons/pools/vip/codes', needs: 'journeys:write', payload: ['VIP-0001'] },
  { method: 'GET', url: '/api/coupons/alarms', needs: 'journeys:read' },
  {
    method: 'POST',
    url: '/api/journeys/abandoned-cart/simulations',
    needs: 'journeys:write',
    payload: { count: 1, clickRate: 0, orderRate: 0, redeemRate: 0, start: '2026-12-01T00:00:00Z', days: 1 },
  },
  { method: 'GET', url: '/api/simulations/nope', needs: 'journeys:read' },
  {
    method: 'POST',
    url: '/api/program/simulations',
    needs: 'journeys:write',
    payload: { count: 1, clickRate: 0, orderRate: 0, redeemRate: 0, start: '2026-12-01T00:00:00Z', days: 1, drafts: ['abandoned-cart'] },
  },
  { method: 'GET', url: '/api/program/simulations/nope', needs: 'journeys:read' },
  { method: 'DELETE', url: '/api/program/simulations/nope', needs: 'journeys:read' },
  { method: 'GET', url: '/api/journeys/abandoned-cart/stats', needs: 'journeys:read' },
  { method: 'GET', url: '/api/journeys/abandoned-cart/series', needs: 'journeys:read' },
  { method: 'PUT', url: '/api/journeys/abandoned-cart/tags', needs: 'journeys:write', payload: { tags: ['Retail'] } },
  { method: 'GET', url: '/api/journeys/abandoned-cart/ab', needs: 'journeys:read' },
  { method: 'POST', url: '/api/journeys/abandoned-cart/ab/split/rollout', needs: 'journeys:write', payload: { variantId: 'A' } },
  { method: 'GET', url: '/api/journeys/abandoned-cart/nodes/trigger/contacts', needs: 'journeys:read' },
  { method: 'POST', url: '/api/journeys/abandoned-cart/contacts/nobody/remove', needs: 'journeys:write' },
  { method: 'DELETE', url: '/api/simulations/nope', needs: 'journeys:read' },
  { method: 'PUT', url: '/api/settings/providers', needs: 'admin', payload: {} },
  { method: 'GET', url: '/l/ABCDEFG', needs: 'public' },
  { method: 'POST', url: '/api/webhooks/sms/sandbox/inbound', needs: 'signed', payload: [{ phone: '+8613812345678', text: 'T' }] },
  { method: 'POST', url: '/api/webhooks/sms/twilio/status', needs: 'signed', payload: 'MessageSid=SM1&MessageStatus=delivered', contentType: 'application/x-www-form-urlencoded' },
  // Unknown: signed in is enough to be told it does not exist (404, see below).
  { method: 'GET', url: '/api/no-such-route', needs: 'authenticated' },
]

const ROLE_ALLOWS: Record<'viewer' | 'editor' | 'admin', (needs: string) => boolean> = {
  viewer: (needs) => needs.endsWith(':read') || needs === 'public' || needs === 'authenticated',
  editor: (needs) => needs !== 'admin' && needs !== 'settings:write',
  admin: () => true,
}

describe.each(DATABASE_KINDS)('access control on %s', (kind) => {
  let app: FastifyInstance
  const sessions: Record<string, { cookie: string; csrf: string }> = {}
  let eventsKey = ''
  beforeAll(async () => {
    app = await testApp(kind)
    const access = accessRepository(app.database.db)
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      await access.createUser({ email: `${role}@shop.example`, name: role, role, password: `${role}-password-1` })
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { anonymous: 'yes' },
        payload: { email: `${role}@shop.example`, password: `${role}-password-1` },
      })
      expect(login.statusCode).toBe(200)
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string
      sessions[role] = { cookie, csrf: login.json().csrfToken }
    }
    eventsKey = (await access.createApiKey('checkout', ['events:write'], await keyMaker(app.database.db))).secret
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const call = (route: (typeof ROUTES)[number], headers: Record<string, string>) =>
    app.inject({
      method: route.method,
      url: route.url,
      headers: { ...headers, ...(route.contentType ? { 'content-type': route.contentType } : {}) },
      ...(route.payload === undefined ? {} : { payload: route.payload as string }),
    })

  it.each(ROUTES)('$method $url: anonymous callers get 401 unless it is public', async (route) => {
    const response = await call(route, { anonymous: 'yes' })
    if (route.needs === 'public') expect([401, 403]).not.toContain(response.statusCode)
    else if (route.needs === 'signed') expect([response.statusCode, response.json().error]).toEqual([403, 'bad_signature'])
    else expect([response.statusCode, response.json().error]).toEqual([401, 'unauthenticated'])
  })

  const SIGNED_IN = ROUTES.filter((route) => route.needs !== 'signed')

  it.each(SIGNED_IN)('$method $url: each role gets 403 exactly where its role stops', async (route) => {
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const { cookie, csrf } = sessions[role] as { cookie: string; csrf: string }
      const response = await call(route, { cookie, 'x-csrf-token': csrf })
      if (ROLE_ALLOWS[role](route.needs)) expect([role, response.statusCode]).not.toEqual([role, 403])
      else expect([role, response.statusCode, response.json().error]).toEqual([role, 403, 'forbidden'])
      expect(response.statusCode).not.toBe(401)
    }
  })

  it.each(SIGNED_IN)('$method $url: an events:write key reaches only events', async (route) => {
    const response = await call(route, { authorization: `Bearer ${eventsKey}` })
    if (['events:write', 'public', 'authenticated'].includes(route.needs)) expect(response.statusCode).not.toBe(403)
    else expect(response.statusCode).toBe(403)
  })

  // Left by the last session: an editor asking for a route that does not exist was told it needs an admin.
  it('answers an unknown /api route 401 to a stranger and 404 to every role and key', async () => {
    const unknown = { method: 'GET' as const, url: '/api/no-such-thing' }
    const anonymous = await app.inject({ ...unknown, headers: { anonymous: 'yes' } })
    expect([anonymous.statusCode, anonymous.json().error]).toEqual([401, 'unauthenticated'])
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const response = await app.inject({ ...unknown, headers: { cookie: (sessions[role] as { cookie: string }).cookie, 'accept-language': 'zh-CN' } })
      expect([role, response.statusCode, response.json()]).toEqual([role, 404, { error: 'not_found', message: '不存在的接口 GET /api/no-such-thing', problems: [] }])
    }
    const keyed = await app.inject({ ...unknown, headers: { authorization: `Bearer ${eventsKey}` } })
    expect([keyed.statusCode, keyed.json().error]).toEqual([404, 'not_found'])
  })

  it('refuses a session change without the CSRF token, in Chinese when asked', async () => {
    const { cookie } = sessions.editor as { cookie: string }
    const response = await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/pause', headers: { cookie, 'accept-language': 'zh-CN' } })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error: 'csrf', message: '缺少或错误的 x-csrf-token 请求头,请刷新页面' })
  })

  it('shows a key once, lists it without its secret, and refuses it once revoked', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'CRM sync', scopes: ['contacts:write'] } })
    expect(created.statusCode).toBe(201)
    const { id, secret, prefix } = created.json().apiKey
    expect(secret).toMatch(/^rk_[A-Za-z0-9_-]{40}$/)
    expect(secret.startsWith(prefix)).toBe(true)
    const listed = (await app.inject({ method: 'GET', url: '/api/api-keys' })).json().apiKeys.find((key: { id: string }) => key.id === id)
    expect(listed).toMatchObject({ name: 'CRM sync', scopes: ['contacts:write'], revokedAt: null })
    expect(JSON.stringify(listed)).not.toContain(secret.slice(10))
    expect(listed.keyHash).toBeUndefined()
    expect((await app.inject({ method: 'DELETE', url: `/api/api-keys/${id}` })).statusCode).toBe(204)
    const after = await app.inject({ method: 'GET', url: '/api/contacts/A-1', headers: { authorization: `Bearer ${secret}` } })
    expect(after.statusCode).toBe(401)
  })

  it('says the same for a wrong password and an unknown email, and slows down guessing', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { anonymous: 'yes', 'accept-language': 'zh-CN' },
      payload: { email: 'admin@shop.example', password: 'nope' },
    })
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { anonymous: 'yes' }, payload: { email: 'who@shop.example', password: 'nope' } })
    expect([wrong.statusCode, wrong.json().message]).toEqual([401, '邮箱或密码错误'])
    expect([unknown.statusCode, unknown.json().message]).toEqual([401, 'Wrong email or password'])
    const statuses: number[] = []
    // From an address of its own, so the other sign-ins of this file do not count against it.
    for (let attempt = 0; attempt < 12; attempt++)
      statuses.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '198.51.100.7',
            headers: { anonymous: 'yes' },
            payload: { email: 'x@shop.example', password: 'nope' },
          })
        ).statusCode,
      )
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429])
  })

  // At the tests' cost (test/support/password-cost.ts); password-hashing.test.ts checks production's.
  it('stores the password only as a scrypt hash', async () => {
    const rows = await app.database.db.query.users.findMany()
    expect(rows.every((user) => /^scrypt\$\d+\$8\$1\$/.test(user.passwordHash) && !user.passwordHash.includes('password-1'))).toBe(true)
  })
})
