import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactPhoneHistory, contacts, deletedContactPhones } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'
import { PHONE_CHANGES } from '../support/phone-changes'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const DAY = 86_400_000

// Left by the last session: a contact deleted and imported again with a new phone lost its phone
// history with the deletion, so a STOP the cloud pushed late from its old number stayed on that
// number while the person got marketing at the new one.
describe.each(DATABASE_KINDS)("a deleted contact's numbers come back with it, on %s", (kind) => {
  const { app, handedOver, dispatch, reply, events, imported } = useOptOutApp(kind, NOW)
  const remove = async (id: string) => expect((await app().inject({ method: 'DELETE', url: `/api/contacts/${id}` })).statusCode).toBe(204)
  const detail = async (id: string) => {
    const { phone, suppressed, numberSuppressed, optedOutAt, optOutSource } = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
    return { phone, suppressed, numberSuppressed, optedOutAt, optOutSource }
  }
  /** The numbers kept for a deleted contact, and the history of the contact with this external id. */
  async function numbers(externalId: string) {
    const db = app().database.db
    const kept = await db.select({ phone: deletedContactPhones.phone }).from(deletedContactPhones).where(eq(deletedContactPhones.externalId, externalId))
    const history = await db
      .select({ phone: contactPhoneHistory.phone })
      .from(contactPhoneHistory)
      .innerJoin(contacts, eq(contacts.id, contactPhoneHistory.contactId))
      .where(eq(contacts.externalId, externalId))
    return { kept: kept.map((row) => row.phone).sort(), history: history.map((row) => row.phone).sort() }
  }
  /** Whether a recall still reaches the contact: a visit, then the outbox handed over. */
  async function recallReaches(id: string) {
    handedOver.length = 0
    expect((await events(id, 'visit')).statusCode).toBe(200)
    await dispatch()
    return handedOver
  }

  it.each(PHONE_CHANGES.map(([path, change], index) => [path, change, index] as const))(
    'a STOP sent from the number a contact had before its deletion, pushed after it came back through %s with a new phone, opts the person out',
    async (_path, change, index) => {
      const id = `REIMPORT-${index}`
      const [old, current] = [`+861394440${index}001`, `+861394440${index}002`]
      await imported(id, old)
      await remove(id)
      expect(await numbers(id)).toEqual({ kept: [old], history: [] })
      await change(app(), id, current)
      expect(await numbers(id)).toEqual({ kept: [], history: [old] })
      expect(await reply(old, 'TD', NOW - 60 * MINUTE)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
      expect(await recallReaches(id)).toEqual([])
      expect(await detail(id)).toEqual({ phone: current, suppressed: true, numberSuppressed: false, optedOutAt: new Date(NOW - 60 * MINUTE).toISOString(), optOutSource: 'reply' })
    },
  )

  it('a STOP from its old number that came while the contact was deleted brings it back opted out', async () => {
    await imported('AWAY-1', '+8613944410001')
    await remove('AWAY-1')
    await reply('+8613944410001', '退订', NOW - 30 * MINUTE)
    await imported('AWAY-1', '+8613944410002')
    expect(await detail('AWAY-1')).toEqual({
      phone: '+8613944410002',
      suppressed: true,
      numberSuppressed: false,
      optedOutAt: new Date(NOW - 30 * MINUTE).toISOString(),
      optOutSource: 'reply',
    })
    expect(await recallReaches('AWAY-1')).toEqual([])
  })

  it('numbers left before the deletion come back too, and a STOP from one of them follows the person', async () => {
    const [first, second, third] = ['+8613944420001', '+8613944420002', '+8613944420003']
    await imported('TWICE-1', first)
    await imported('TWICE-1', second)
    await remove('TWICE-1')
    expect((await numbers('TWICE-1')).kept).toEqual([first, second])
    await imported('TWICE-1', third)
    expect(await numbers('TWICE-1')).toEqual({ kept: [], history: [first, second] })
    await reply(first, 'STOP', NOW - 10 * MINUTE)
    expect(await recallReaches('TWICE-1')).toEqual([])
  })

  it('a contact brought back with the number it had keeps no history of that number, and is reached there', async () => {
    await imported('SAME-1', '+8613944430001')
    await remove('SAME-1')
    await imported('SAME-1', '+8613944430001')
    expect(await numbers('SAME-1')).toEqual({ kept: [], history: [] })
    expect(await recallReaches('SAME-1')).toEqual([{ phone: '+8613944430001', category: 'recall' }])
  })

  it('numbers left more than 90 days ago are not kept, and a STOP from them does not follow the person back', async () => {
    const [old, current] = ['+8613944440001', '+8613944440002']
    await imported('STALE-1', old)
    await remove('STALE-1')
    await app().database.db.execute(sql`update deleted_contact_phones set left_at = ${new Date(Date.now() - 91 * DAY).toISOString()} where external_id = 'STALE-1'`)
    // The next deletion drops numbers kept past 90 days.
    await imported('OTHER-1', '+8613944440003')
    await remove('OTHER-1')
    expect(await numbers('STALE-1')).toEqual({ kept: [], history: [] })
    await imported('STALE-1', current)
    await reply(old, 'STOP', NOW - MINUTE)
    expect(await recallReaches('STALE-1')).toEqual([{ phone: current, category: 'recall' }])
  })

  it('a contact that never held the stopped number gets its recall', async () => {
    await imported('KEPT-1', '+8613944450001')
    await remove('KEPT-1')
    await imported('KEPT-1', '+8613944450002')
    await reply('+8613944459999', 'STOP', NOW - MINUTE)
    expect(await recallReaches('KEPT-1')).toEqual([{ phone: '+8613944450002', category: 'recall' }])
  })
})
