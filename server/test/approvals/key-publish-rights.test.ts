import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { changeUser, live, makeKey, type Session, signIn, withSecondText } from './fixture'

/**
 * A key publishes with no more than its maker may now, "can publish" included: an admin's keys, once
 * the admin is an editor without it, get the answer the editor's own session gets.
 */
describe.each(DATABASE_KINDS)('publishing with a key whose maker may not publish alone, on %s', (kind) => {
  let app: FastifyInstance
  let eve: Session // an admin who made keys, then became an editor without "can publish"
  let writeKey: Session
  let adminKey: Session
  const call = (caller: Session, method: 'POST' | 'PUT', url: string, payload: object, language = 'en') =>
    app.inject({ method, url: `/api/journeys/lapsed${url}`, headers: { ...caller.headers, 'accept-language': language }, payload })
  const publish = (caller: Session, language = 'en') => call(caller, 'POST', '/publish', { note: 'new copy' }, language)

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => Date.parse('2026-11-24T10:15:00+08:00') })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: live })
    expect((await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', payload: { note: 'first' } })).statusCode).toBe(200)
    eve = await signIn(app, 'Eve', 'admin')
    writeKey = (await makeKey(app, eve, 'Eve CI', ['journeys:read', 'journeys:write'])).caller
    adminKey = (await makeKey(app, eve, 'Eve ops')).caller
    await changeUser(app, 'Eve', { role: 'editor', canPublish: false })
    await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', payload: withSecondText('九折券今晚到期') })
  }, 300_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses her keys as her session is refused: 403 approval_required naming "can publish", in English and Chinese', async () => {
    const answer = async (caller: Session, language: string) => {
      const response = await publish(caller, language)
      return [response.statusCode, response.json()]
    }
    for (const language of ['en', 'zh-CN']) {
      const session = await answer(eve, language)
      expect(session[0]).toBe(403)
      expect(session[1]).toMatchObject({ error: 'approval_required', problems: [{ path: '/user/canPublish' }] })
      expect([language, await answer(writeKey, language)]).toEqual([language, session])
      expect([language, await answer(adminKey, language)]).toEqual([language, session])
    }
    expect((await publish(writeKey, 'zh-CN')).json().problems[0].text).toBe('你的账号没有"可直接发布"权限,需要审批')
    // Nor by scheduling it: it would be refused when due all the same.
    const scheduled = await call(writeKey, 'PUT', '/schedule', { localTime: '2026-12-05T09:00', timeZone: 'Asia/Shanghai' })
    expect([scheduled.statusCode, scheduled.json().error]).toEqual([403, 'approval_required'])
    expect((await app.inject({ method: 'GET', url: '/api/journeys/lapsed/versions' })).json().versions).toHaveLength(1)
  })

  it('lets the same keys publish once she may publish alone again', async () => {
    await changeUser(app, 'Eve', { canPublish: true })
    const published = await publish(writeKey)
    expect([published.statusCode, published.json().version]).toEqual([200, 2])
    expect((await publish(adminKey)).json().version).toBe(3)
  })
})
