import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, inboundMessages, suppressions, users } from '../../src/db/schema/index'
import { receiveReply } from '../../src/replies/replies'
import { accessRepository } from '../../src/repositories/access'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { importedJob } from '../support/import-jobs'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

type Headers = Record<string, string>

// Found by an outside tester: a START held for review could not be reviewed anywhere, and "opted out
// by a colleague" did not say which colleague.
describe.each(DATABASE_KINDS)('reviewing a held START on the Replies page, on %s', (kind) => {
  let app: FastifyInstance
  /** Ada, an editor signed in; the admin is the tests' API key (its maker, "Key maker"); a viewer's key reads only. */
  let ada: Headers = {}
  let viewer: Headers = {}
  const admin: Headers = {}
  const KEY_MAKER = 'Key maker (API key "tests")'
  let serial = 0
  const reply = (phone: string, text: string, at: number) => {
    serial += 1
    return receiveReply(app.database.db, { provider: 'sandbox', providerMessageId: `h-${serial}`, phone, text, at })
  }
  const rowOf = async (phone: string, text: string) =>
    (await app.inject({ method: 'GET', url: '/api/replies' })).json().replies.find((row: { phone: string; text: string }) => row.phone === phone && row.text === text)
  const review = (id: number, decision: unknown, person: Headers = ada, language = 'en') =>
    app.inject({ method: 'POST', url: `/api/replies/${id}/review`, headers: { ...person, 'accept-language': language }, payload: { decision } })
  const suppression = async (phone: string) =>
    (await app.database.db.select({ source: suppressions.source, optedOutBy: suppressions.optedOutBy }).from(suppressions).where(eq(suppressions.phone, phone)))[0] ?? null

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => NOW })
    await accessRepository(app.database.db).createUser({ email: 'ada@shop.example', name: 'Ada Lovelace', role: 'editor', password: 'editor-password-1' })
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { anonymous: 'yes' }, payload: { email: 'ada@shop.example', password: 'editor-password-1' } })
    ada = { cookie: String(login.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': login.json().csrfToken }
    const viewerId = randomUUID()
    await app.database.db.insert(users).values({ id: viewerId, email: 'vi@shop.example', name: 'Vi', role: 'viewer', passwordHash: 'scrypt$1$1$1$AA==$AA==' })
    viewer = { authorization: `Bearer ${(await accessRepository(app.database.db).createApiKey('reader', ['contacts:read', 'messages:read'], viewerId)).secret}` }
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('names the colleague who opted the number out, on the held START', async () => {
    const phone = '+8613914440001'
    await reply(phone, '不需要', NOW - 60 * MINUTE)
    const asked = await rowOf(phone, '不需要')
    expect((await app.inject({ method: 'POST', url: `/api/replies/${asked.id}/opt-out`, headers: admin })).statusCode).toBe(200)
    await reply(phone, '订阅', NOW - 30 * MINUTE)
    const held = await rowOf(phone, '订阅')
    expect([held.action, held.optOutSource, held.optedOutBy, held.reviewedBy, held.reviewedAt]).toEqual(['opt_in_held', 'admin', KEY_MAKER, null, null])
  })

  it("an editor lifts an import's opt-out from a held START: the number and its contact may get marketing again, and who did it is kept", async () => {
    const phone = '+8613914440002'
    expect((await importedJob(app, `id,phone,consent,黑名单\nHELD-1,${phone},yes,是\n`, 'text/csv')).status).toBe('done')
    // The contact moved away and back: it carries the import's opt-out too.
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'HELD-1', phone: '+8613914440003', consent: true }] })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'HELD-1', phone, consent: true }] })
    await reply(phone, 'START', NOW - 10 * MINUTE)
    const held = await rowOf(phone, 'START')
    expect([held.action, held.optOutSource, held.optedOutBy]).toEqual(['opt_in_held', 'import', null])
    const before = Date.now()
    const lifted = await review(held.id, 'lift')
    expect(lifted.statusCode).toBe(200)
    expect(lifted.json()).toEqual({ action: 'opted_in', reviewedBy: 'Ada Lovelace', reviewedAt: expect.any(String) })
    // An audit record says when it really happened: the wall clock, not the journeys' clock.
    expect(Date.parse(lifted.json().reviewedAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(await suppression(phone)).toBe(null)
    const [contact] = await app.database.db.select({ optedOutAt: contacts.optedOutAt, optOutSource: contacts.optOutSource }).from(contacts).where(eq(contacts.externalId, 'HELD-1'))
    expect(contact).toEqual({ optedOutAt: null, optOutSource: null })
    const row = await rowOf(phone, 'START')
    expect([row.action, row.suppressed, row.reviewedBy]).toEqual(['opted_in', false, 'Ada Lovelace'])
    const [stored] = await app.database.db
      .select({ keyword: inboundMessages.keyword, reviewedBy: inboundMessages.reviewedBy, reviewedByRef: inboundMessages.reviewedByRef })
      .from(inboundMessages)
      .where(eq(inboundMessages.id, held.id))
    expect(stored?.keyword).toBe('start')
    expect(stored?.reviewedBy).toBe('Ada Lovelace')
    expect(stored?.reviewedByRef).toMatch(/^user:[0-9a-f-]{36}$/)
    const needsReview = (await app.inject({ method: 'GET', url: '/api/replies?review=true' })).json().replies.map((one: { id: number }) => one.id)
    expect(needsReview).not.toContain(held.id)
  })

  it('an admin keeps the opt-out: the number stays suppressed and the START leaves the review list, marked kept', async () => {
    const phone = '+8613914440004'
    await reply(phone, '这是骚扰', NOW - 60 * MINUTE)
    await reply(phone, 'START', NOW - 10 * MINUTE)
    const held = await rowOf(phone, 'START')
    const kept = await review(held.id, 'keep', admin)
    expect([kept.statusCode, kept.json().action, kept.json().reviewedBy]).toEqual([200, 'opt_out_kept', KEY_MAKER])
    expect((await suppression(phone))?.source).toBe('complaint')
    const row = await rowOf(phone, 'START')
    expect([row.action, row.suppressed, row.reviewedBy]).toEqual(['opt_out_kept', true, KEY_MAKER])
    // The key is named by its maker in either language, its words in the caller's.
    const again = await review(held.id, 'lift', admin, 'zh-CN')
    expect([again.statusCode, again.json().message]).toEqual([409, 'Key maker(API 密钥"tests") 已审核过这条订阅回复:保持退订'])
    const needsReview = (await app.inject({ method: 'GET', url: '/api/replies?review=true' })).json().replies.map((one: { id: number }) => one.id)
    expect(needsReview).not.toContain(held.id)
  })

  it('a viewer may not review; the answer says so and nothing changes', async () => {
    const phone = '+8613914440005'
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'HELD-2', phone, consent: true, suppressed: true }] })
    await reply(phone, 'START', NOW - 10 * MINUTE)
    const held = await rowOf(phone, 'START')
    const refused = await review(held.id, 'lift', viewer)
    expect(refused.statusCode).toBe(403)
    expect((await suppression(phone))?.source).toBe('import')
    expect((await rowOf(phone, 'START')).action).toBe('opt_in_held')
  })

  it('refuses, in the one error shape and both languages, a reply that is not a held START, one reviewed already, a bad decision and an unknown reply', async () => {
    const phone = '+8613914440006'
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'HELD-3', phone, consent: true, suppressed: true }] })
    await reply(phone, 'TD', NOW - 20 * MINUTE)
    await reply(phone, 'START', NOW - 10 * MINUTE)
    const stop = await rowOf(phone, 'TD')
    const notHeld = await review(stop.id, 'lift')
    expect([notHeld.statusCode, notHeld.json()]).toEqual([
      409,
      {
        error: 'reply_not_held',
        message: 'Only a START held for review can be reviewed',
        problems: [
          {
            code: 'reply_not_held',
            severity: 'error',
            path: '/params/id',
            message: { en: 'Only a START held for review can be reviewed', zh: '只有待审核的订阅回复可以审核' },
            text: 'Only a START held for review can be reviewed',
          },
        ],
      },
    ])
    const held = await rowOf(phone, 'START')
    expect((await review(held.id, 'keep')).statusCode).toBe(200)
    const again = await review(held.id, 'lift', admin, 'zh-CN')
    expect([again.statusCode, again.json().error, again.json().message]).toEqual([409, 'reply_already_reviewed', 'Ada Lovelace 已审核过这条订阅回复:保持退订'])
    expect((await suppression(phone))?.source).toBe('import')
    const bad = await review(held.id, 'maybe', admin, 'zh-CN')
    expect([bad.statusCode, bad.json().error, bad.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, 'invalid_request', ['/body/decision']])
    const unknown = await review(987654, 'lift')
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'reply_not_found'])
  })

  it('does not lift an opt-out when the number replied to opt out again after the START', async () => {
    const phone = '+8613914440007'
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'HELD-4', phone, consent: true, suppressed: true }] })
    await reply(phone, 'START', NOW - 30 * MINUTE)
    await reply(phone, '骚扰', NOW - 20 * MINUTE)
    const held = await rowOf(phone, 'START')
    const refused = await review(held.id, 'lift')
    expect([refused.statusCode, refused.json().error, refused.json().message]).toEqual([
      409,
      'opted_out_after_start',
      'The number replied to opt out again after this START: it stays opted out',
    ])
    expect((await suppression(phone))?.source).toBe('import')
    // Kept by the later STOP, with no colleague named: it no longer waits for review, nor offers a lift.
    expect([(await rowOf(phone, 'START')).action, (await rowOf(phone, 'START')).reviewedBy]).toEqual(['opt_out_kept', null])
    const waiting = await app.inject({ method: 'GET', url: '/api/replies?review=true' })
    expect(waiting.json().replies.filter((row: { phone: string }) => row.phone === phone)).toEqual([])
    const rows = await app.database.db.select({ keyword: inboundMessages.keyword }).from(inboundMessages).where(eq(inboundMessages.phone, phone)).orderBy(asc(inboundMessages.id))
    expect(rows.map((row) => row.keyword)).toEqual(['start_kept', 'stop'])
  })
})
