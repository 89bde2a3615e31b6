import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactImportRows, contacts } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'
import { rowCounts } from '../support/row-counts'

const REPEATED = { en: 'id "DI-1" appears twice', zh: 'id "DI-1" 重复出现' }

describe.each(DATABASE_KINDS)('an id given twice in one upload on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('is refused with its own code on the import jobs, in CSV and NDJSON, and nothing is written', async () => {
    const csv = await importedJob(app, 'id,phone\nDI-1,13812345701\nDI-2,13812345702\nDI-1,13812345703\n', 'text/csv', 'zh-CN')
    expect([csv.status, csv.errorCount, csv.errors]).toEqual([
      'invalid',
      1,
      [{ row: 4, field: 'id', code: 'contact.duplicate_id', path: '/body/4/id', message: REPEATED, text: REPEATED.zh }],
    ])
    const ndjson = await importedJob(app, '{"id":"DI-1"}\n{"编号":"DI-1"}\n', 'application/x-ndjson')
    expect([ndjson.status, ndjson.errors]).toEqual(['invalid', [{ row: 2, field: 'id', code: 'contact.duplicate_id', path: '/body/2/id', message: REPEATED, text: REPEATED.en }]])
    expect(await rowCounts(app, { contacts, staged: contactImportRows })).toEqual({ contacts: 0, staged: 0 })
  })

  it('is refused with its own code by the direct import, as a bad row rather than a refused request', async () => {
    const problem = { code: 'contact.duplicate_id', severity: 'error', message: REPEATED, text: REPEATED.en }
    const csv = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: 'id\nDI-1\nDI-1\n' })
    expect([csv.statusCode, csv.json().error, csv.json().problems]).toEqual([400, 'invalid_contacts', [{ ...problem, path: '/body/3/id' }]])
    const json = await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'DI-1' }, { id: 'DI-1' }] })
    expect([json.statusCode, json.json().error, json.json().problems]).toEqual([400, 'invalid_contacts', [{ ...problem, path: '/body/1/id' }]])
    expect(await rowCounts(app, { contacts })).toEqual({ contacts: 0 })
  })
})
