import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollments } from '../../src/db/schema/index'
import { readTimeline } from '../../src/repositories/timeline'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { lapsedJourney } from '../support/lapsed-journey'

describe.each(DATABASE_KINDS)('archiving a journey with contacts in it, on %s', (kind) => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: lapsedJourney({ id: 'pause', amount: 3, unit: 'days' }) })
    await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: ['A-1', 'A-2'].map((id, index) => ({ id, phone: `1381234560${index}`, consent: true })) })
    await app.inject({ method: 'POST', url: '/api/events', payload: ['A-1', 'A-2'].map((contactId) => ({ contactId, name: 'visit' })) })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('takes every contact out with the reason on their timelines, and the live counts follow', async () => {
    expect(await app.runner.nodeCounts('lapsed')).toEqual({ pause: 2 })
    expect((await app.inject({ method: 'POST', url: '/api/journeys/lapsed/archive' })).json().journey.status).toBe('archived')
    const rows = await app.database.db
      .select({ status: enrollments.status, exitReason: enrollments.exitReason, exitedAt: enrollments.exitedAt })
      .from(enrollments)
      .where(eq(enrollments.journeyId, 'lapsed'))
    expect(rows).toEqual([
      { status: 'exited', exitReason: 'archived', exitedAt: new Date(now) },
      { status: 'exited', exitReason: 'archived', exitedAt: new Date(now) },
    ])
    const exits = (await readTimeline(app.database.db)).filter((line) => line.kind === 'exited').map(({ nodeId, message, detail }) => ({ nodeId, message, detail }))
    expect(exits).toEqual([
      { nodeId: 'pause', message: { en: 'exited: the journey was archived', zh: '已退出:旅程已归档' }, detail: 'archived' },
      { nodeId: 'pause', message: { en: 'exited: the journey was archived', zh: '已退出:旅程已归档' }, detail: 'archived' },
    ])
    expect(await app.runner.nodeCounts('lapsed')).toEqual({})
  })
})
