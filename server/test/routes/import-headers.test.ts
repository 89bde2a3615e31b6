import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactImportRows, contacts } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { storedContacts } from '../support/import-jobs'
import { rowCounts } from '../support/row-counts'

/** Header rows where two columns mean one field, with the field, both headers and their columns (1-based) as the refusal names them. */
const REPEATED: [string, string, string, string, number, number][] = [
  ['id,phone,consent,是否同意\nDC-4,13812340087,no,是\n', 'consent', 'consent', '是否同意', 3, 4],
  ['id,phone,id\nDC-5,13812340088,DC-6\n', 'id', 'id', 'id', 1, 3],
  ['ID,phone,会员号\nDC-7,13812340089,DC-8\n', 'id', 'ID', '会员号', 1, 3],
  ['id,time_zone,timeZone\nDC-9,Asia/Shanghai,Asia/Tokyo\n', 'time_zone', 'time_zone', 'timeZone', 2, 3],
  ['id,name,姓名\nDC-10,Wei,张伟\n', 'name', 'name', '姓名', 2, 3],
]
/** Spreadsheet letters of the columns above. */
const LETTER = ['', 'A', 'B', 'C', 'D']

describe.each(DATABASE_KINDS)('a CSV header with two columns for one field on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const written = () => rowCounts(app, { contacts, staged: contactImportRows })
  const post = (url: string, csv: string, language: string) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'text/csv', 'accept-language': language }, payload: csv })
  async function finished(id: string, language: string) {
    for (;;) {
      const job = (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { 'accept-language': language } })).json()
      if (job.status !== 'running') return job
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  /** The one problem both import routes name, in each language, for a file refused as a whole; nothing may be written. */
  async function refusedOnBothRoutes(csv: string, problem: { code: string; row: number; field: string; message: { en: string; zh: string } }) {
    const { code, row, field, message } = problem
    const path = `/body/${row}${field ? `/${field}` : ''}`
    for (const [language, text] of [
      ['en', message.en],
      ['zh-CN', message.zh],
    ] as const) {
      const direct = await post('/api/contacts/import', csv, language)
      expect([direct.statusCode, direct.json().error, direct.json().problems]).toEqual([400, 'invalid_contacts', [{ code, severity: 'error', path, message, text }]])
      const started = await post('/api/imports', csv, language)
      expect(started.statusCode).toBe(202)
      const job = await finished(started.json().id, language)
      expect([job.status, job.rowsValid, job.errorCount, job.errors]).toEqual(['invalid', 0, 1, [{ row, field, code, path, message, text }]])
    }
    expect(await written()).toEqual({ contacts: 0, staged: 0 })
  }

  it.each(REPEATED)('refuses %j on both import routes, naming the field and both columns, and writes nothing', async (csv, field, first, second, at, then) => {
    await refusedOnBothRoutes(csv, {
      code: 'contact.duplicate_field',
      row: 1,
      field,
      message: {
        en: `The header row has two columns for ${field}: "${first}" in column ${at} (${LETTER[at]}) and "${second}" in column ${then} (${LETTER[then]}); keep one of them`,
        zh: `表头中有两列都表示 ${field}:第 ${at} 列(${LETTER[at]} 列)"${first}" 和第 ${then} 列(${LETTER[then]} 列)"${second}";请只保留其中一列`,
      },
    })
  })

  // Found by an outside tester: of two unnamed columns with values, only the second's was kept, as an attribute with no name.
  it.each([
    ['id,phone,,\nDC-12,13812340091,vip,gold\n', 3, 'C', 2],
    ['id,phone,,\nDC-13,13812340092,,\nDC-14,13812340093,,gold\n', 4, 'D', 3],
    ['id,,phone\nDC-15,vip,13812340094\n', 2, 'B', 2],
    ['id,phone," "\nDC-16,13812340095,vip\n', 3, 'C', 2],
  ] as const)('refuses %j, a value under a column with no name, on both import routes, naming the column and line', async (csv, position, letter, line) => {
    await refusedOnBothRoutes(csv, {
      code: 'contact.unnamed_column',
      row: 1,
      field: '',
      message: {
        en: `The header row has no name for column ${position} (${letter}), but line ${line} has a value in it: name the column, or empty it`,
        zh: `表头中第 ${position} 列(${letter} 列)没有名称,但第 ${line} 行在该列中有值:请为该列命名,或清空该列`,
      },
    })
  })

  it('still reads a header whose only repeats are unnamed columns with nothing under them, on both routes, keeping no nameless attribute', async () => {
    const answer = await post('/api/contacts/import', 'id,phone,consent,,\nDC-11,13812340090,是,,\n', 'en')
    expect([answer.statusCode, answer.json().inserted]).toEqual([200, 1])
    const job = await finished((await post('/api/imports', 'id,phone,,\nDC-17,13812340096, ,\n', 'en')).json().id, 'en')
    expect([job.status, job.result?.inserted]).toEqual(['done', 1])
    expect(await storedContacts(app, 'DC-')).toEqual([
      { externalId: 'DC-11', phone: '+8613812340090', timeZone: null, consent: true, attributes: {} },
      { externalId: 'DC-17', phone: '+8613812340096', timeZone: null, consent: false, attributes: {} },
    ])
  })
})
