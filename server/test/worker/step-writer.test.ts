import type { JourneyDocument } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { enrollmentState } from '../../src/db/enrollment-state'
import { enrollments, messages } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { readTimeline } from '../../src/repositories/timeline'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const at = (iso: string) => Date.parse(iso)
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

/** Characters a JSON document or an array literal must escape, in the texts a batch writes. */
const NAME = 'O"Brien \\ 王\t'
const ITEM = '围巾 "XL" \\n\n😀 {"a":[1]}'

describe.each(DATABASE_KINDS)('a batch written as one JSON recordset on %s', (kind) => {
  let handle: DatabaseHandle
  let now = at('2026-11-24T10:00:00+08:00')

  beforeAll(async () => {
    handle = await testDatabase(kind)
    const journeys = journeysRepository(handle.db)
    await journeys.create(cart)
    await journeys.publish('abandoned-cart', 'go live')
    await contactsRepository(handle.db).upsert([
      { id: 'Q-1', phone: '+8613812345670', timeZone: 'Asia/Shanghai', attributes: { name: NAME, cart_item: ITEM }, consent: true, suppressed: false, sends: [], events: [] },
    ])
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('keeps quotes, backslashes, newlines, emoji and Chinese exactly in the text, the timeline and the state', async () => {
    const runner = journeyRunner(handle.db, { clock: () => now })
    expect(await runner.ingestEvents([{ contactId: 'Q-1', name: 'cart_added' }])).toMatchObject({ accepted: 1, entered: 1 })
    now = at('2026-11-24T11:00:00+08:00')
    expect(await runner.processDue()).toBe(1)
    const [sent] = await handle.db.select({ text: messages.text, parts: messages.parts, window: messages.sendWindow }).from(messages)
    expect(sent?.text).toMatch(/^【乐享商城】O"Brien \\ 王\t,您购物车里的围巾 "XL" \\n\n😀 \{"a":\[1\]\}库存紧张,点击完成下单 https:\/\/rcl\.to\/[A-Z2-9]{7} 回T退订$/)
    expect(sent?.parts).toBe(2)
    expect(sent?.window).toEqual({ weekly: Array.from({ length: 7 }, () => [[8 * 60, 21 * 60]]), timeZone: 'Asia/Shanghai' })
    const lines = await readTimeline(handle.db)
    expect(lines.map((line) => line.kind)).toEqual(['entered', 'entered', 'waiting', 'woke', 'entered', 'sent', 'entered', 'waiting'])
    expect(lines.at(-1)?.at).toEqual(new Date(now))
    const [enrollment] = await handle.db.select().from(enrollments).where(eq(enrollments.journeyId, 'abandoned-cart'))
    expect(enrollment).toMatchObject({ status: 'active', nodeId: 'wait-1-day', enteredAt: new Date(at('2026-11-24T10:00:00+08:00')), exitedAt: null })
    // The state leaves out what the row's columns hold; the worker reads it back whole.
    expect(Object.keys(enrollment?.state ?? {}).filter((key) => ['enrollmentId', 'journeyId', 'version', 'status', 'nodeId'].includes(key))).toEqual([])
    expect(enrollmentState(enrollment as typeof enrollments.$inferSelect)).toMatchObject({
      enrollmentId: enrollment?.id,
      journeyId: 'abandoned-cart',
      version: '1',
      nodeId: 'wait-1-day',
      status: 'active',
    })
    expect(enrollment?.nextWakeAt).toEqual(new Date(at('2026-11-25T11:00:00+08:00')))
  })

  it('steps a state stored whole, as a worker from before migration 0031 wrote it during an upgrade', async () => {
    const runner = journeyRunner(handle.db, { clock: () => now })
    const [before] = await handle.db.select().from(enrollments).where(eq(enrollments.journeyId, 'abandoned-cart'))
    const whole = enrollmentState(before as typeof enrollments.$inferSelect)
    await handle.db.update(enrollments).set({ state: whole }).where(eq(enrollments.id, whole.enrollmentId))
    now = at('2026-11-25T11:00:00+08:00')
    expect(await runner.processDue()).toBe(1)
    const [after] = await handle.db.select().from(enrollments).where(eq(enrollments.journeyId, 'abandoned-cart'))
    expect({ status: after?.status, nodeId: after?.nodeId, keys: Object.keys(after?.state ?? {}).includes('enrollmentId') }).toEqual({
      status: 'exited',
      nodeId: 'done',
      keys: false,
    })
  })
})
