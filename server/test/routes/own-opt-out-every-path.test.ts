import { asc, eq, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, inboundMessages, suppressions } from '../../src/db/schema/index'
import { optOutFromReply } from '../../src/replies/replies'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const DAY = 86_400_000
const iso = (at: number) => new Date(at).toISOString()

// Found by an outside tester: a STOP, an import's opt-out column, a colleague's opt-out and a complaint
// suppressed the number but left the person who held it without an opt-out of their own, so the contact
// page and the timeline could not say whose opt-out stopped them.
describe.each(DATABASE_KINDS)("the person's own opt-out is written on every path that opts them out, on %s", (kind) => {
  const { app, reply, imported } = useOptOutApp(kind, NOW)
  const db = () => app().database.db
  /** The stored opt-out of every contact whose external id starts with `prefix`. */
  const ownOptOuts = async (prefix: string) =>
    (
      await db()
        .select({ externalId: contacts.externalId, optedOutAt: contacts.optedOutAt, optOutSource: contacts.optOutSource, optedOutBy: contacts.optedOutBy })
        .from(contacts)
        .where(like(contacts.externalId, `${prefix}%`))
        .orderBy(asc(contacts.externalId))
    ).map((row) => ({ ...row, optedOutAt: row.optedOutAt && iso(row.optedOutAt.getTime()) }))
  const leftLongAgo = async (externalId: string, days: number) =>
    await db().execute(sql`update contact_phone_history set left_at = ${iso(NOW - days * DAY)} where contact_id = (select id from contacts where external_id = ${externalId})`)

  it.each([
    ['T', 'reply', 1],
    ['TD', 'reply', 2],
    ['退订', 'reply', 3],
    ['你们这是骚扰，再发我就投诉', 'complaint', 4],
  ] as const)('a %j reply writes the opt-out on every contact holding the number and on those who left it within 90 days', async (text, source, n) => {
    const prefix = `STOP-${n}-`
    const shared = `+861393330${n}001`
    const id = (name: string) => `${prefix}${name}`
    await imported(id('HOLDS-A'), shared)
    await imported(id('HOLDS-B'), shared)
    await imported(id('LEFT-LATELY'), shared)
    await imported(id('LEFT-LATELY'), `+861393330${n}002`)
    await imported(id('LEFT-LONG-AGO'), shared)
    await imported(id('LEFT-LONG-AGO'), `+861393330${n}003`)
    await leftLongAgo(id('LEFT-LONG-AGO'), 91)
    await imported(id('ELSEWHERE'), `+861393330${n}004`)
    expect(await reply(shared, text, NOW - 20 * MINUTE)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
    const theirs = { optedOutAt: iso(NOW - 20 * MINUTE), optOutSource: source, optedOutBy: null }
    const none = { optedOutAt: null, optOutSource: null, optedOutBy: null }
    expect(await ownOptOuts(prefix)).toEqual([
      { externalId: id('ELSEWHERE'), ...none },
      { externalId: id('HOLDS-A'), ...theirs },
      { externalId: id('HOLDS-B'), ...theirs },
      { externalId: id('LEFT-LATELY'), ...theirs },
      { externalId: id('LEFT-LONG-AGO'), ...none },
    ])
  })

  it("a colleague's opt-out from a reply writes theirs, naming them, at the journeys' clock; a STOP after it keeps it the colleague's", async () => {
    const phone = '+8613933340001'
    await imported('ADMIN-1', phone)
    await reply(phone, '不需要', NOW - 30 * MINUTE)
    const [asked] = await db().select({ id: inboundMessages.id }).from(inboundMessages).where(eq(inboundMessages.phone, phone))
    expect((await app().inject({ method: 'POST', url: `/api/replies/${asked?.id}/opt-out` })).json()).toEqual({ exited: 0, alreadySuppressed: false })
    const colleague = 'Key maker (API key "tests")'
    expect(await ownOptOuts('ADMIN-1')).toEqual([{ externalId: 'ADMIN-1', optedOutAt: iso(NOW), optOutSource: 'admin', optedOutBy: colleague }])
    await reply(phone, 'TD', NOW + 5 * MINUTE)
    // The stronger source stays, with its colleague and its own time (the page names that opt-out), as the number's.
    expect(await ownOptOuts('ADMIN-1')).toEqual([{ externalId: 'ADMIN-1', optedOutAt: iso(NOW), optOutSource: 'admin', optedOutBy: colleague }])
    expect(await optOutFromReply(db(), asked?.id ?? 0, 'Ada', NOW + 10 * MINUTE)).toEqual({ exited: 0, alreadySuppressed: true })
    expect((await ownOptOuts('ADMIN-1'))[0]?.optedOutBy).toBe(colleague)
  })

  it('an import marking a contact opted out writes it on the contact, with a phone or without one, by the contacts API and by an import job', async () => {
    const answer = await app().inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [
        { id: 'IMP-API-PHONE', phone: '+8613933350001', consent: true, suppressed: true },
        { id: 'IMP-API-NOPHONE', consent: true, 退订: '是' },
        { id: 'IMP-API-KEPT', phone: '+8613933350002', consent: true },
      ],
    })
    expect(answer.statusCode).toBe(200)
    expect((await importedJob(app(), 'id,phone,consent,DNC\nIMP-JOB-PHONE,+8613933350003,yes,yes\nIMP-JOB-NOPHONE,,yes,yes\n', 'text/csv')).status).toBe('done')
    const numbers = await db()
      .select({ phone: suppressions.phone, at: suppressions.optedOutAt, source: suppressions.source })
      .from(suppressions)
      .where(like(suppressions.phone, '+86139333500%'))
      .orderBy(asc(suppressions.phone))
    expect(numbers.map(({ phone, source }) => [phone, source])).toEqual([
      ['+8613933350001', 'import'],
      ['+8613933350003', 'import'],
    ])
    const rows = await ownOptOuts('IMP-')
    expect(rows.map(({ externalId, optOutSource, optedOutBy }) => [externalId, optOutSource, optedOutBy])).toEqual([
      ['IMP-API-KEPT', null, null],
      ['IMP-API-NOPHONE', 'import', null],
      ['IMP-API-PHONE', 'import', null],
      ['IMP-JOB-NOPHONE', 'import', null],
      ['IMP-JOB-PHONE', 'import', null],
    ])
    // The person's opt-out is the import's, at the moment its number went on the list.
    const at = new Map(rows.map((row) => [row.externalId, row.optedOutAt]))
    expect([at.get('IMP-API-PHONE'), at.get('IMP-JOB-PHONE')]).toEqual(numbers.map((number) => iso(number.at.getTime())))
    expect(at.get('IMP-API-NOPHONE')).toBe(at.get('IMP-API-PHONE'))
  })

  it("an import's opt-out outranks the person's reply; a row without the column leaves an opt-out as it is", async () => {
    const phone = '+8613933360001'
    await imported('RANK-1', phone)
    await reply(phone, 'STOP', NOW - 10 * MINUTE)
    expect(await ownOptOuts('RANK-1')).toEqual([{ externalId: 'RANK-1', optedOutAt: iso(NOW - 10 * MINUTE), optOutSource: 'reply', optedOutBy: null }])
    await imported('RANK-1', phone)
    expect(await ownOptOuts('RANK-1')).toEqual([{ externalId: 'RANK-1', optedOutAt: iso(NOW - 10 * MINUTE), optOutSource: 'reply', optedOutBy: null }])
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'RANK-1', phone, consent: true, blacklist: 'yes' }] })
    const [row] = await ownOptOuts('RANK-1')
    expect([row?.optOutSource, row?.optedOutBy]).toEqual(['import', null])
    // Imported now, by the database's clock: later than the reply.
    expect(Date.parse(row?.optedOutAt ?? '')).toBeGreaterThan(NOW - 10 * MINUTE)
  })
})
