import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'

/** One id, as a keyboard composes it (é is U+00E9) and as another system exports it (e + U+0301). */
const [composed, decomposed] = ['Zo\u00E9-1', 'Zoe\u0301-1']

describe.each(DATABASE_KINDS)('an external id sent composed or decomposed on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const stored = async () => await app.database.db.select({ externalId: contacts.externalId, n: count() }).from(contacts).groupBy(contacts.externalId)
  const path = (id: string) => `/api/contacts/${encodeURIComponent(id)}`

  it('is one contact, stored composed, whichever entry point it comes in by', async () => {
    const csv = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: `id,phone\n${decomposed},13812345801\n` })
    expect([csv.statusCode, csv.json().inserted]).toEqual([200, 1])
    expect(await stored()).toEqual([{ externalId: composed, n: 1 }])
    const json = await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: composed, consent: true }] })
    expect([json.statusCode, json.json().inserted, json.json().updated]).toEqual([200, 0, 1])
    const job = await importedJob(app, JSON.stringify({ 编号: decomposed, phone: '13812345802' }), 'application/x-ndjson')
    // The row leaves consent out: the contact keeps the consent the JSON import gave it.
    expect([job.status, job.result]).toEqual(['done', { inserted: 0, updated: 1, consentGiven: 1, consentNotGiven: 0 }])
    const events = await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: decomposed, name: 'cart_added' }] })
    expect([events.statusCode, events.json().accepted, events.json().created]).toEqual([200, 1, 0])
    const identify = await app.inject({ method: 'POST', url: '/api/v1/identify', payload: { userId: decomposed, traits: { tier: 'gold' } } })
    expect(identify.statusCode).toBe(200)
    const found = await app.inject({ method: 'GET', url: path(decomposed) })
    expect([found.statusCode, found.json().contact.externalId, found.json().contact.phone, found.json().contact.attributes]).toEqual([
      200,
      composed,
      '+8613812345802',
      { tier: 'gold' },
    ])
    expect(await stored()).toEqual([{ externalId: composed, n: 1 }])
    expect((await app.inject({ method: 'DELETE', url: path(decomposed) })).statusCode).toBe(204)
    expect(await stored()).toEqual([])
  })
})
