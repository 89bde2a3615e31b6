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

  // Found by an outside tester: unsubscribed "maybe" was kept as an attribute that did nothing.
  it('refuses an opt-out or consent trait by its exact name whose value is no yes or no, naming the trait and the values read, and writes nothing', async () => {
    const values = { en: 'yes or no (true/false, yes/no, y/n, 1/0 or 是/否)', zh: '是或否(true/false、yes/no、y/n、1/0 或 是/否)' }
    expect(await problems(await identify({ unsubscribed: 'maybe', phone: '13900014001' }, 'en', 'YN-1'))).toEqual([
      400,
      [['contact.suppressed', '/body/traits/unsubscribed', `unsubscribed must be ${values.en}, not "maybe"`]],
    ])
    expect(await problems(await identify({ 是否退订: '2' }, 'zh-CN', 'YN-2'))).toEqual([
      400,
      [['contact.suppressed', '/body/traits/是否退订', `是否退订必须为${values.zh},而不是"2"`]],
    ])
    expect(await problems(await identify({ 'Opt-Out': 'later', DNC: ['yes'] }, 'zh-CN', 'YN-3'))).toEqual([
      400,
      [
        ['contact.suppressed', '/body/traits/Opt-Out', `Opt-Out 必须为${values.zh},而不是"later"`],
        ['contact.suppressed', '/body/traits/DNC', 'DNC 必须为文本或数字,不能是列表或对象'],
      ],
    ])
    expect(await problems(await identify({ sms_consent: 'maybe' }, 'en', 'YN-4'))).toEqual([
      400,
      [['contact.consent', '/body/traits/sms_consent', `sms_consent must be ${values.en}, not "maybe"`]],
    ])
    expect(await problems(await identify({ 是否同意: '2' }, 'zh-CN', 'YN-5'))).toEqual([
      400,
      [['contact.consent', '/body/traits/是否同意', `是否同意必须为${values.zh},而不是"2"`]],
    ])
    expect((await stored()).filter((row) => row.externalId.startsWith('YN-'))).toEqual([])
    // A name that only speaks of opting out is an attribute, whatever it holds.
    expect((await identify({ unsubscribe_reason: 'maybe', unsubscribed: 'no' }, 'en', 'YN-6')).statusCode).toBe(200)
    expect((await stored()).filter((row) => row.externalId.startsWith('YN-'))).toEqual([
      { externalId: 'YN-6', phone: null, consent: false, attributes: { unsubscribe_reason: 'maybe', unsubscribed: 'no' } },
    ])
    await app.inject({ method: 'DELETE', url: '/api/contacts/YN-6' })
  })

  it('refuses an imported opt-out or consent column under any of its names whose value is no yes or no, as identify does', async () => {
    const imported = (payload: string | object, language: string, contentType = 'application/json') =>
      app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': contentType, 'accept-language': language }, payload })
    const texts = async (answer: Awaited<ReturnType<typeof imported>>) => [
      answer.statusCode,
      answer.json().error,
      answer.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text]),
    ]
    expect(await texts(await imported([{ id: 'YI-1', unsubscribed: 'maybe' }], 'en'))).toEqual([
      400,
      'invalid_contacts',
      [['/body/0/suppressed', 'suppressed must be yes or no (true/false, yes/no, y/n, 1/0 or 是/否), not "maybe"']],
    ])
    expect(await texts(await imported('编号,是否退订,是否同意\nYI-2,2,也许\n', 'zh-CN', 'text/csv'))).toEqual([
      400,
      'invalid_contacts',
      [
        ['/body/2/consent', '同意状态必须为是或否(true/false、yes/no、y/n、1/0 或 是/否),而不是"也许"'],
        ['/body/2/suppressed', '退订状态必须为是或否(true/false、yes/no、y/n、1/0 或 是/否),而不是"2"'],
      ],
    ])
    expect((await stored()).filter((row) => row.externalId.startsWith('YI-'))).toEqual([])
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
