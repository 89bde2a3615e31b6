import { JOURNEY_TEMPLATES } from '@recall/shared'
import { asc, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, eventReceipts, events } from '../../src/db/schema/index'
import { accessRepository } from '../../src/repositories/access'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { keyMaker } from '../support/keys'

const MINUTE = 60_000

describe.each(DATABASE_KINDS)('identify, track and batch (Segment spec) on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  let basic: string
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    const { secret } = await accessRepository(app.database.db).createApiKey('segment', ['events:write'], await keyMaker(app.database.db))
    // What a Segment HTTP destination sends: the key as the user name, no password.
    basic = `Basic ${Buffer.from(`${secret}:`).toString('base64')}`
  })
  afterAll(async () => {
    await app?.close()
  })

  const contactRows = () =>
    app.database.db
      .select({ externalId: contacts.externalId, phone: contacts.phone, timeZone: contacts.timeZone, consent: contacts.consent, attributes: contacts.attributes })
      .from(contacts)
      .orderBy(asc(contacts.externalId))
  const eventRows = () =>
    app.database.db
      .select({ contactId: contacts.externalId, name: events.name, messageId: events.messageId, occurredAt: events.occurredAt })
      .from(events)
      .innerJoin(contacts, eq(contacts.id, events.contactId))
      .orderBy(asc(contacts.externalId), asc(events.id))

  const batch = [
    {
      type: 'track',
      userId: 'U-1',
      event: 'Order Completed',
      properties: { total: 99 },
      messageId: 'm-1',
      timestamp: '2026-11-24T01:30:00.000Z',
      context: { library: { name: 'analytics-node' } },
    },
    { type: 'track', userId: 'U-2', event: 'app_open', messageId: 'm-2' },
    { type: 'track', userId: 'U-3', event: 'app_open', messageId: 'm-3' },
    { type: 'track', userId: 'U-4', messageId: 'm-4' },
  ]

  it('creates bare contacts for unknown users and refuses a malformed event by its index and field', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/batch', headers: { authorization: basic }, payload: { batch, sentAt: '2026-11-24T02:00:00.000Z' } })
    expect(response.statusCode).toBe(200)
    // A Segment key writes but does not read contacts: its answer does not say which users were new (the rows below do).
    expect(response.json()).toEqual({
      accepted: 3,
      duplicates: 0,
      refused: 1,
      events: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'accepted' },
        { index: 2, status: 'accepted' },
        {
          index: 3,
          status: 'refused',
          problems: [expect.objectContaining({ code: 'schema.required', path: '/batch/3/event', text: 'Event is required' })],
        },
      ],
    })
    expect(await contactRows()).toEqual([
      { externalId: 'U-1', phone: null, timeZone: null, consent: false, attributes: {} },
      { externalId: 'U-2', phone: null, timeZone: null, consent: false, attributes: {} },
      { externalId: 'U-3', phone: null, timeZone: null, consent: false, attributes: {} },
    ])
    expect(await eventRows()).toEqual([
      // A phrase from a CDP becomes the identifier journeys use; the event keeps its own time.
      { contactId: 'U-1', name: 'order_completed', messageId: 'm-1', occurredAt: new Date('2026-11-24T01:30:00.000Z') },
      { contactId: 'U-2', name: 'app_open', messageId: 'm-2', occurredAt: new Date(now) },
      { contactId: 'U-3', name: 'app_open', messageId: 'm-3', occurredAt: new Date(now) },
    ])
  })

  it('acknowledges a retried batch and stores nothing new', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/batch', headers: { authorization: basic }, payload: { batch } })
    expect(response.json()).toMatchObject({ accepted: 0, duplicates: 3, refused: 1 })
    expect(response.json().events.map((outcome: { status: string }) => outcome.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'refused'])
    expect(await contactRows()).toHaveLength(3)
    expect(await eventRows()).toHaveLength(3)
  })

  it('forgets message ids after the 7-day window', async () => {
    await app.database.db.update(eventReceipts).set({ receivedAt: sql`now() - interval '7 days 1 minute'` }).where(eq(eventReceipts.messageId, 'm-2'))
    const response = await app.inject({ method: 'POST', url: '/api/v1/batch', headers: { authorization: basic }, payload: { batch: batch.slice(1, 3) } })
    expect(response.json()).toMatchObject({
      accepted: 1,
      duplicates: 1,
      events: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'duplicate' },
      ],
    })
    expect((await eventRows()).filter((row) => row.messageId === 'm-2')).toHaveLength(2)
  })

  it('identifies: traits become attributes (merged), phone, time zone and consent are checked and set', async () => {
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/identify',
      headers: { authorization: basic },
      // Zones in any case are stored by their IANA name, as timelines show them.
      payload: { userId: 'U-1', traits: { name: '张女士', phone: '13812345678', timezone: 'ASIA/SHANGHAI', sms_consent: 'yes', tier: 'gold' }, messageId: 'i-1' },
    })
    expect(first.json()).toEqual({ accepted: 1, duplicates: 0, refused: 0, events: [{ index: 0, status: 'accepted' }] })
    await app.inject({ method: 'POST', url: '/api/v1/identify', headers: { authorization: basic }, payload: { userId: 'U-1', traits: { tier: 'platinum' } } })
    const fresh = await app.inject({ method: 'POST', url: '/api/v1/identify', payload: { userId: 'U-9', traits: { name: '王先生' }, context: { timezone: 'asia/hong_kong' } } })
    expect(fresh.json()).toMatchObject({ accepted: 1, created: 1 })
    const rows = await contactRows()
    expect(rows.find((row) => row.externalId === 'U-1')).toEqual({
      externalId: 'U-1',
      phone: '+8613812345678',
      timeZone: 'Asia/Shanghai',
      consent: true,
      attributes: { name: '张女士', tier: 'platinum' },
    })
    expect(rows.find((row) => row.externalId === 'U-9')).toEqual({ externalId: 'U-9', phone: null, timeZone: 'Asia/Hong_Kong', consent: false, attributes: { name: '王先生' } })
  })

  it('refuses properties and traits nested past 32 levels on track and identify, as /events does', async () => {
    const deep = (levels: number): Record<string, unknown> => (levels === 0 ? { leaf: 1 } : { b: deep(levels - 1) })
    const track = await app.inject({ method: 'POST', url: '/api/v1/track', headers: { authorization: basic }, payload: { userId: 'U-2', event: 'deep', properties: deep(40) } })
    const identify = await app.inject({ method: 'POST', url: '/api/v1/identify', headers: { authorization: basic }, payload: { userId: 'U-2', traits: deep(40) } })
    expect([track.statusCode, track.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/properties']])
    expect([identify.statusCode, identify.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/traits']])
  })

  it('refuses a user id of only spaces, naming the field, on track, identify, batch and /events', async () => {
    const blank = (path: string, field = 'userId') => ({
      code: 'event.blank_contact_id',
      severity: 'error',
      path,
      message: { en: `${field} must not be only spaces`, zh: `${field} 不能只有空格` },
    })
    const track = await app.inject({ method: 'POST', url: '/api/v1/track', payload: { userId: '   ', event: 'app_open' } })
    expect([track.statusCode, track.json().problems]).toEqual([400, [expect.objectContaining(blank('/body/userId'))]])
    const identify = await app.inject({ method: 'POST', url: '/api/v1/identify', payload: { userId: '\t', traits: {} } })
    expect([identify.statusCode, identify.json().problems]).toEqual([400, [expect.objectContaining(blank('/body/userId'))]])
    const batched = await app.inject({ method: 'POST', url: '/api/v1/batch', payload: { batch: [{ type: 'track', userId: ' ', event: 'app_open' }] } })
    expect(batched.json().events).toEqual([{ index: 0, status: 'refused', problems: [expect.objectContaining(blank('/batch/0/userId'))] }])
    const simple = await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: '  ', name: 'app_open' }] })
    expect([simple.statusCode, simple.json().problems]).toEqual([400, [expect.objectContaining(blank('/body/0/contactId', 'contactId'))]])
    expect((await contactRows()).map((row) => row.externalId.trim())).not.toContain('')
  })

  it('refuses an identify with a bad phone or consent, naming the trait, and changes nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/identify',
      headers: { authorization: basic, 'accept-language': 'zh-CN' },
      payload: { userId: 'U-2', traits: { phone: '12345', consent: 'maybe', name: 'X' } },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      error: 'event_refused',
      message: 'identify 调用被拒绝,未保存任何数据',
      problems: [
        { path: '/body/traits/phone', text: '"12345" 不是有效的手机号码(默认地区 CN)' },
        { path: '/body/traits/consent', text: 'consent 必须为是或否(true/false、yes/no、y/n、1/0 或 是/否),而不是"maybe"' },
      ],
    })
    expect((await contactRows()).find((row) => row.externalId === 'U-2')).toMatchObject({ phone: null, attributes: {} })
  })

  it('refuses a phone of a plausible length that is not a real number, naming the trait in both languages', async () => {
    const identify = (language: string) =>
      app.inject({ method: 'POST', url: '/api/v1/identify', headers: { 'accept-language': language }, payload: { userId: 'U-3', traits: { phone: '1381234009' } } })
    const english = await identify('en')
    expect([english.statusCode, english.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      400,
      [['/body/traits/phone', '"1381234009" is not a valid phone number (default region CN)']],
    ])
    expect((await identify('zh-CN')).json().problems[0].text).toBe('"1381234009" 不是有效的手机号码(默认地区 CN)')
    expect((await contactRows()).find((row) => row.externalId === 'U-3')).toMatchObject({ phone: null })
  })

  it('takes a key as Bearer too, and refuses a key without events:write', async () => {
    const { secret } = await accessRepository(app.database.db).createApiKey('reader', ['contacts:read'], await keyMaker(app.database.db))
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/track',
      headers: { authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` },
      payload: { userId: 'U-2', event: 'x' },
    })
    expect(refused.statusCode).toBe(403)
    const unknownKey = await app.inject({
      method: 'POST',
      url: '/api/v1/track',
      headers: { authorization: `Basic ${Buffer.from('rk_nope:').toString('base64')}` },
      payload: { userId: 'U-2', event: 'x' },
    })
    expect(unknownKey.statusCode).toBe(401)
    const bearer = await app.inject({ method: 'POST', url: '/api/v1/track', payload: { userId: 'U-2', event: 'app_open', id: 't-1' } })
    expect(bearer.json()).toMatchObject({ accepted: 1, created: 0 })
  })

  it('identifies and tracks a new user in one batch, in order', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/batch',
      payload: {
        batch: [
          { type: 'identify', userId: 'U-5', traits: { phone: '+8613812345600', consent: true } },
          { type: 'track', userId: 'U-5', event: 'signed_up' },
          { type: 'page', userId: 'U-5', name: 'Home' },
        ],
      },
    })
    expect(response.json()).toMatchObject({
      accepted: 2,
      refused: 1,
      created: 1,
      events: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'accepted' },
        { index: 2, status: 'refused', problems: [{ code: 'event.unsupported_type', path: '/batch/2/type' }] },
      ],
    })
    expect((await contactRows()).find((row) => row.externalId === 'U-5')).toMatchObject({ phone: '+8613812345600', consent: true })
  })

  it('refuses events for unknown users one by one when the workspace says so', async () => {
    const settings = (await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()
    expect(settings).toMatchObject({ unknownContacts: 'create', lateEventHours: 24 })
    await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { ...settings, unknownContacts: 'refuse' } })
    const response = await app.inject({
      method: 'POST',
      url: '/api/events',
      payload: [
        { contactId: 'U-1', name: 'app_open', id: 'e-1' },
        { contactId: 'ghost', name: 'app_open', id: 'e-2' },
      ],
    })
    expect(response.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      refused: 1,
      created: 0,
      entered: 0,
      events: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'refused', problems: [expect.objectContaining({ code: 'event.unknown_contact', path: '/1/contactId' })] },
      ],
    })
    expect((await contactRows()).map((row) => row.externalId)).not.toContain('ghost')
    await app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { ...settings, unknownContacts: 'create' } })
    // The refused event claimed no id: sent again once the workspace creates contacts, it is taken.
    const retried = await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'ghost', name: 'app_open', id: 'e-2' }] })
    expect(retried.json()).toMatchObject({ accepted: 1, created: 1, duplicates: 0 })
  })

  it('judges waits and goals by the event time, and late events start no journey', async () => {
    const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    const track = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/track', payload })
    const iso = (at: number) => new Date(at).toISOString()
    expect((await track({ userId: 'U-5', event: 'cart_added', timestamp: iso(now - 25 * 60 * MINUTE) })).json()).toMatchObject({ accepted: 1, entered: 0 })
    expect((await track({ userId: 'U-5', event: 'cart_added', timestamp: iso(now - MINUTE) })).json()).toMatchObject({ accepted: 1, entered: 1 })
    const waiting = async () => (await app.inject({ method: 'GET', url: '/api/contacts/U-5' })).json().enrollments[0]
    expect(await waiting()).toMatchObject({ status: 'active', nodeId: 'wait-for-order' })
    now += 10 * MINUTE
    // Sent now, placed before the contact started waiting: it does not end the wait.
    await track({ userId: 'U-5', event: 'order_placed', timestamp: iso(now - 20 * MINUTE) })
    expect(await waiting()).toMatchObject({ status: 'active', nodeId: 'wait-for-order' })
    await track({ userId: 'U-5', event: 'order_placed', timestamp: iso(now - 5 * MINUTE) })
    expect(await waiting()).toMatchObject({ status: 'exited' })
  })

  it('answers a late event with a note that it is stored but starts no journey, on every ingestion route', async () => {
    const late = new Date(now - 25 * 60 * MINUTE).toISOString()
    const recent = new Date(now - MINUTE).toISOString()
    const note = {
      late: true,
      note: {
        en: 'Stored; it happened more than 24 h ago, so it starts no journey (it still counts for segments and for journeys the contact is already in)',
        zh: '已保存;该事件发生于 24 小时之前,因此不会触发任何旅程(仍计入分群,也仍作用于联系人已在其中的旅程)',
      },
    }
    const track = await app.inject({ method: 'POST', url: '/api/v1/track', payload: { userId: 'U-8', event: 'app_open', timestamp: late } })
    expect(track.json().events).toEqual([{ index: 0, status: 'accepted', ...note }])
    const batched = await app.inject({
      method: 'POST',
      url: '/api/v1/batch',
      payload: {
        batch: [
          { type: 'track', userId: 'U-8', event: 'app_open', timestamp: recent },
          { type: 'track', userId: 'U-8', event: 'app_open', timestamp: late },
        ],
      },
    })
    expect(batched.json().events).toEqual([
      { index: 0, status: 'accepted' },
      { index: 1, status: 'accepted', ...note },
    ])
    const simple = await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'U-8', name: 'app_open', occurredAt: late }] })
    expect(simple.json().events).toEqual([{ index: 0, status: 'accepted', ...note }])
  })
})
