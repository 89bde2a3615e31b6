import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const SQL = "x'); DROP TABLE contacts; --"
const SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')

describe.each(DATABASE_KINDS)('hostile input on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind) })
  }, 30_000)
  afterAll(async () => {
    await app?.close()
  })

  it('stores SQL and script in ids, names, attributes and templates as plain text', async () => {
    const imported = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [{ id: SQL, phone: '13812345678', consent: true, attributes: { name: SCRIPT, [SQL.slice(0, 20)]: SQL } }],
    })
    expect(imported.json()).toMatchObject({ inserted: 1, updated: 0 })
    const contact = (await app.inject({ method: 'GET', url: `/api/contacts/${encodeURIComponent(SQL)}` })).json().contact
    expect(contact.externalId).toBe(SQL)
    expect(contact.attributes).toEqual({ name: SCRIPT, [SQL.slice(0, 20)]: SQL })
    const journey = {
      ...cart,
      name: SCRIPT,
      nodes: cart?.nodes.map((node) => (node.id === 'cart-reminder' ? { ...node, data: { ...node.data, text: `${SCRIPT} {{name|亲}} {{link}}` } } : node)),
    }
    const created = await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    expect(created.statusCode).toBe(201)
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json().journey.name).toBe(SCRIPT)
    // The table is still there and still answers.
    expect((await app.inject({ method: 'GET', url: `/api/contacts/${encodeURIComponent(SQL)}` })).statusCode).toBe(200)
    const segment = await app.inject({
      method: 'PUT',
      url: '/api/segments/evil',
      payload: { id: 'evil', name: SQL, condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'name', operator: 'eq', value: SCRIPT }] } },
    })
    expect(segment.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/segments/evil/count' })).json()).toEqual({ members: 1 })
  })

  it('answers JSON, never HTML, so a name is never markup', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/journeys' })
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(answer.json().journeys[0].name).toBe(SCRIPT)
  })

  it('refuses oversized bodies with 413 and the limit in the message', async () => {
    const media = await app.inject({ method: 'POST', url: '/api/media', headers: { 'content-type': 'image/png' }, payload: Buffer.alloc(5 * 1024 * 1024 + 1) })
    expect([media.statusCode, media.json().error]).toEqual([413, 'FST_ERR_CTP_BODY_TOO_LARGE'])
    const webhook = await app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/sandbox/inbound',
      headers: { anonymous: 'yes', 'content-type': 'application/json' },
      payload: 'x'.repeat(1024 * 1024 + 1),
    })
    expect(webhook.statusCode).toBe(413)
    const events = await app.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': 'application/json' }, payload: 'x'.repeat(64 * 1024 * 1024 + 1) })
    expect(events.statusCode).toBe(413)
  })
})
