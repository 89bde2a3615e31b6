import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, journeys, messages, suppressions } from '../../src/db/schema/index'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { scriptedProvider } from '../support/scripted-provider'

const at = (local: string) => Date.parse(`${local}+08:00`)
const journeyDraft = { schemaVersion: 1, id: 'j', name: 'j', description: '', settings: {}, nodes: [], edges: [] } as never
const [NUMBER, OPTED_OUT_NUMBER] = ['+8613812347001', '+8613812347002']

describe.each(DATABASE_KINDS)('the re-check at sending honours the opt-out a person took with them, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(journeys).values({ id: 'j', name: 'live', status: 'live', draft: journeyDraft })
    await db.insert(contacts).values({ id: 'c1', externalId: 'C-1', phone: NUMBER, timeZone: 'Asia/Shanghai', consent: true })
    await db
      .insert(enrollments)
      .values({ id: 'e1', journeyId: 'j', version: 1, contactId: 'c1', status: 'active', nodeId: 'sms', state: {} as never, enteredAt: new Date(at('2026-11-25T09:00:00')) })
    await db.insert(messages).values(
      (['recall', 'transactional'] as const).map((category) => ({
        idempotencyKey: `m-${category}`,
        enrollmentId: 'e1',
        journeyId: 'j',
        contactId: 'c1',
        nodeId: 'sms',
        channel: 'sms' as const,
        category,
        phone: NUMBER,
        text: category === 'recall' ? '【乐享】好久不见,送您九折券 回T退订' : '【乐享】您的订单已发货',
        parts: 1,
        createdAt: new Date(at('2026-11-25T10:00:00')),
        sendWindow: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) },
      })),
    )
  })

  it('cancels a recall message queued to the number the contact has again after holding an opted-out one, and sends the transactional one', async () => {
    const { db } = handle()
    // An import gave the contact another number, which opted out while they held it (with no opt-out
    // written on the person, as before opt-outs were), and the next import gave its own back: the
    // messages queued to it carry the number it has now, and that number itself never opted out.
    await db.update(contacts).set({ phone: OPTED_OUT_NUMBER }).where(eq(contacts.id, 'c1'))
    await db.insert(suppressions).values({ phone: OPTED_OUT_NUMBER, reason: 'replied "TD"', source: 'reply', optedOutAt: new Date(at('2026-11-25T10:30:00')) })
    await db.update(contacts).set({ phone: NUMBER }).where(eq(contacts.id, 'c1'))
    const { provider, calls } = scriptedProvider()
    expect(await outboxDispatcher(db, provider, () => at('2026-11-25T11:00:00')).dispatch()).toBe(2)
    expect(calls).toEqual(['m-transactional'])
    expect(await db.select({ key: messages.idempotencyKey, status: messages.status, error: messages.error }).from(messages).orderBy(asc(messages.id))).toEqual([
      { key: 'm-recall', status: 'cancelled', error: 'opted_out' },
      { key: 'm-transactional', status: 'sent', error: null },
    ])
    const lines = (await readTimeline(db, ['e1'])).map(({ kind, message }) => ({ kind, message }))
    // Made while they held the number and taken with them when the phone changed away from it, the opt-out is the person's own (0025, 0035).
    expect(lines).toEqual([
      {
        kind: 'cancelled',
        message: {
          en: 'cancelled: this person opted out at 2026-11-25 10:30 Asia/Shanghai by replying to opt out; it follows them to any number; their own START reply lifts it',
          zh: '已取消:此人已于 2026年11月25日 10:30 Asia/Shanghai 回复退订;换用任何号码都有效;本人回复订阅可恢复',
        },
      },
    ])
  })
})
