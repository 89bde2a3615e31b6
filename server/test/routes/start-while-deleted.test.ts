import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { deletedContactOptOuts, inboundMessages, suppressions } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const iso = (at: number) => new Date(at).toISOString()

// Found by an outside tester: a contact deleted after replying STOP (its number kept 90 days) replied
// START while away; the number was lifted but the kept STOP was not, and imported again the person
// came back opted out by a STOP they had already reversed.
describe.each(DATABASE_KINDS)('a START while the contact is deleted reverses the STOP kept for its return, on %s', (kind) => {
  const { app, handedOver, dispatch, reply, events, imported } = useOptOutApp(kind, NOW)
  const db = () => app().database.db
  const remove = async (id: string) => expect((await app().inject({ method: 'DELETE', url: `/api/contacts/${id}` })).statusCode).toBe(204)
  const kept = async (externalId: string) =>
    (
      await db()
        .select({ at: deletedContactOptOuts.optedOutAt, source: deletedContactOptOuts.source })
        .from(deletedContactOptOuts)
        .where(eq(deletedContactOptOuts.externalId, externalId))
    ).map((row) => ({ at: iso(row.at.getTime()), source: row.source }))
  const detail = async (id: string) => {
    const { phone, suppressed, optedOutAt, optOutSource } = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
    return { phone, suppressed, optedOutAt, optOutSource }
  }
  async function recallReaches(id: string) {
    handedOver.length = 0
    expect((await events(id, 'visit')).statusCode).toBe(200)
    await dispatch()
    return handedOver
  }

  it('a STOP before the deletion, a START after it: imported again, the person is not opted out', async () => {
    const phone = '+8613966610001'
    await imported('AWAY-1', phone)
    await reply(phone, 'TD', NOW - 60 * MINUTE)
    await remove('AWAY-1')
    expect(await kept('AWAY-1')).toEqual([{ at: iso(NOW - 60 * MINUTE), source: 'reply' }])
    expect(await reply(phone, 'START', NOW - 30 * MINUTE)).toEqual({ keyword: 'start', exited: 0, duplicate: false })
    expect(await kept('AWAY-1')).toEqual([])
    expect(await db().select().from(suppressions).where(eq(suppressions.phone, phone))).toEqual([])
    await imported('AWAY-1', phone)
    expect(await detail('AWAY-1')).toEqual({ phone, suppressed: false, optedOutAt: null, optOutSource: null })
    expect(await recallReaches('AWAY-1')).toEqual([{ phone, category: 'recall' }])
  })

  it('a STOP and then a START both while deleted: the START reverses it; the same with a new phone on return', async () => {
    const phone = '+8613966610002'
    await imported('AWAY-2', phone)
    await remove('AWAY-2')
    await reply(phone, '退订', NOW - 50 * MINUTE)
    expect(await kept('AWAY-2')).toEqual([{ at: iso(NOW - 50 * MINUTE), source: 'reply' }])
    await reply(phone, '订阅', NOW - 40 * MINUTE)
    expect(await kept('AWAY-2')).toEqual([])
    await imported('AWAY-2', '+8613966610012')
    expect(await detail('AWAY-2')).toEqual({ phone: '+8613966610012', suppressed: false, optedOutAt: null, optOutSource: null })
  })

  it('a START sent before the kept STOP (pushed late) reverses nothing', async () => {
    const phone = '+8613966610003'
    await imported('AWAY-3', phone)
    await reply(phone, 'T', NOW - 20 * MINUTE)
    await remove('AWAY-3')
    await reply(phone, 'START', NOW - 25 * MINUTE)
    expect(await kept('AWAY-3')).toEqual([{ at: iso(NOW - 20 * MINUTE), source: 'reply' }])
    await imported('AWAY-3', phone)
    expect(await detail('AWAY-3')).toEqual({ phone, suppressed: true, optedOutAt: iso(NOW - 20 * MINUTE), optOutSource: 'reply' })
    expect(await recallReaches('AWAY-3')).toEqual([])
  })

  it('a START from a number the contact had left before it was deleted is not theirs: the kept STOP stays', async () => {
    const [old, current] = ['+8613966610004', '+8613966610014']
    await imported('AWAY-4', old)
    await imported('AWAY-4', current)
    await reply(old, 'TD', NOW - 50 * MINUTE)
    await remove('AWAY-4')
    await reply(old, 'START', NOW - 10 * MINUTE)
    expect(await kept('AWAY-4')).toEqual([{ at: iso(NOW - 50 * MINUTE), source: 'reply' }])
    await imported('AWAY-4', current)
    expect((await detail('AWAY-4')).optOutSource).toBe('reply')
  })

  it("an import's opt-out kept for a deleted contact holds its START for review; a colleague's lift reverses it", async () => {
    const phone = '+8613966610005'
    expect((await importedJob(app(), `id,phone,consent,黑名单\nAWAY-5,${phone},yes,是\n`, 'text/csv')).status).toBe('done')
    await remove('AWAY-5')
    await reply(phone, 'START', NOW - 10 * MINUTE)
    const [start] = await db()
      .select({ id: inboundMessages.id, keyword: inboundMessages.keyword })
      .from(inboundMessages)
      .where(eq(inboundMessages.phone, phone))
      .orderBy(asc(inboundMessages.id))
    expect(start?.keyword).toBe('start_held')
    expect((await kept('AWAY-5')).map((row) => row.source)).toEqual(['import'])
    const review = await app().inject({ method: 'POST', url: `/api/replies/${start?.id}/review`, payload: { decision: 'lift' } })
    expect([review.statusCode, review.json().action]).toEqual([200, 'opted_in'])
    expect(await kept('AWAY-5')).toEqual([])
    await imported('AWAY-5', phone)
    expect(await detail('AWAY-5')).toEqual({ phone, suppressed: false, optedOutAt: null, optOutSource: null })
  })
})
