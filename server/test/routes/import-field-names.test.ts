import { inArray } from 'drizzle-orm'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactImportRows, suppressions } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob, storedContacts } from '../support/import-jobs'
import { rowCounts } from '../support/row-counts'

/** Every name a contacts file may give each reserved field, as a CSV header or an NDJSON/JSON key. */
const NAMES = {
  id: ['id', 'ID', 'Id', '编号', '客户编号', '会员号'],
  phone: ['phone', 'Phone', 'PHONE', 'mobile', '手机号', '手机', '手机号码'],
  time_zone: ['time_zone', 'Time_Zone', 'timeZone', 'timezone', '时区'],
  consent: ['consent', 'Consent', '是否同意', '同意营销'],
  name: ['name', 'Name', '姓名'],
} as const
type Field = keyof typeof NAMES

const ndjson = (records: readonly object[]) => records.map((record) => JSON.stringify(record)).join('\n')
const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

describe.each(DATABASE_KINDS)('contact fields by any of their names, in every format, on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const stored = (prefix: string) => storedContacts(app, prefix)

  it('reads an NDJSON written with Chinese keys as the CSV reads its Chinese headers', async () => {
    const lines = ndjson([
      { 编号: 'ZH-1', 手机号: '13812345601', 时区: 'Asia/Shanghai', 是否同意: '是', 姓名: '张伟' },
      { 会员号: 'ZH-2', 手机: '13812345602', 同意营销: '否', 姓名: '王芳' },
      { ID: 'ZH-3', 手机号码: '13812345603', 是否同意: true },
    ])
    const job = await importedJob(app, lines, 'application/x-ndjson', 'zh-CN')
    expect([job.status, job.errors, job.result]).toEqual(['done', [], { inserted: 3, updated: 0, consentGiven: 2, consentNotGiven: 1 }])
    expect(await stored('ZH-')).toEqual([
      { externalId: 'ZH-1', phone: '+8613812345601', timeZone: 'Asia/Shanghai', consent: true, attributes: { name: '张伟' } },
      { externalId: 'ZH-2', phone: '+8613812345602', timeZone: null, consent: false, attributes: { name: '王芳' } },
      { externalId: 'ZH-3', phone: '+8613812345603', timeZone: null, consent: true, attributes: {} },
    ])
  })

  it('reads a JSON body written with Chinese keys the same way', async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ 编号: 'ZJ-1', 手机号: '13812345611', 是否同意: '是', 姓名: '李娜' }] })
    expect([answer.statusCode, answer.json().consent.given]).toEqual([200, 1])
    expect(await stored('ZJ-')).toEqual([{ externalId: 'ZJ-1', phone: '+8613812345611', timeZone: null, consent: true, attributes: { name: '李娜' } }])
  })

  it('refuses a contact giving one field under two keys, naming both, in NDJSON and JSON, and writes nothing', async () => {
    const en = 'The contact gives consent twice: "consent" and "是否同意"; keep one of them'
    const zh = '此联系人两次给出 consent:"consent" 和 "是否同意";请只保留其中一个'
    const lines = ndjson([
      { id: 'ZD-1', phone: '13812345621' },
      { id: 'ZD-2', consent: 'no', 是否同意: '是' },
    ])
    const job = await importedJob(app, lines, 'application/x-ndjson', 'zh-CN')
    expect([job.status, job.errorCount, job.errors]).toEqual([
      'invalid',
      1,
      [{ row: 2, field: 'consent', code: 'contact.duplicate_field', path: '/body/2/consent', message: { en, zh }, text: zh }],
    ])
    const direct = await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'ZD-3', 编号: 'ZD-4' }] })
    expect([direct.statusCode, direct.json().error, direct.json().problems]).toEqual([
      400,
      'invalid_contacts',
      [
        {
          code: 'contact.duplicate_field',
          severity: 'error',
          path: '/body/0/id',
          message: { en: 'The contact gives id twice: "id" and "编号"; keep one of them', zh: '此联系人两次给出 id:"id" 和 "编号";请只保留其中一个' },
          text: 'The contact gives id twice: "id" and "编号"; keep one of them',
        },
      ],
    ])
    expect(await stored('ZD-')).toEqual([])
    expect(await rowCounts(app, { staged: contactImportRows })).toEqual({ staged: 0 })
  })

  it('reads every name an export gives an opt-out column as the opt-out, in CSV and NDJSON alike', async () => {
    const OPT_OUT_NAMES = [
      'suppressed',
      'Suppressed',
      'SUPPRESSED',
      '是否退订',
      '退订',
      '已退订',
      '黑名单',
      '免打扰',
      'opted_out',
      'Opted Out',
      'opt_out',
      'optout',
      'unsubscribed',
      'do_not_contact',
      'DNC',
      'blacklist',
      'blocklist',
      'Opt-Out',
      'Unsubscribe',
      'Do Not Contact',
      'ＤＮＣ',
      '是否退订(是/否)',
      '退订状态',
      'SMS退订',
      '是否拉黑',
      '是否黑名单',
    ]
    const phoneOf = (index: number, format: number) => `+86139${String(format)}${String(index).padStart(7, '0')}`
    for (const [index, name] of OPT_OUT_NAMES.entries()) {
      const csv = `编号,手机号,是否同意,${name}\nOC-${index},${phoneOf(index, 1)},是,是\n`
      const lines = ndjson([{ id: `ON-${index}`, phone: phoneOf(index, 2), consent: 'yes', [name]: 'yes' }])
      const [csvJob, ndjsonJob] = [await importedJob(app, csv, 'text/csv'), await importedJob(app, lines, 'application/x-ndjson')]
      expect([name, csvJob.status, csvJob.errors, ndjsonJob.status, ndjsonJob.errors]).toEqual([name, 'done', [], 'done', []])
    }
    const phones = OPT_OUT_NAMES.flatMap((_, index) => [phoneOf(index, 1), phoneOf(index, 2)])
    const suppressed = await app.database.db.select({ phone: suppressions.phone }).from(suppressions).where(inArray(suppressions.phone, phones))
    expect(suppressed.map((row) => row.phone).sort()).toEqual([...phones].sort())
    // Not kept as an attribute beside the flag.
    expect((await stored('OC-')).every((row) => Object.keys(row.attributes).length === 0)).toBe(true)
  })

  it('imports the same contacts written as CSV and as NDJSON, under any of their names, to identical rows', async () => {
    const contact = fc.record({
      phone: fc.constantFrom('', '13812345631', '+86 138 1234 5632', '8613812345633'),
      time_zone: fc.constantFrom('', 'Asia/Shanghai', 'Asia/Tokyo', 'America/New_York'),
      consent: fc.constantFrom('', 'yes', 'no', '是', '否', 'true', 'false', '1', '0', 'Y', 'n'),
      name: fc.constantFrom('', '张伟', 'Wang, Fang', '李"娜"', ' 赵敏 '),
    })
    // The names each file uses: one per field for the CSV's header, one per field and line for the NDJSON.
    const names = fc.record(Object.fromEntries(Object.entries(NAMES).map(([field, aliases]) => [field, fc.constantFrom(...aliases)])) as Record<Field, fc.Arbitrary<string>>)
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(contact, names), { minLength: 1, maxLength: 5 }), names, async (rows, header) => {
        run += 1
        const fields = Object.keys(NAMES) as Field[]
        const csv = [
          fields.map((field) => csvCell(header[field])).join(','),
          ...rows.map(([values], index) => [`C${run}-${index}`, ...fields.slice(1).map((field) => csvCell(values[field as keyof typeof values]))].join(',')),
        ].join('\n')
        const lines = ndjson(
          rows.map(([values, keys], index) => ({
            [keys.id]: `N${run}-${index}`,
            ...Object.fromEntries(fields.slice(1).map((field) => [keys[field], values[field as keyof typeof values]])),
          })),
        )
        const [csvJob, ndjsonJob] = [await importedJob(app, csv, 'text/csv'), await importedJob(app, lines, 'application/x-ndjson')]
        expect([csvJob.status, csvJob.errors, ndjsonJob.status, ndjsonJob.errors]).toEqual(['done', [], 'done', []])
        const unprefixed = async (prefix: string) => (await stored(prefix)).map((row) => ({ ...row, externalId: row.externalId.slice(prefix.length) }))
        expect(await unprefixed(`N${run}-`)).toEqual(await unprefixed(`C${run}-`))
        expect((await stored(`C${run}-`)).length).toBe(rows.length)
      }),
      { numRuns: 15 },
    )
  })
})
