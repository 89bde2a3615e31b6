import { createHash, randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiKeys } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const REISSUE = {
  en: 'This API key was made before Recall recorded who made each key, so it cannot act for anyone: ask an admin to issue a new key (Settings → API keys) and revoke this one',
  zh: '此 API 密钥创建于 Recall 记录密钥创建者之前,无法代表任何人操作:请让管理员签发新密钥(设置 → API 密钥)并吊销此密钥',
}

/**
 * Keys made with another key before keys recorded their maker have no maker: nobody's rights bound
 * them, so they are refused (saying an admin must issue a new one) instead of acting unchecked.
 */
describe.each(DATABASE_KINDS)('API keys without a maker on %s', (kind) => {
  let app: FastifyInstance
  const secret = `rk_${'o'.repeat(40)}`
  const id = randomUUID()
  const call = (authorization: string, language = 'en') => app.inject({ method: 'GET', url: '/api/journeys', headers: { authorization, 'accept-language': language } })
  const listed = async (keyId: string) => (await app.inject({ method: 'GET', url: '/api/api-keys' })).json().apiKeys.find((key: { id: string }) => key.id === keyId)

  beforeAll(async () => {
    app = await testApp(kind)
    // As such a key was stored: an admin key whose created_by is empty.
    const keyHash = createHash('sha256').update(secret).digest('hex')
    await app.database.db.insert(apiKeys).values({ id, name: 'made with a key', prefix: secret.slice(0, 10), keyHash, scopes: ['admin'], createdBy: null })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses it, as a bearer or a basic-auth user name, with 401 api_key_needs_reissue in English and Chinese', async () => {
    const basic = `Basic ${Buffer.from(`${secret}:`).toString('base64')}`
    expect([(await call(`Bearer ${secret}`)).statusCode, (await call(`Bearer ${secret}`)).json()]).toEqual([
      401,
      { error: 'api_key_needs_reissue', message: REISSUE.en, problems: [] },
    ])
    expect((await call(basic, 'zh-CN')).json()).toEqual({ error: 'api_key_needs_reissue', message: REISSUE.zh, problems: [] })
    // Not even to make itself a successor that would have a maker.
    const made = await app.inject({ method: 'POST', url: '/api/api-keys', headers: { authorization: `Bearer ${secret}` }, payload: { name: 'heir', scopes: ['admin'] } })
    expect([made.statusCode, made.json().error]).toEqual([401, 'api_key_needs_reissue'])
  })

  it('lists it as needing a new key and able to do nothing; a key made in the app is not marked', async () => {
    expect(await listed(id)).toMatchObject({ scopes: ['admin'], effectiveScopes: [], needsReissue: true, lastUsedAt: null })
    const made = (await app.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'successor', scopes: ['journeys:read'] } })).json().apiKey
    expect(await listed(made.id)).toMatchObject({ createdBy: expect.any(String), effectiveScopes: ['journeys:read'], needsReissue: false })
    expect((await call(`Bearer ${made.secret}`)).statusCode).toBe(200)
  })

  it('is gone for good once revoked: then the plain 401 of any revoked key', async () => {
    expect((await app.inject({ method: 'DELETE', url: `/api/api-keys/${id}` })).statusCode).toBe(204)
    const refused = await call(`Bearer ${secret}`)
    expect([refused.statusCode, refused.json().error]).toEqual([401, 'unauthenticated'])
    expect(await listed(id)).toMatchObject({ revokedAt: expect.any(String), needsReissue: true })
  })
})
