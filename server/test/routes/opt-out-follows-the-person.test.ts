import { asc, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import type { SmsProvider } from '../../src/providers/types'
import { receiveReply } from '../../src/replies/replies'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { importedJob } from '../support/import-jobs'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

/** A journey that sends one SMS of its category when the event comes. */
const journey = (id: string, category: 'recall' | 'transactional', event: string, text: string) => ({
  schemaVersion: 1,
  id,
  name: id,
  description: '',
  settings: { category, brand: '乐享', entry: { reentry: 'after_exit' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event } },
    { id: 'sms', type: 'send_sms', position: { x: 300, y: 0 }, data: { text, category } },
    { id: 'done', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
})

/** Ways a contact's phone changes, each through its own path into the contacts table. */
const PHONE_CHANGES: [string, (app: FastifyInstance, id: string, phone: string) => Promise<void>][] = [
  [
    'a CSV import job',
    async (app, id, phone) => {
      expect((await importedJob(app, `id,phone,consent\n${id},${phone},yes\n`, 'text/csv')).status).toBe('done')
    },
  ],
  [
    'an NDJSON import job',
    async (app, id, phone) => {
      expect((await importedJob(app, `${JSON.stringify({ id, phone, consent: true })}\n`, 'application/x-ndjson')).status).toBe('done')
    },
  ],
  [
    'the contacts API (JSON upsert)',
    async (app, id, phone) => {
      expect((await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone, consent: true }] })).statusCode).toBe(200)
    },
  ],
  [
    'an identify call',
    async (app, id, phone) => {
      expect((await app.inject({ method: 'POST', url: '/api/v1/identify', payload: { userId: id, traits: { phone } } })).statusCode).toBe(200)
    },
  ],
]

describe.each(DATABASE_KINDS)('an opt-out follows the person when their phone changes, on %s', (kind) => {
  let app: FastifyInstance
  const handedOver: { phone: string; category: string }[] = []
  const provider: SmsProvider = {
    name: 'sandbox',
    resend: 'none',
    async send(message) {
      handedOver.push({ phone: message.phone, category: message.category })
      return { providerId: `P-${message.idempotencyKey}` }
    },
  }
  const dispatch = () => outboxDispatcher(app.database.db, provider, () => NOW).dispatch()
  const reply = (phone: string, text: string, at: number) => receiveReply(app.database.db, { provider: 'sandbox', providerMessageId: `${phone}-${text}-${at}`, phone, text, at })
  const events = (contactId: string, ...names: string[]) => app.inject({ method: 'POST', url: '/api/events', payload: names.map((name) => ({ contactId, name })) })
  /** The contact's messages and how its enrollments ended, as the contact page shows them. */
  async function outcome(externalId: string) {
    const [contact] = await app.database.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.externalId, externalId))
    const sent = await app.database.db
      .select({ journeyId: messages.journeyId, category: messages.category, phone: messages.phone, status: messages.status })
      .from(messages)
      .where(eq(messages.contactId, contact?.id ?? ''))
      .orderBy(asc(messages.id))
    const journeys = await app.database.db
      .select({ journeyId: enrollments.journeyId, status: enrollments.status, exitCode: sql<string | null>`${enrollments.state} -> 'exit' ->> 'code'` })
      .from(enrollments)
      .where(eq(enrollments.contactId, contact?.id ?? ''))
      .orderBy(asc(enrollments.enteredAt), asc(enrollments.journeyId))
    return { sent, journeys }
  }

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => NOW })
    for (const document of [journey('win-back', 'recall', 'visit', '好久不见,送您一张九折券 回T退订'), journey('shipped', 'transactional', 'order_shipped', '您的订单已发货')]) {
      expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: document })).statusCode).toBe(201)
      expect((await app.inject({ method: 'POST', url: `/api/journeys/${document.id}/publish`, payload: {} })).statusCode).toBe(200)
    }
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it.each(PHONE_CHANGES.map(([path, change], index) => [path, change, index] as const))(
    'a contact who replied STOP and whose phone changes through %s gets no recall at the new number; the order notice still goes',
    async (_path, change, index) => {
      const id = `MOVED-${index}`
      const [before, after] = [`+861391110${index}001`, `+861391110${index}002`]
      await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone: before, consent: true }] })
      expect(await reply(before, 'TD', NOW - 60 * MINUTE)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
      await change(app, id, after)
      handedOver.length = 0
      expect((await events(id, 'visit', 'order_shipped')).statusCode).toBe(200)
      await dispatch()
      expect(handedOver).toEqual([{ phone: after, category: 'transactional' }])
      expect(await outcome(id)).toEqual({
        sent: [{ journeyId: 'shipped', category: 'transactional', phone: after, status: 'sent' }],
        journeys: [
          { journeyId: 'shipped', status: 'exited', exitCode: 'exit_node' },
          { journeyId: 'win-back', status: 'exited', exitCode: 'suppressed' },
        ],
      })
      const detail = (await app.inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
      expect([detail.phone, detail.suppressed, detail.optedOutAt, detail.optOutSource]).toEqual([after, true, new Date(NOW - 60 * MINUTE).toISOString(), 'reply'])
      const listed = (await app.inject({ method: 'GET', url: `/api/contacts?search=${id}` })).json().contacts
      expect(listed.map((row: { externalId: string; suppressed: boolean }) => [row.externalId, row.suppressed])).toEqual([[id, true]])
    },
  )

  it('a contact imported as opted out (黑名单) stays opted out at its new number', async () => {
    await importedJob(app, 'id,phone,consent,黑名单\nDNC-1,+8613911120001,yes,是\n', 'text/csv')
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'DNC-1', phone: '+8613911120002', consent: true }] })
    handedOver.length = 0
    await events('DNC-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([])
    const detail = (await app.inject({ method: 'GET', url: '/api/contacts/DNC-1' })).json().contact
    expect([detail.suppressed, detail.optOutSource]).toEqual([true, 'import'])
  })

  it("only the person's own START from the number they have now lifts the opt-out they took with them", async () => {
    const [old, current] = ['+8613911130001', '+8613911130002']
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'BACK-1', phone: old, consent: true }] })
    await reply(old, 'STOP', NOW - 90 * MINUTE)
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'BACK-1', phone: current, consent: true }] })
    // A START from the number left behind lifts that number's entry, not the person's opt-out.
    await reply(old, 'START', NOW - 60 * MINUTE)
    handedOver.length = 0
    await events('BACK-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([])
    // A START from before the opt-out (delayed) changes nothing; one sent after it, from the number they have, opts them back in.
    await reply(current, 'START', NOW - 100 * MINUTE)
    await events('BACK-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([])
    await reply(current, 'START', NOW - 30 * MINUTE)
    await events('BACK-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([{ phone: current, category: 'recall' }])
    const detail = (await app.inject({ method: 'GET', url: '/api/contacts/BACK-1' })).json().contact
    expect([detail.suppressed, detail.optedOutAt, detail.optOutSource]).toEqual([false, null, null])
  })

  it('a contact whose number is not opted out keeps no opt-out when it changes', async () => {
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'CLEAN-1', phone: '+8613911140001', consent: true }] })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'CLEAN-1', phone: '+8613911140002', consent: true }] })
    handedOver.length = 0
    await events('CLEAN-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([{ phone: '+8613911140002', category: 'recall' }])
  })
})
