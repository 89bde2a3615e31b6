import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {} from '../../src/plugins/providers'
import { sandboxSignature } from '../../src/providers/sandbox'
import { WEBHOOK_AUTH_FAILURES } from '../../src/routes/webhooks/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const WEBHOOK_SECRET = 'sandbox-webhook-secret'
const ALIYUN = { endpoint: 'https://dysmsapi.aliyuncs.com', accessKeyId: 'LTAI-test', signName: '乐享商城', accessKeySecret: 'aliyun-access-secret' }

describe.each(DATABASE_KINDS)('webhook authentication on %s', (kind) => {
  let app: FastifyInstance
  const post = (signature: string, remoteAddress = '203.0.113.7') => {
    const raw = JSON.stringify([{ providerId: 'SMfake00003426', status: 'failed' }])
    const timestamp = String(Math.floor(Date.now() / 1000))
    return app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/sandbox/status',
      remoteAddress,
      headers: {
        anonymous: 'yes',
        'content-type': 'application/json',
        'x-recall-timestamp': timestamp,
        'x-recall-signature': signature || sandboxSignature(WEBHOOK_SECRET, timestamp, raw),
      },
      payload: raw,
    })
  }

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
    expect((await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { sandbox: { webhookSecret: WEBHOOK_SECRET } } })).statusCode).toBe(200)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses a callback token or secret shorter than 16 characters, at its field, in both languages, and stores nothing', async () => {
    const short = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { aliyun: { ...ALIYUN, callbackToken: '12345678' } } })
    expect(short.statusCode).toBe(400)
    expect(short.json().problems).toEqual([
      expect.objectContaining({
        path: '/body/aliyun/callbackToken',
        message: { en: expect.stringContaining('must have at least 16 characters'), zh: expect.stringContaining('至少需要 16 个字符') },
      }),
    ])
    for (const [provider, field] of [
      ['sandbox', 'webhookSecret'],
      ['tencent', 'callbackToken'],
      ['cloud', 'callbackSecret'],
    ] as const) {
      const payload = { [provider]: { [field]: '123456789012345' } }
      const answer = await app.inject({ method: 'PUT', url: '/api/settings/providers', headers: { 'accept-language': 'zh-CN' }, payload })
      expect(answer.statusCode).toBe(400)
      expect(answer.json().problems).toContainEqual(expect.objectContaining({ path: `/body/${provider}/${field}` }))
    }
    expect((await app.inject({ method: 'GET', url: '/api/settings/providers' })).json().secretsSet).toEqual(['sandbox.webhookSecret'])
    const long = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { aliyun: { ...ALIYUN, callbackToken: '1234567890123456' } } })
    expect(long.statusCode).toBe(200)
  })

  it(`answers 429 with Retry-After once an address has failed authentication ${WEBHOOK_AUTH_FAILURES} times in a minute, even with a good signature; other addresses are unaffected`, async () => {
    expect(WEBHOOK_AUTH_FAILURES).toBe(120)
    for (let attempt = 0; attempt < WEBHOOK_AUTH_FAILURES; attempt++) expect((await post('0'.repeat(64))).statusCode).toBe(403)
    const limited = await post('0'.repeat(64))
    expect(limited.statusCode).toBe(429)
    const retryAfter = Number(limited.headers['retry-after'])
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(limited.json()).toMatchObject({ error: 'rate_limited', message: `Too many requests; try again in ${retryAfter} s` })
    expect((await post('')).statusCode).toBe(429)
    const elsewhere = await post('', '198.51.100.4')
    expect([elsewhere.statusCode, elsewhere.json().updated]).toEqual([200, 0])
  })

  it('counts an IPv6 /64 as one address, so rotating through the addresses of one network buys no more guesses', async () => {
    for (let host = 1; host <= WEBHOOK_AUTH_FAILURES; host++) expect((await post('0'.repeat(64), `2001:db8:7:8::${host.toString(16)}`)).statusCode).toBe(403)
    const sameNetwork = await post('', '2001:db8:7:8:ffff:ffff:ffff:ffff')
    expect([sameNetwork.statusCode, sameNetwork.json().error]).toEqual([429, 'rate_limited'])
    const nextNetwork = await post('', '2001:db8:7:9::1')
    expect([nextNetwork.statusCode, nextNetwork.json().updated]).toEqual([200, 0])
  })
})
