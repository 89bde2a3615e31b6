import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inboundMessages, suppressions } from '../../src/db/schema/index'
import { receiveReply } from '../../src/replies/replies'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { importedJob } from '../support/import-jobs'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

describe.each(DATABASE_KINDS)("START lifts only the person's own reply opt-out, on %s", (kind) => {
  let app: FastifyInstance
  let serial = 0
  const reply = (phone: string, text: string, minutesAgo: number) => {
    serial += 1
    return receiveReply(app.database.db, { provider: 'sandbox', providerMessageId: `r-${serial}`, phone, text, at: NOW - minutesAgo * MINUTE })
  }
  const suppression = async (phone: string) =>
    (await app.database.db.select({ source: suppressions.source, reason: suppressions.reason }).from(suppressions).where(eq(suppressions.phone, phone)))[0] ?? null
  const actions = async (phone: string) =>
    await app.database.db
      .select({ text: inboundMessages.text, keyword: inboundMessages.keyword })
      .from(inboundMessages)
      .where(eq(inboundMessages.phone, phone))
      .orderBy(asc(inboundMessages.id))
  /** The reply page's rows for the number, as the "needs review" filter shows them. */
  const review = async (phone: string) =>
    (await app.inject({ method: 'GET', url: '/api/replies?review=true' }))
      .json()
      .replies.filter((row: { phone: string }) => row.phone === phone)
      .map(({ text, action, suppressed, optOutSource }: Record<string, unknown>) => ({ text, action, suppressed, optOutSource }))

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => NOW })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it("a START after the person's own STOP lifts it, as before", async () => {
    const phone = '+8613912340001'
    await reply(phone, 'TD', 60)
    expect(await suppression(phone)).toEqual({ source: 'reply', reason: 'replied "TD"' })
    expect(await reply(phone, '订阅', 30)).toEqual({ keyword: 'start', exited: 0, duplicate: false })
    expect(await suppression(phone)).toBe(null)
    expect(await actions(phone)).toEqual([
      { text: 'TD', keyword: 'stop' },
      { text: '订阅', keyword: 'start' },
    ])
    expect(await review(phone)).toEqual([])
  })

  it("a START does not lift an import's 黑名单 column: the number stays suppressed and the reply needs review", async () => {
    const phone = '+8613912340002'
    expect((await importedJob(app, `id,phone,consent,黑名单\nBL-1,${phone},yes,是\n`, 'text/csv')).status).toBe('done')
    expect(await reply(phone, 'START', 30)).toEqual({ keyword: 'start', exited: 0, duplicate: false })
    expect(await suppression(phone)).toEqual({ source: 'import', reason: 'imported as suppressed' })
    expect(await actions(phone)).toEqual([{ text: 'START', keyword: 'start_held' }])
    expect(await review(phone)).toEqual([{ text: 'START', action: 'opt_in_held', suppressed: true, optOutSource: 'import' }])
  })

  it("a START does not lift an admin's opt-out from the Replies page", async () => {
    const phone = '+8613912340003'
    await reply(phone, '不需要', 60)
    const [target] = (await app.inject({ method: 'GET', url: '/api/replies?review=true' })).json().replies.filter((row: { phone: string }) => row.phone === phone)
    expect((await app.inject({ method: 'POST', url: `/api/replies/${target.id}/opt-out` })).statusCode).toBe(200)
    expect(await suppression(phone)).toEqual({ source: 'admin', reason: 'replied "不需要"; opted out by Key maker (API key "tests")' })
    // Sent after the opt-out, which a START after the person's own STOP would lift.
    await reply(phone, '订阅', -30)
    expect(await suppression(phone)).toEqual({ source: 'admin', reason: 'replied "不需要"; opted out by Key maker (API key "tests")' })
    expect(await review(phone)).toEqual([{ text: '订阅', action: 'opt_in_held', suppressed: true, optOutSource: 'admin' }])
  })

  // Found by an outside tester: a complaint opted the number out as a plain STOP would, and the writer's START lifted it.
  it.each([
    ['你们这是骚扰，再发我就投诉', '+8613912340006'],
    ['Stop texting me, this is harassment and I will report you', '+8613912340007'],
  ])("a complaint (%j) is not the writer's to lift: their START is held for review", async (text, phone) => {
    expect(await reply(phone, text, 60)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
    expect(await suppression(phone)).toEqual({ source: 'complaint', reason: `replied "${text.slice(0, 40)}"` })
    expect(await reply(phone, 'START', 30)).toEqual({ keyword: 'start', exited: 0, duplicate: false })
    expect((await suppression(phone))?.source).toBe('complaint')
    expect(await review(phone)).toEqual([{ text: 'START', action: 'opt_in_held', suppressed: true, optOutSource: 'complaint' }])
  })

  it('a complaint after a plain STOP makes the opt-out a complaint; a plain STOP after a complaint leaves it one', async () => {
    const [first, second] = ['+8613912340008', '+8613912340009']
    await reply(first, 'TD', 60)
    await reply(first, '别再骚扰我了', 50)
    await reply(second, '骚扰短信', 60)
    await reply(second, 'TD', 50)
    for (const phone of [first, second]) {
      await reply(phone, '订阅', 10)
      expect((await suppression(phone))?.source).toBe('complaint')
      expect((await actions(phone)).at(-1)).toEqual({ text: '订阅', keyword: 'start_held' })
    }
  })

  it('an import marking a number opted out after its STOP outranks the reply, and a later STOP does not weaken it', async () => {
    const [first, second] = ['+8613912340004', '+8613912340005']
    await reply(first, 'STOP', 60)
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'DNC-A', phone: first, consent: true, suppressed: true }] })
    expect(await suppression(first)).toEqual({ source: 'import', reason: 'imported as suppressed' })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'DNC-B', phone: second, consent: true, DNC: 'yes' }] })
    await reply(second, 'T', 60)
    expect(await suppression(second)).toEqual({ source: 'import', reason: 'imported as suppressed' })
    for (const phone of [first, second]) {
      await reply(phone, 'START', 10)
      expect((await suppression(phone))?.source).toBe('import')
      expect((await actions(phone)).at(-1)).toEqual({ text: 'START', keyword: 'start_held' })
    }
  })
})
