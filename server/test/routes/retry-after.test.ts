import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/app'
import { INGESTION_RATE_LIMIT } from '../../src/plugins/rate-limits'
import { accessRepository } from '../../src/repositories/access'
import { testDatabase } from '../support/databases'

const signIn = (app: FastifyInstance, email: string, remoteAddress: string, language = 'en') =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { 'accept-language': language }, payload: { email, password: 'a wrong guess' } })

/** Every 429 a rate limit answers says in Retry-After how many wall-clock seconds to wait, the number its message gives. */
describe('Retry-After on rate-limited answers', () => {
  let app: FastifyInstance
  // The wall clock, held still and moved by hand, so the waits are exact.
  let wall = Date.parse('2026-12-03T09:00:00Z')
  beforeAll(async () => {
    vi.spyOn(Date, 'now').mockImplementation(() => wall)
    // A demo clock far from the wall clock: no limit may count on it.
    app = await buildApp({ database: await testDatabase('pglite'), clock: () => Date.parse('2030-01-01T00:00:00Z') })
    await accessRepository(app.database.db).createUser({ email: 'owner@shop.example', name: 'Owner', role: 'admin', password: 'owner-password-1' })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    vi.restoreAllMocks()
  })

  it('says how long an account closed to an address by ten failed sign-ins stays closed: the rest of its fifteen minutes', async () => {
    for (let attempt = 1; attempt <= 10; attempt++) expect((await signIn(app, 'owner@shop.example', '203.0.113.50')).statusCode).toBe(401)
    // Past the address's own minute, so what answers is the account's lock.
    wall += 60_500
    const closed = await signIn(app, 'owner@shop.example', '203.0.113.50')
    expect([closed.statusCode, closed.headers['retry-after'], closed.json().error, closed.json().message]).toEqual([
      429,
      '840',
      'rate_limited',
      'Too many requests; try again in 840 s',
    ])
    const zh = await signIn(app, 'owner@shop.example', '203.0.113.50', 'zh-CN')
    expect([zh.headers['retry-after'], zh.json().message]).toEqual(['840', '请求过于频繁,请 840 秒后再试'])
  })

  it('says how long an address over ten sign-ins a minute waits', async () => {
    const start = wall
    for (let attempt = 1; attempt <= 10; attempt++) expect((await signIn(app, `guess${attempt}@shop.example`, '198.51.100.7')).statusCode).toBe(401)
    wall = start + 20_000
    const over = await signIn(app, 'guess11@shop.example', '198.51.100.7')
    expect([over.statusCode, over.headers['retry-after'], over.json().message]).toEqual([429, '40', 'Too many requests; try again in 40 s'])
  })

  it('says how long an address sending wrong API keys to ingestion waits', async () => {
    const start = wall
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/api/events',
        remoteAddress: '192.0.2.44',
        headers: { authorization: 'Bearer rk_not-a-key' },
        payload: [{ contactId: 'C-1', name: 'visit' }],
      })
    for (let call = 1; call <= INGESTION_RATE_LIMIT.max; call++) expect((await post()).statusCode).toBe(401)
    wall = start + 45_000
    const over = await post()
    expect([over.statusCode, over.headers['retry-after'], over.json().message]).toEqual([429, '15', 'Too many requests; try again in 15 s'])
  })
})
