import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { testDatabase } from '../support/databases'

const POLICY =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob: https:;connect-src 'self';font-src 'self' data:;object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'"

/** What a browser is told on every answer: no framing, no foreign scripts, no Referer leaving the app. */
describe('security headers', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'recall-web-'))
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>')
    app = await authorizedApp({ database: await testDatabase('pglite'), webRoot })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it.each([
    ['the web app', '/', 200],
    ['an API answer', '/api/health', 200],
    ['a refusal', '/api/journeys', 401],
    ['a short link that does not exist', '/l/ZZZZZZZ', 404],
  ])('%s carries them', async (_, url, status) => {
    const answer = await app.inject({ method: 'GET', url, headers: { anonymous: 'true' } })
    expect(answer.statusCode).toBe(status)
    expect(answer.headers['content-security-policy']).toBe(POLICY)
    expect(answer.headers['x-frame-options']).toBe('DENY')
    expect(answer.headers['referrer-policy']).toBe('no-referrer')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['strict-transport-security']).toBeUndefined()
  })
})
