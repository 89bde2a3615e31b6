import { asc } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

/** Found by an outside tester: traits that contradict each other, opt-out traits, and JSON objects where text belongs. */
describe.each(DATABASE_KINDS)('identify traits and imported fields that are not what they seem, on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => Date.parse('2026-11-24T10:00:00+08:00') })
  })
  afterAll(async () => {
    await app?.close()
  })

  const identify = (traits: Record<string, unknown>, language = 'en', userId = 'T-1') =>
    app.inject({ method: 'POST', url: '/api/v1/identify', headers: { 'accept-language': language }, payload: { userId, traits } })
  const problems = async (answer: Awaited<ReturnType<typeof identify>>) => [
    answer.statusCode,
    answer.json().problems.map((problem: { code: string; path: string; text: string }) => [problem.code, problem.path, problem.text]),
  ]
  const stored = () =>
    app.database.db
      .select({ externalId: contacts.externalId, phone: contacts.phone, consent: contacts.consent, attributes: contacts.attributes })
      .from(contacts)
      .orderBy(asc(contacts.externalId))

  it('refuses two traits for one field, whichever comes first, naming both in English and Chinese, and writes nothing', async () => {
    expect(await problems(await identify({ phone: '13900013003', sms_consent: false, consent: true }))).toEqual([
      400,
      [['contact.field_twice', '/body/traits/consent', 'The contact gives consent twice: "sms_consent" and "consent"; keep one of them']],
    ])
    expect(await problems(await identify({ sms_consent: false, consent: true }, 'zh-CN'))).toEqual([
      400,
      [['contact.field_twice', '/body/traits/consent', '此联系人两次给出 consent:"sms_consent" 和 "consent";请只保留其中一个']],
    ])
    expect((await problems(await identify({ phone: '13900013001', mobile: '13900013002', timezone: 'Asia/Shanghai', time_zone: 'Asia/Tokyo' })))[1]).toEqual([
      ['contact.field_twice', '/body/traits/mobile', 'The contact gives phone twice: "phone" and "mobile"; keep one of them'],
      ['contact.field_twice', '/body/traits/time_zone', 'The contact gives time_zone twice: "timezone" and "time_zone"; keep one of them'],
    ])
    expect((await problems(await identify({ Consent: true, sms_consent: false })))[1]).toEqual([
      ['contact.field_twice', '/body/traits/sms_consent', 'The contact gives consent twice: "Consent" and "sms_consent"; keep one of them'],
    ])
    expect(await stored()).toEqual([])
  })

  it('reads a trait named as a contacts file names the field (Consent, 手机号) as that field, not an attribute', async () => {
    expect((await identify({ 手机号: '13900013011', Consent: true }, 'en', 'CAP-1')).statusCode).toBe(200)
    expect((await identify({ Consent: false }, 'en', 'CAP-1')).statusCode).toBe(200)
    expect((await stored()).find((row) => row.externalId === 'CAP-1')).toEqual({ externalId: 'CAP-1', phone: '+8613900013011', consent: false, attributes: {} })
    await app.inject({ method: 'DELETE', url: '/api/contacts/CAP-1' })
  })

  it('reads an opt-out trait saying yes as consent withdrawn, keeps it as an attribute, and refuses it beside consent yes', async () => {
    expect((await identify({ phone: '13900012001', consent: true }, 'en', 'OPT-1')).statusCode).toBe(200)
    expect((await identify({ unsubscribed: true, 是否退订: '是' }, 'en', 'OPT-1')).statusCode).toBe(200)
    expect((await identify({ unsubscribe_reason: 'too many', opted_out: 'no' }, 'en', 'OPT-2')).statusCode).toBe(200)
    expect(await problems(await identify({ consent: true, unsubscribed: 'yes' }, 'zh-CN', 'OPT-3'))).toEqual([
      400,
      [['contact.consent_contradicted', '/body/traits/unsubscribed', 'unsubscribed 表示此人已退订,但同意状态为"是":请只发送其中一个']],
    ])
    expect(await stored()).toEqual([
      { externalId: 'OPT-1', phone: '+8613900012001', consent: false, attributes: { unsubscribed: true, 是否退订: '是' } },
      { externalId: 'OPT-2', phone: null, consent: false, attributes: { unsubscribe_reason: 'too many', opted_out: 'no' } },
    ])
  })

  it('refuses a list or an object where a field takes text, naming the field, never a 500', async () => {
    const hostile = { toString: 1 }
    expect(await problems(await identify({ phone: hostile, timezone: ['Asia/Shanghai'], consent: hostile }, 'en', 'OBJ-1'))).toEqual([
      400,
      [
        ['contact.phone', '/body/traits/phone', 'phone must be text or a number, not a list or an object'],
        ['contact.time_zone', '/body/traits/timezone', 'timezone must be text or a number, not a list or an object'],
        ['contact.consent', '/body/traits/consent', 'consent must be text or a number, not a list or an object'],
      ],
    ])
    const imported = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      payload: [
        { id: ['J-6'], phone: '13900010001' },
        { id: 'J-7', phone: hostile, consent: ['yes'] },
      ],
    })
    expect(imported.statusCode).toBe(400)
    expect(imported.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])).toEqual([
      ['/body/0/id', 'id 必须为文本或数字,不能是列表或对象'],
      ['/body/1/phone', 'phone 必须为文本或数字,不能是列表或对象'],
    ])
    expect(await stored()).toHaveLength(2)
  })

  it('refuses an imported id longer than the 200 characters every other route takes, in both languages', async () => {
    const long = 'X'.repeat(201)
    const csv = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: `id,phone\n${long},13900010009\n` })
    expect([csv.statusCode, csv.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      400,
      [['/body/2/id', 'id is 201 characters long; at most 200']],
    ])
    const json = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'accept-language': 'zh-CN' }, payload: [{ id: long }] })
    expect(json.json().problems[0].text).toBe('id 长度为 201 个字符,最多 200 个')
    expect((await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'Y'.repeat(200) }] })).statusCode).toBe(200)
  })
})
