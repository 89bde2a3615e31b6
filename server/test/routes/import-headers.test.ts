import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactImportRows, contacts } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { rowCounts } from '../support/row-counts'

/** Header rows where two columns mean one field, with the field and both headers as the refusal names them. */
const REPEATED: [string, string, string, string][] = [
  ['id,phone,consent,是否同意\nDC-4,13812340087,no,是\n', 'consent', 'consent', '是否同意'],
  ['id,phone,id\nDC-5,13812340088,DC-6\n', 'id', 'id', 'id'],
  ['ID,phone,会员号\nDC-7,13812340089,DC-8\n', 'id', 'ID', '会员号'],
  ['id,time_zone,timeZone\nDC-9,Asia/Shanghai,Asia/Tokyo\n', 'time_zone', 'time_zone', 'timeZone'],
  ['id,name,姓名\nDC-10,Wei,张伟\n', 'name', 'name', '姓名'],
]

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

  it.each(REPEATED)('refuses %j on both import routes, naming the field and both columns, and writes nothing', async (csv, field, first, second) => {
    const en = `The header row has two columns for ${field}: "${first}" and "${second}"; keep one of them`
    const zh = `表头中有两列都表示 ${field}:"${first}" 和 "${second}";请只保留其中一列`
    for (const [language, text] of [
      ['en', en],
      ['zh-CN', zh],
    ]) {
      const direct = await post('/api/contacts/import', csv, language as string)
      expect([direct.statusCode, direct.json().error, direct.json().problems]).toEqual([
        400,
        'invalid_contacts',
        [{ code: 'contact.duplicate_field', severity: 'error', path: `/body/1/${field}`, message: { en, zh }, text }],
      ])
      const started = await post('/api/imports', csv, language as string)
      expect(started.statusCode).toBe(202)
      const job = await finished(started.json().id, language as string)
      expect([job.status, job.rowsValid, job.errorCount, job.errors]).toEqual([
        'invalid',
        0,
        1,
        [{ row: 1, field, code: 'contact.duplicate_field', path: `/body/1/${field}`, message: { en, zh }, text }],
      ])
    }
    expect(await written()).toEqual({ contacts: 0, staged: 0 })
  })

  it('still reads a header whose only repeats are unnamed columns, and different fields side by side', async () => {
    const answer = await post('/api/contacts/import', 'id,phone,consent,,\nDC-11,13812340090,是,,\n', 'en')
    expect([answer.statusCode, answer.json().inserted]).toEqual([200, 1])
  })
})
