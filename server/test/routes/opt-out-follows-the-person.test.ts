import { asc, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, messages } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'
import { useOptOutApp } from '../support/opt-out-harness'
import { PHONE_CHANGES } from '../support/phone-changes'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

describe.each(DATABASE_KINDS)('an opt-out follows the person when their phone changes, on %s', (kind) => {
  const { app, handedOver, dispatch, reply, events } = useOptOutApp(kind, NOW)
  /** The contact's messages and how its enrollments ended, as the contact page shows them. */
  async function outcome(externalId: string) {
    const [contact] = await app().database.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.externalId, externalId))
    const sent = await app()
      .database.db.select({ journeyId: messages.journeyId, category: messages.category, phone: messages.phone, status: messages.status })
      .from(messages)
      .where(eq(messages.contactId, contact?.id ?? ''))
      .orderBy(asc(messages.id))
    const journeys = await app()
      .database.db.select({ journeyId: enrollments.journeyId, status: enrollments.status, exitCode: sql<string | null>`${enrollments.state} -> 'exit' ->> 'code'` })
      .from(enrollments)
      .where(eq(enrollments.contactId, contact?.id ?? ''))
      .orderBy(asc(enrollments.enteredAt), asc(enrollments.journeyId))
    return { sent, journeys }
  }

  it.each(PHONE_CHANGES.map(([path, change], index) => [path, change, index] as const))(
    'a contact who replied STOP and whose phone changes through %s gets no recall at the new number; the order notice still goes',
    async (_path, change, index) => {
      const id = `MOVED-${index}`
      const [before, after] = [`+861391110${index}001`, `+861391110${index}002`]
      await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone: before, consent: true }] })
      expect(await reply(before, 'TD', NOW - 60 * MINUTE)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
      await change(app(), id, after)
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
      const detail = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
      expect([detail.phone, detail.suppressed, detail.optedOutAt, detail.optOutSource]).toEqual([after, true, new Date(NOW - 60 * MINUTE).toISOString(), 'reply'])
      const listed = (await app().inject({ method: 'GET', url: `/api/contacts?search=${id}` })).json().contacts
      expect(listed.map((row: { externalId: string; suppressed: boolean }) => [row.externalId, row.suppressed])).toEqual([[id, true]])
    },
  )

  it('a contact imported as opted out (黑名单) stays opted out at its new number', async () => {
    await importedJob(app(), 'id,phone,consent,黑名单\nDNC-1,+8613911120001,yes,是\n', 'text/csv')
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'DNC-1', phone: '+8613911120002', consent: true }] })
    handedOver.length = 0
    await events('DNC-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([])
    const detail = (await app().inject({ method: 'GET', url: '/api/contacts/DNC-1' })).json().contact
    expect([detail.suppressed, detail.optOutSource]).toEqual([true, 'import'])
  })

  it("only the person's own START from the number they have now lifts the opt-out they took with them", async () => {
    const [old, current] = ['+8613911130001', '+8613911130002']
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'BACK-1', phone: old, consent: true }] })
    await reply(old, 'STOP', NOW - 90 * MINUTE)
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'BACK-1', phone: current, consent: true }] })
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
    const detail = (await app().inject({ method: 'GET', url: '/api/contacts/BACK-1' })).json().contact
    expect([detail.suppressed, detail.optedOutAt, detail.optOutSource]).toEqual([false, null, null])
  })

  it('a contact whose number is not opted out keeps no opt-out when it changes', async () => {
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'CLEAN-1', phone: '+8613911140001', consent: true }] })
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'CLEAN-1', phone: '+8613911140002', consent: true }] })
    handedOver.length = 0
    await events('CLEAN-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([{ phone: '+8613911140002', category: 'recall' }])
  })
})
