import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { scriptedProvider } from '../support/scripted-provider'

const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'America/Adak', 'Pacific/Honolulu']
const US_HELD = {
  en: 'held: outside 08:00–21:00 in every time zone of the United States (America/New_York … Pacific/Honolulu), resumes 2026-07-02 08:00 Pacific/Honolulu',
  zh: '暂缓:不在美国所有时区(America/New_York … Pacific/Honolulu)的 08:00–21:00 发送时段内,将于 7月2日 08:00(Pacific/Honolulu)发送',
}

/** A marketing journey entered by API: one SMS, then out. */
const journey = {
  schemaVersion: 1,
  id: 'promo',
  name: 'promo',
  description: '',
  settings: { category: 'marketing', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    { id: 'sms', type: 'send_sms', position: { x: 300, y: 0 }, data: { text: '夏季新品上市,全场8折', category: 'marketing' } },
    { id: 'done', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
}

describe.each(DATABASE_KINDS)('a +1 contact imported without a time zone, checked again at sending on %s', (kind) => {
  let app: FastifyInstance
  // 20:30 in New York, 14:30 in Honolulu, 08:30 the next morning in Shanghai (the workspace's zone).
  let now = Date.parse('2026-07-01T20:30:00-04:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })).statusCode).toBe(201)
    expect((await app.inject({ method: 'POST', url: '/api/journeys/promo/publish', payload: {} })).statusCode).toBe(200)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })
  const rowsOf = (externalId: string) =>
    app.database.db
      .select({ status: messages.status, sentAt: messages.sentAt, nextAttemptAt: messages.nextAttemptAt, sendWindow: messages.sendWindow, enrollmentId: messages.enrollmentId })
      .from(messages)
      .innerJoin(contacts, eq(contacts.id, messages.contactId))
      .where(eq(contacts.externalId, externalId))
      .orderBy(asc(messages.id))
  const timelineOf = (enrollmentId: string) => readTimeline(app.database.db, [enrollmentId]).then((lines) => lines.map(({ kind, message }) => ({ kind, message })))

  it('holds a marketing text queued at 20:30 New York and retried at 02:00 (14:00 in Shanghai) until every US zone is open, and sends it then', async () => {
    now = Date.parse('2026-07-01T20:30:00-04:00')
    const imported = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { 'content-type': 'text/csv' },
      payload: 'id,phone,consent,name\nUS-1,+1 212 555 0100,yes,Ms Smith\n',
    })
    expect(imported.statusCode).toBe(200)
    const detail = (await app.inject({ method: 'GET', url: '/api/contacts/US-1' })).json()
    expect(detail.contact.timeZone).toBeNull()
    expect(detail.sendZones).toEqual({ timeZone: 'America/New_York', zones: US_ZONES, source: 'phone', country: 'US' })
    // The list says the same for each row, so a contact without a zone is not shown as having none.
    const listed = (await app.inject({ method: 'GET', url: '/api/contacts?search=US-1' })).json()
    expect(listed.contacts.map((row: { externalId: string; sendZones: unknown }) => [row.externalId, row.sendZones])).toEqual([
      ['US-1', { timeZone: 'America/New_York', zones: US_ZONES, source: 'phone', country: 'US' }],
    ])

    expect((await app.inject({ method: 'POST', url: '/api/journeys/promo/enroll', payload: { contactIds: ['US-1'] } })).json()).toEqual({ accepted: 1, entered: 1 })
    while ((await app.runner.processDue()) > 0) {}
    const [queued] = await rowsOf('US-1')
    // Queued with every US zone, for the check at sending.
    expect(queued).toMatchObject({ status: 'queued', sendWindow: { timeZone: 'America/New_York', timeZones: US_ZONES, country: 'US' } })

    // The provider is down at 20:30; the retry comes at 02:00 New York, 14:00 in Shanghai.
    const { provider, calls } = scriptedProvider('down')
    const dispatcher = outboxDispatcher(app.database.db, provider, () => now)
    expect(await dispatcher.dispatch()).toBe(1)
    now = Date.parse('2026-07-02T02:00:00-04:00')
    expect(await dispatcher.dispatch()).toBe(1)
    expect(calls).toHaveLength(1)
    expect((await rowsOf('US-1')).map(({ status, sentAt, nextAttemptAt }) => ({ status, sentAt, nextAttemptAt }))).toEqual([
      { status: 'queued', sentAt: null, nextAttemptAt: new Date('2026-07-02T08:00:00-10:00') },
    ])
    expect(await timelineOf(queued?.enrollmentId as string)).toContainEqual({ kind: 'held', message: US_HELD })

    // 14:00 New York, 08:00 Honolulu: open in every US zone.
    now = Date.parse('2026-07-02T07:59:00-10:00')
    expect(await dispatcher.dispatch()).toBe(0)
    now = Date.parse('2026-07-02T08:00:00-10:00')
    expect(await dispatcher.dispatch()).toBe(1)
    expect(calls).toHaveLength(2)
    expect((await rowsOf('US-1'))[0]).toMatchObject({ status: 'sent', sentAt: new Date(now) })
  })

  it('holds a row queued before rows carried zones (judged then in Asia/Shanghai, the default) by the number too', async () => {
    now = Date.parse('2026-07-02T02:00:00-04:00')
    expect((await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'US-2', phone: '+12125550111', consent: true }] })).statusCode).toBe(200)
    const [contact] = await app.database.db.select({ id: contacts.id, timeZone: contacts.timeZone }).from(contacts).where(eq(contacts.externalId, 'US-2'))
    expect(contact?.timeZone).toBeNull()
    const [promo] = await app.database.db.select({ id: enrollments.id, version: enrollments.version, journeyId: enrollments.journeyId }).from(enrollments).limit(1)
    await app.database.db.insert(enrollments).values({
      id: 'e-old',
      journeyId: promo?.journeyId as string,
      version: promo?.version as number,
      contactId: contact?.id as string,
      status: 'active',
      nodeId: 'sms',
      state: {} as never,
      enteredAt: new Date(now - 3_600_000),
    })
    await app.database.db.insert(messages).values({
      idempotencyKey: 'old-row',
      enrollmentId: 'e-old',
      journeyId: promo?.journeyId as string,
      contactId: contact?.id as string,
      nodeId: 'sms',
      channel: 'sms',
      category: 'marketing',
      phone: '+12125550111',
      text: '【乐享】夏季新品上市,全场8折 回T退订',
      parts: 1,
      createdAt: new Date(now - 60_000),
      // What the previous release queued for a contact without a zone: the workspace's zone alone.
      sendWindow: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) },
    })
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(app.database.db, provider, () => now).dispatch()).toBe(1)
    expect(calls).toEqual([])
    expect((await rowsOf('US-2')).map(({ status, nextAttemptAt }) => ({ status, nextAttemptAt }))).toEqual([
      { status: 'queued', nextAttemptAt: new Date('2026-07-02T08:00:00-10:00') },
    ])
    expect(await timelineOf('e-old')).toContainEqual({ kind: 'held', message: US_HELD })
  })
})
