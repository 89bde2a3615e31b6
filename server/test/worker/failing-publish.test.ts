import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts } from '../../src/db/schema/index'
import type { IsolatedFailure } from '../../src/worker/isolation'
import { scheduledPublisher } from '../../src/worker/scheduled-publish'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

describe.each(DATABASE_KINDS)('a scheduled publish whose check throws, on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-12-04T12:00:00Z')
  const clock = () => now
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'P-1', phone: '13900000001', consent: true, timeZone: 'Asia/Shanghai' }] })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('is recorded as failed on our side, shown until cancelled, and not tried on every round', async () => {
    await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/schedule', payload: { localTime: '2026-12-05T09:00', timeZone: 'Asia/Shanghai' } })
    // A zone this runtime does not know (stored by another version): judging the audience's send windows throws.
    await app.database.db.update(contacts).set({ timeZone: 'Mars/Olympus' }).where(eq(contacts.externalId, 'P-1'))
    now = Date.parse('2026-12-05T01:00:00Z')
    const reports: IsolatedFailure[] = []
    const publisher = scheduledPublisher(app.database.db, clock, (failure) => void reports.push(failure))
    expect(await publisher.publishDue()).toBe(1)
    expect(reports.map(({ kind, ids, failures, outcome }) => ({ kind, ids, failures, outcome }))).toEqual([
      { kind: 'scheduled_publish', ids: { journeyId: 'abandoned-cart' }, failures: 1, outcome: 'failed' },
    ])
    const journey = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json()
    expect([journey.journey.liveVersion, journey.schedule.failure]).toEqual([
      null,
      {
        failedAt: '2026-12-05T01:00:00.000Z',
        message: {
          en: 'The scheduled publish failed on our side (the server log has the details); publish by hand or schedule it again',
          zh: '定时发布在服务器端出错(详情见服务器日志);请手动发布或重新安排',
        },
        problems: [],
      },
    ])
    now = Date.parse('2026-12-05T02:00:00Z')
    expect(await publisher.publishDue()).toBe(0)
    expect(reports).toHaveLength(1)
  })
})
