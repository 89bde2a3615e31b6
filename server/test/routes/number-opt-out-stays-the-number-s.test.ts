import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, suppressions } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'
import { PHONE_CHANGES } from '../support/phone-changes'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const iso = (at: number) => new Date(at).toISOString()
/** A's TD from the number, at 09:00 Beijing: the number's opt-out B finds there. */
const TD_AT = NOW - 60 * MINUTE
const NUMBERS_REASON = {
  en: "exited: not this person's own opt-out: their number was opted out at 2026-12-03 09:00 Asia/Shanghai (a reply from the number), before they held it or for another contact with it; a START reply from the number lifts it",
  zh: '退出:并非此人本人退订:此号码已于 2026年12月3日 09:00 Asia/Shanghai 被退订(此号码回复退订),早于此人使用该号码,或是为使用同一号码的其他联系人退订;此号码回复订阅即可恢复',
}

// Found by an outside tester: a contact who moved onto a number another contact had opted out (TD), then
// on to a clean number, stayed opted out: the phone-change trigger took the number's opt-out as theirs.
describe.each(DATABASE_KINDS)("a number's opt-out stops sends to the number but is not the next holder's own, on %s", (kind) => {
  const { app, handedOver, dispatch, reply, events, imported } = useOptOutApp(kind, NOW)
  const detail = async (id: string) => {
    const { contact, enrollments } = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json()
    const { phone, suppressed, numberSuppressed, optedOutAt, optOutSource, numberOptOut } = contact
    const exits = enrollments.flatMap((enrollment: { timeline: { kind: string; message: unknown }[] }) =>
      enrollment.timeline.filter((line) => line.kind === 'exited').map((line) => line.message),
    )
    return { contact: { phone, suppressed, numberSuppressed, optedOutAt, optOutSource, numberOptOut }, exits }
  }
  /** A visit starts the recall journey; what was handed to the provider for it. */
  const visitSends = async (id: string) => {
    handedOver.length = 0
    expect((await events(id, 'visit')).statusCode).toBe(200)
    await dispatch()
    return [...handedOver]
  }
  const ownOptOut = async (id: string) =>
    (await app().database.db.select({ at: contacts.optedOutAt, source: contacts.optOutSource, by: contacts.optedOutBy }).from(contacts).where(eq(contacts.externalId, id)))[0]

  it.each(PHONE_CHANGES.map(([path, change], index) => [path, change, index] as const))(
    "B, moved through %s onto the number A opted out, gets nothing there, is not opted out themselves, and gets recall again at a clean number; A's opt-out stays A's",
    async (_path, change, index) => {
      const [a, b] = [`A-${index}`, `B-${index}`]
      const [n, bFirst, m, aNext] = [`+861395550${index}001`, `+861395550${index}002`, `+861395550${index}003`, `+861395550${index}004`]
      await imported(a, n)
      await imported(b, bFirst)
      expect(await reply(n, 'TD', TD_AT)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
      expect(await ownOptOut(a)).toEqual({ at: new Date(TD_AT), source: 'reply', by: null })

      await change(app(), b, n)
      expect(await visitSends(b)).toEqual([])
      expect(await detail(b)).toEqual({
        contact: { phone: n, suppressed: true, numberSuppressed: true, optedOutAt: null, optOutSource: null, numberOptOut: { at: iso(TD_AT), source: 'reply', by: null } },
        exits: [NUMBERS_REASON],
      })
      expect(await ownOptOut(b)).toEqual({ at: null, source: null, by: null })

      await change(app(), b, m)
      expect(await ownOptOut(b)).toEqual({ at: null, source: null, by: null })
      expect(await visitSends(b)).toEqual([{ phone: m, category: 'recall' }])
      expect((await detail(b)).contact).toEqual({ phone: m, suppressed: false, numberSuppressed: false, optedOutAt: null, optOutSource: null, numberOptOut: null })
      // The number B left is still on the list: it stops whoever holds it.
      expect(await app().database.db.select({ source: suppressions.source }).from(suppressions).where(eq(suppressions.phone, n))).toEqual([{ source: 'reply' }])

      await change(app(), a, aNext)
      expect(await ownOptOut(a)).toEqual({ at: new Date(TD_AT), source: 'reply', by: null })
      expect(await visitSends(a)).toEqual([])
    },
  )

  it('B, deleted while on the number A opted out and imported again with a clean number, is not opted out', async () => {
    const [n, m] = ['+8613955560001', '+8613955560002']
    await imported('A-DEL', n)
    await reply(n, 'TD', TD_AT)
    await imported('B-DEL', '+8613955560003')
    await imported('B-DEL', n)
    expect((await app().inject({ method: 'DELETE', url: '/api/contacts/B-DEL' })).statusCode).toBe(204)
    await imported('B-DEL', m)
    expect(await ownOptOut('B-DEL')).toEqual({ at: null, source: null, by: null })
    expect(await visitSends('B-DEL')).toEqual([{ phone: m, category: 'recall' }])
  })

  it('a contact created on the opted-out number after the TD leaves it without the opt-out', async () => {
    const [n, m] = ['+8613955570001', '+8613955570002']
    await reply(n, 'TD', TD_AT)
    await imported('NEW-ON-N', n)
    expect(await visitSends('NEW-ON-N')).toEqual([])
    await imported('NEW-ON-N', m)
    expect(await ownOptOut('NEW-ON-N')).toEqual({ at: null, source: null, by: null })
    expect(await visitSends('NEW-ON-N')).toEqual([{ phone: m, category: 'recall' }])
  })

  // Never weakened: an entry put on the list while the contact held the number, with no opt-out of the
  // person written beside it (as before opt-outs were written on the person), still goes with them.
  it('an opt-out of the number made while the contact held it still goes with them to a clean number, and when they are deleted', async () => {
    const [n, m] = ['+8613955580001', '+8613955580002']
    await imported('HELD-1', n)
    await app().database.db.execute(sql`insert into suppressions (phone, reason, source, opted_out_at) values (${n}, 'replied "TD"', 'reply', ${iso(TD_AT)})`)
    await imported('HELD-1', m)
    expect(await ownOptOut('HELD-1')).toEqual({ at: new Date(TD_AT), source: 'reply', by: null })
    expect(await visitSends('HELD-1')).toEqual([])

    const [k, l] = ['+8613955580003', '+8613955580004']
    await imported('HELD-2', k)
    await app().database.db.execute(sql`insert into suppressions (phone, reason, source, opted_out_at) values (${k}, 'imported as suppressed', 'import', ${iso(TD_AT)})`)
    expect((await app().inject({ method: 'DELETE', url: '/api/contacts/HELD-2' })).statusCode).toBe(204)
    await imported('HELD-2', l)
    expect(await ownOptOut('HELD-2')).toEqual({ at: new Date(TD_AT), source: 'import', by: null })
    expect(await visitSends('HELD-2')).toEqual([])
  })
})
