import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { testDatabase } from '../support/databases'

const CONTACT_ID = 'C-SECRET-7'
const PHONE_DIGITS = '13812345678'

describe('the log of a failing request', () => {
  let app: FastifyInstance
  const lines: string[] = []
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase('pglite'), logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('names the route and the error but no phone number, contact id, property or credential', async () => {
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: CONTACT_ID, phone: PHONE_DIGITS, consent: true, attributes: { name: '王女士' } }] })
    await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: CONTACT_ID, name: 'cart_added', properties: { phone: PHONE_DIGITS } }] })
    // The database loses its contacts table: every query on it fails, with the values it was given.
    await app.database.db.execute(sql`alter table contacts rename to contacts_gone`)
    const failed = [
      await app.inject({ method: 'GET', url: `/api/contacts/${CONTACT_ID}?search=${PHONE_DIGITS}` }),
      await app.inject({ method: 'GET', url: `/api/contacts/?search=${PHONE_DIGITS}&after=${CONTACT_ID}` }),
      await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: CONTACT_ID, phone: PHONE_DIGITS, consent: true }] }),
    ]
    expect(failed.map((answer) => answer.statusCode)).toEqual([500, 500, 500])
    const log = lines.join('')
    const entries = lines.map((line) => JSON.parse(line))
    const routeOf = new Map(entries.filter((entry) => entry.req).map((entry) => [entry.reqId, entry.req.url]))
    expect(entries.filter((entry) => entry.level === 50).map((entry) => [routeOf.get(entry.reqId), entry.err.message.endsWith('params: [redacted]')])).toEqual([
      ['/api/contacts/:externalId', true],
      ['/api/contacts', true],
      ['/api/contacts/import', true],
    ])
    for (const secret of [CONTACT_ID, PHONE_DIGITS, '王女士', 'Bearer ']) expect(log).not.toContain(secret)
  })
})
