import { defaultPolicies } from '@recall/engine'
import { JOURNEY_TEMPLATES, type JourneyDocument, LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { settingsRepository } from '../../src/repositories/settings'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { scriptedProvider } from '../support/scripted-provider'

const at = (iso: string) => Date.parse(iso)
/** The abandoned-cart template: event trigger, wait-for-order 1 h, reminder, 1 day, coupon. */
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
/** Allowed sending hours that open two hours after the legal window. */
const FROM_TEN = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '21:00' }]
const customer = (id: string, phone: string, timeZone: string) => ({ id, phone, timeZone, attributes: { name: '张女士' }, consent: true, suppressed: false, sends: [], events: [] })

describe.each(DATABASE_KINDS)('sends held after 21:00 under allowed hours from 10:00 say 10:00, the time they go, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await settingsRepository(db).savePolicies({ ...defaultPolicies({ caps: [] }), quietHoursWindow: FROM_TEN })
    const journeys = journeysRepository(db)
    await journeys.create(cart)
    await journeys.publish('abandoned-cart', 'go live')
    await contactsRepository(db).upsert([customer('S-1', '+8613812345678', 'Asia/Shanghai'), customer('L-1', '+447911123456', 'Europe/London')])
  })
  /** The stored contact's own id (the id imported is its external id). */
  const contactIdOf = async (externalId: string) => {
    const [row] = await handle().db.select({ id: contacts.id }).from(contacts).where(eq(contacts.externalId, externalId))
    return row?.id as string
  }
  const enrollmentsOf = async (externalId: string) =>
    (
      await handle()
        .db.select({ id: enrollments.id })
        .from(enrollments)
        .where(eq(enrollments.contactId, await contactIdOf(externalId)))
    ).map((row) => row.id)
  const heldLines = async (externalId: string) => {
    const ids = await enrollmentsOf(externalId)
    return (await readTimeline(handle().db, ids)).filter((line) => line.kind === 'held').map(({ at: when, message }) => ({ at: when, message }))
  }

  it('the step holds the reminder due at 21:30 until 10:00 in the contact’s own zone, says so in en and zh, and queues and sends it then', async () => {
    let now = at('2026-11-24T20:30:00+08:00')
    const runner = journeyRunner(handle().db, { clock: () => now })
    expect(await runner.ingestEvents([{ contactId: 'S-1', name: 'cart_added' }])).toMatchObject({ accepted: 1, entered: 1 })
    now = at('2026-11-24T21:30:00+08:00')
    expect(await runner.processDue()).toBe(1)
    expect(await heldLines('S-1')).toEqual([
      {
        at: new Date(at('2026-11-24T21:30:00+08:00')),
        message: { en: 'held: outside 10:00–21:00 Asia/Shanghai, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 10:00 发送' },
      },
    ])
    now = at('2026-11-25T09:59:00+08:00')
    expect(await runner.processDue()).toBe(0)
    now = at('2026-11-25T10:00:00+08:00')
    expect(await runner.processDue()).toBe(1)
    const { provider } = scriptedProvider('ok')
    expect(await outboxDispatcher(handle().db, provider, () => now).dispatch()).toBe(1)
    const sent = { status: messages.status, createdAt: messages.createdAt, sentAt: messages.sentAt }
    expect(
      await handle()
        .db.select(sent)
        .from(messages)
        .where(eq(messages.contactId, await contactIdOf('S-1'))),
    ).toEqual([{ status: 'sent', createdAt: new Date(at('2026-11-25T10:00:00+08:00')), sentAt: new Date(at('2026-11-25T10:00:00+08:00')) }])
  })

  it('names Europe/London in both languages for a Londoner held at 21:30 London', async () => {
    let now = at('2026-11-24T20:30:00Z')
    const runner = journeyRunner(handle().db, { clock: () => now })
    await runner.ingestEvents([{ contactId: 'L-1', name: 'cart_added' }])
    now = at('2026-11-24T21:30:00Z')
    expect(await runner.processDue()).toBe(1)
    expect(await heldLines('L-1')).toEqual([
      {
        at: new Date(at('2026-11-24T21:30:00Z')),
        message: { en: 'held: outside 10:00–21:00 Europe/London, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Europe/London)发送时段内,将于 11月25日 10:00 发送' },
      },
    ])
  })

  it('the re-check at sending holds a message queued under the legal window, retried past 21:00, until 10:00, says 10:00 and sends it then', async () => {
    const { db } = handle()
    const [enrollmentId] = (await enrollmentsOf('S-1')) as [string]
    // Queued at 20:59 with the window of the time (hours changed since), then the cloud is down twice.
    await db.insert(messages).values({
      idempotencyKey: 'late-1',
      enrollmentId,
      journeyId: 'abandoned-cart',
      contactId: await contactIdOf('S-1'),
      nodeId: 'cart-reminder',
      channel: 'sms',
      category: 'marketing',
      phone: '+8613812345678',
      text: '【乐享商城】张女士,您购物车里的商品库存紧张 回T退订',
      parts: 1,
      createdAt: new Date(at('2026-11-25T20:59:00+08:00')),
      sendWindow: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) },
    })
    const { provider, calls } = scriptedProvider('down', 'down')
    let clock = at('2026-11-25T20:59:00+08:00')
    const dispatcher = outboxDispatcher(db, provider, () => clock)
    const late = () =>
      db
        .select({ status: messages.status, nextAttemptAt: messages.nextAttemptAt, sentAt: messages.sentAt })
        .from(messages)
        .where(eq(messages.idempotencyKey, 'late-1'))
        .orderBy(asc(messages.id))
    expect(await dispatcher.dispatch()).toBe(1)
    clock = at('2026-11-25T20:59:30+08:00')
    expect(await dispatcher.dispatch()).toBe(1)
    clock = at('2026-11-25T21:00:30+08:00')
    expect(await dispatcher.dispatch()).toBe(1)
    expect(calls).toEqual(['late-1', 'late-1'])
    expect(await late()).toEqual([{ status: 'queued', nextAttemptAt: new Date(at('2026-11-26T10:00:00+08:00')), sentAt: null }])
    expect((await heldLines('S-1')).at(-1)).toEqual({
      at: new Date(at('2026-11-25T21:00:30+08:00')),
      message: { en: 'held: outside 10:00–21:00 Asia/Shanghai, resumes 2026-11-26 10:00', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内,将于 11月26日 10:00 发送' },
    })
    clock = at('2026-11-26T09:59:59+08:00')
    expect(await dispatcher.dispatch()).toBe(0)
    clock = at('2026-11-26T10:00:00+08:00')
    expect(await dispatcher.dispatch()).toBe(1)
    expect(await late()).toEqual([{ status: 'sent', nextAttemptAt: null, sentAt: new Date(at('2026-11-26T10:00:00+08:00')) }])
  })
})
