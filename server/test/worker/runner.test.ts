import type { JourneyDocument } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { events, messages } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { readTimeline } from '../../src/repositories/timeline'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const at = (iso: string) => Date.parse(iso)

/** The abandoned-cart template: event trigger, wait-for-order 1 h, reminder, 1 day, coupon. */
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

describe.each(DATABASE_KINDS)('journey runner on %s', (kind) => {
  let handle: DatabaseHandle
  let now = at('2026-11-24T20:30:00+08:00')
  let runner: ReturnType<typeof journeyRunner>

  beforeAll(async () => {
    handle = await testDatabase(kind)
    runner = journeyRunner(handle.db, { clock: () => now })
    const journeys = journeysRepository(handle.db)
    await journeys.create(cart)
    await journeys.publish('abandoned-cart', 'go live')
    await contactsRepository(handle.db).upsert([
      {
        id: 'M-1',
        phone: '+8613812345678',
        timeZone: 'Asia/Shanghai',
        attributes: { name: '张女士', cart_item: '羊毛围巾' },
        consent: true,
        suppressed: false,
        sends: [],
        events: [],
      },
      { id: 'M-2', phone: '+8613812345679', timeZone: 'Asia/Shanghai', attributes: { name: '李先生' }, consent: true, suppressed: false, sends: [], events: [] },
    ])
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('enters contacts on the trigger event and waits for the order', async () => {
    expect(
      await runner.ingestEvents([
        { contactId: 'M-1', name: 'cart_added' },
        { contactId: 'M-2', name: 'cart_added' },
      ]),
    ).toMatchObject({ accepted: 2, refused: 0, entered: 2 })
    expect(await runner.nodeCounts('abandoned-cart')).toEqual({ 'wait-for-order': 2 })
    expect(await runner.processDue()).toBe(0)
  })

  it('exits a contact that orders within the hour, as a conversion', async () => {
    now = at('2026-11-24T20:50:00+08:00')
    await runner.ingestEvents([{ contactId: 'M-2', name: 'order_placed' }])
    expect(await runner.nodeCounts('abandoned-cart')).toEqual({ 'wait-for-order': 1 })
  })

  it('holds the reminder due at 21:30 until 08:00 and sends it then, exactly once', async () => {
    now = at('2026-11-24T21:30:00+08:00')
    expect(await runner.processDue()).toBe(1)
    expect(await handle.db.select().from(messages)).toEqual([])
    const held = (await readTimeline(handle.db)).map(({ kind, message }) => ({ kind, message }))
    expect(held.at(-1)).toEqual({
      kind: 'held',
      message: { en: 'held: outside 08:00–21:00 Asia/Shanghai, resumes 2026-11-25 08:00', zh: '暂缓:不在 08:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 08:00 发送' },
    })
    now = at('2026-11-25T07:59:00+08:00')
    expect(await runner.processDue()).toBe(0)
    now = at('2026-11-25T08:00:00+08:00')
    expect(await runner.processDue()).toBe(1)
    expect(await runner.processDue()).toBe(0)
    const sent = await handle.db
      .select({ text: messages.text, status: messages.status, phone: messages.phone, createdAt: messages.createdAt, category: messages.category })
      .from(messages)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ status: 'queued', phone: '+8613812345678', category: 'marketing', createdAt: new Date(at('2026-11-25T08:00:00+08:00')) })
    expect(sent[0]?.text).toMatch(/^【乐享商城】张女士,您购物车里的羊毛围巾库存紧张,点击完成下单 https:\/\/rcl\.to\/[A-Z2-9]{7} 回T退订$/)
    expect(await runner.nodeCounts('abandoned-cart')).toEqual({ 'wait-1-day': 1 })
  })

  it('takes a batch with an unknown contact: the contact is created bare, the other events stored', async () => {
    const answer = await runner.ingestEvents([
      { contactId: 'M-1', name: 'app_open' },
      { contactId: 'ghost', name: 'app_open' },
    ])
    expect(answer).toMatchObject({ accepted: 2, refused: 0, created: 1 })
    const stored = await handle.db.select({ contactId: events.contactId }).from(events).where(eq(events.name, 'app_open'))
    expect(stored).toHaveLength(2)
  })
})
