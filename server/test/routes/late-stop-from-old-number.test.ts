import { asc, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, inboundMessages, messages } from '../../src/db/schema/index'
import { optOutFromReply } from '../../src/replies/replies'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'
import { PHONE_CHANGES } from '../support/phone-changes'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const DAY = 86_400_000

// Found by an outside tester: the cloud pushed a STOP from the number a contact had left, and the
// opt-out stayed on that number while the person went on getting marketing at the new one.
describe.each(DATABASE_KINDS)('a STOP from a number a contact left follows the person, on %s', (kind) => {
  const { app, handedOver, dispatch, reply, events, imported } = useOptOutApp(kind, NOW)
  const contactOf = async (externalId: string) => (await app().database.db.select().from(contacts).where(eq(contacts.externalId, externalId)))[0]
  /** The contact's messages and how its enrollments stand. */
  async function outcome(externalId: string) {
    const id = (await contactOf(externalId))?.id ?? ''
    const sent = await app()
      .database.db.select({ journeyId: messages.journeyId, phone: messages.phone, status: messages.status, error: messages.error })
      .from(messages)
      .where(eq(messages.contactId, id))
      .orderBy(asc(messages.id))
    const journeys = await app()
      .database.db.select({ journeyId: enrollments.journeyId, status: enrollments.status, exitReason: enrollments.exitReason })
      .from(enrollments)
      .where(eq(enrollments.contactId, id))
      .orderBy(asc(enrollments.journeyId))
    return { sent, journeys }
  }

  it.each(PHONE_CHANGES.map(([path, change], index) => [path, change, index] as const))(
    'a STOP sent from the old number before the phone changed through %s, pushed after it, cancels the recall queued to the new number',
    async (_path, change, index) => {
      const id = `LATE-${index}`
      const [old, current] = [`+861392210${index}001`, `+861392210${index}002`]
      expect((await imported(id, old)).statusCode).toBe(200)
      await change(app(), id, current)
      expect((await events(id, 'visit')).statusCode).toBe(200)
      expect(await reply(old, 'TD', NOW - 60 * MINUTE)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
      handedOver.length = 0
      expect((await events(id, 'order_shipped')).statusCode).toBe(200)
      await dispatch()
      expect(handedOver).toEqual([{ phone: current, category: 'transactional' }])
      expect(await outcome(id)).toEqual({
        sent: [
          { journeyId: 'win-back', phone: current, status: 'cancelled', error: 'opted_out' },
          { journeyId: 'shipped', phone: current, status: 'sent', error: null },
        ],
        journeys: [
          { journeyId: 'shipped', status: 'exited', exitReason: 'exited: completed' },
          { journeyId: 'win-back', status: 'exited', exitReason: 'exited: completed' },
        ],
      })
      const detail = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
      expect([detail.phone, detail.suppressed, detail.optedOutAt, detail.optOutSource]).toEqual([current, true, new Date(NOW - 60 * MINUTE).toISOString(), 'reply'])
    },
  )

  it('a STOP sent from the old number after the change still follows the person; their START from the new number lifts it', async () => {
    const [old, current] = ['+8613922201001', '+8613922201002']
    await imported('AFTER-1', old)
    await imported('AFTER-1', current)
    await reply(old, 'STOP', NOW - 30 * MINUTE)
    handedOver.length = 0
    await events('AFTER-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([])
    // A START from the number left behind is not theirs to send: only the number's own entry goes.
    await reply(old, 'START', NOW - 20 * MINUTE)
    await events('AFTER-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([])
    await reply(current, 'START', NOW - 10 * MINUTE)
    await events('AFTER-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([{ phone: current, category: 'recall' }])
  })

  it('the contact now holding the number and the one who left it are both opted out; a contact who never held it is not', async () => {
    const [shared, elsewhere] = ['+8613922202001', '+8613922202002']
    await imported('LEFT-1', shared)
    await imported('LEFT-1', elsewhere)
    await imported('HOLDS-1', shared)
    await imported('OTHER-1', '+8613922202003')
    await reply(shared, '退订', NOW - 5 * MINUTE)
    const optedOut = await app()
      .database.db.select({ externalId: contacts.externalId, optOutSource: contacts.optOutSource })
      .from(contacts)
      .where(sql`${contacts.externalId} in ('LEFT-1', 'HOLDS-1', 'OTHER-1')`)
      .orderBy(asc(contacts.externalId))
    // HOLDS-1 holds the number: the STOP is as likely theirs, and written on them too.
    expect(optedOut).toEqual([
      { externalId: 'HOLDS-1', optOutSource: 'reply' },
      { externalId: 'LEFT-1', optOutSource: 'reply' },
      { externalId: 'OTHER-1', optOutSource: null },
    ])
    handedOver.length = 0
    await events('HOLDS-1', 'visit')
    await events('LEFT-1', 'visit')
    await events('OTHER-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([{ phone: '+8613922202003', category: 'recall' }])
  })

  it('a STOP sent more than 90 days after the contact left the number is the next holder’s, not theirs', async () => {
    const [old, current] = ['+8613922203001', '+8613922203002']
    await imported('LONG-1', old)
    await imported('LONG-1', current)
    const contact = await contactOf('LONG-1')
    await app().database.db.execute(sql`update contact_phone_history set left_at = ${new Date(NOW - 91 * DAY).toISOString()} where contact_id = ${contact?.id}`)
    await reply(old, 'STOP', NOW - 5 * MINUTE)
    expect((await contactOf('LONG-1'))?.optOutSource).toBe(null)
    await app().database.db.execute(sql`update contact_phone_history set left_at = ${new Date(NOW - 89 * DAY).toISOString()} where contact_id = ${contact?.id}`)
    await reply(old, 'T', NOW - 4 * MINUTE)
    expect((await contactOf('LONG-1'))?.optOutSource).toBe('reply')
  })

  it("a colleague's opt-out from a reply of the number left follows the person too, naming the colleague, on a clock far past the wall's (the demo's)", async () => {
    const [old, current] = ['+8613922204001', '+8613922204002']
    await imported('ASKED-1', old)
    await imported('ASKED-1', current)
    await reply(old, '不需要', NOW - 5 * MINUTE)
    const [asked] = await app().database.db.select({ id: inboundMessages.id }).from(inboundMessages).where(eq(inboundMessages.phone, old))
    expect(await optOutFromReply(app().database.db, asked?.id ?? 0, 'Ada', Date.now() + 200 * DAY)).toEqual({ exited: 0, alreadySuppressed: false })
    const contact = await contactOf('ASKED-1')
    expect([contact?.optOutSource, contact?.optedOutBy]).toEqual(['admin', 'Ada'])
  })
})
