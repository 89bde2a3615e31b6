import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INGESTION_RATE_LIMIT } from '../../src/plugins/rate-limits'
import { accessRepository } from '../../src/repositories/access'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { keyMaker } from '../support/keys'

const MAX = INGESTION_RATE_LIMIT.max

describe.each(DATABASE_KINDS)('the ingestion limit on %s', (kind) => {
  let app: FastifyInstance
  // A demo clock racing an hour ahead at every reading: the limit must not let its minute pass.
  let demoNow = Date.parse('2026-11-24T10:00:00+08:00')
  let keyA = ''
  let keyB = ''
  const postEvent = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/events', remoteAddress, headers, payload: [{ contactId: 'C-1', name: 'visit' }] })
  const bearer = (secret: string, language = 'en') => ({ authorization: `Bearer ${secret}`, 'accept-language': language })
  const statusesOf = async (count: number, send: () => ReturnType<typeof postEvent>) => {
    const statuses: number[] = []
    for (let index = 0; index < count; index++) statuses.push((await send()).statusCode)
    return statuses
  }

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => (demoNow += 3_600_000) })
    const access = accessRepository(app.database.db)
    const maker = await keyMaker(app.database.db)
    keyA = (await access.createApiKey('checkout', ['events:write'], maker)).secret
    keyB = (await access.createApiKey('crm', ['events:write'], maker)).secret
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('gives each key from one address its own allowance, on the wall clock; over it, 429 with the wait in both languages', async () => {
    const demoStart = demoNow
    expect(await statusesOf(MAX, () => postEvent(bearer(keyA)))).toEqual(Array(MAX).fill(200))
    const over = await postEvent(bearer(keyA))
    // Days went by on the demo clock while the events came in, not the limit's minute.
    expect(demoNow - demoStart).toBeGreaterThanOrEqual(MAX * 3_600_000)
    const overZh = await postEvent(bearer(keyA, 'zh-CN'))
    expect([over.statusCode, over.json().error, over.json().problems, overZh.statusCode]).toEqual([429, 'rate_limited', [], 429])
    const seconds = Number(over.headers['retry-after'])
    expect(seconds).toBeGreaterThan(0)
    expect(seconds).toBeLessThanOrEqual(60)
    expect(over.json().message).toBe(`Too many requests; try again in ${seconds} s`)
    expect(overZh.json().message).toMatch(/^请求过于频繁,请 \d+ 秒后再试$/)
    // The other integration, from the same address, is not held back by the first one's traffic.
    const other = await postEvent(bearer(keyB))
    expect([other.statusCode, other.json().accepted]).toEqual([200, 1])
  })

  it('counts callers refused for a wrong or missing key per address, still refusing them until then', async () => {
    const stranger = '198.51.100.9'
    const wrongKey = { authorization: 'Bearer rk_not-a-key' }
    expect(await statusesOf(MAX, () => postEvent(wrongKey, stranger))).toEqual(Array(MAX).fill(401))
    const [wrong, none] = [await postEvent(wrongKey, stranger), await postEvent({ anonymous: 'yes', 'accept-language': 'zh-CN' }, stranger)]
    expect([wrong.statusCode, wrong.json().error, Number(wrong.headers['retry-after']) > 0, none.statusCode]).toEqual([429, 'rate_limited', true, 429])
    expect(none.json().message).toMatch(/^请求过于频繁,请 \d+ 秒后再试$/)
    // Another address is refused as before; a good key at that address keeps its own allowance.
    expect((await postEvent(wrongKey, '198.51.100.10')).statusCode).toBe(401)
    expect((await postEvent(bearer(keyB), stranger)).statusCode).toBe(200)
  })
})
