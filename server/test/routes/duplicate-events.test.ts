import { asc } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, events } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

describe.each(DATABASE_KINDS)('a retried event for a contact never seen, on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })
  const known = async () => (await app.database.db.select({ externalId: contacts.externalId }).from(contacts).orderBy(asc(contacts.externalId))).map((row) => row.externalId)

  it('is acknowledged as a duplicate and leaves no contact behind', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'M-1', name: 'app_open', id: 'dup-1' }] })
    expect(first.json()).toMatchObject({ accepted: 1, duplicates: 0, created: 1 })
    // The same event id again, now naming another contact (a sender's bug): nothing of it is kept.
    const again = await app.inject({
      method: 'POST',
      url: '/api/events',
      payload: [
        { contactId: 'M-3x', name: 'app_open', id: 'dup-1' },
        { contactId: 'M-4', name: 'app_open', id: 'new-1' },
        { contactId: 'M-5', name: 'app_open', id: 'new-1' },
      ],
    })
    expect(again.json()).toMatchObject({
      accepted: 1,
      duplicates: 2,
      created: 1,
      events: [
        { index: 0, status: 'duplicate' },
        { index: 1, status: 'accepted' },
        { index: 2, status: 'duplicate' },
      ],
    })
    expect(await known()).toEqual(['M-1', 'M-4'])
    expect(await app.database.db.select({ name: events.name }).from(events)).toHaveLength(2)
  })
})
