import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { contactImportRows, contactImports, contacts } from '../../src/db/schema/index'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'
import { rowCounts } from '../support/row-counts'

const EMPTY = { en: 'The file is empty', zh: '文件为空' }
const HEADER_ONLY = {
  en: 'The file has a header row but no rows below it: add at least one contact',
  zh: '文件只有表头,表头下没有任何行:请至少添加一个联系人',
}
const EMPTY_LIST = { en: 'The list has no contacts: send at least one', zh: '列表中没有联系人:请至少发送一个' }

/** The whole answer of a request refused as a whole, in the language asked for. */
const refusal = (code: string, message: { en: string; zh: string }, language: 'en' | 'zh-CN') => {
  const text = language === 'en' ? message.en : message.zh
  return { error: code, message: text, problems: [{ code, severity: 'error', path: '/body', message, text }] }
}

/** Found by an outside tester: an empty file, or a header alone, answered "imported: 0" as if it had worked. */
describe.each(DATABASE_KINDS)('a contacts upload with nothing to import on %s', (kind) => {
  const app = useTestApp(kind)
  const written = (current: FastifyInstance) => rowCounts(current, { contacts, staged: contactImportRows, jobs: contactImports })
  const post = (url: string, payload: string | object, language: 'en' | 'zh-CN', contentType = 'text/csv') =>
    app().inject({ method: 'POST', url, headers: { 'content-type': contentType, 'accept-language': language }, payload })

  it.each([
    ['no bytes', '', 'import.empty', EMPTY],
    ['only blank lines', '\n \n\r\n', 'import.empty', EMPTY],
    ['only a byte-order mark', '\uFEFF', 'import.empty', EMPTY],
    ['a header alone', 'id,phone,consent\n', 'import.no_rows', HEADER_ONLY],
    ['a header and blank lines', '手机号,编号\n\n\n', 'import.no_rows', HEADER_ONLY],
  ] as const)('refuses a CSV of %s sent to /api/contacts/import with 400 and its code, in both languages, and writes nothing', async (_what, csv, code, message) => {
    for (const language of ['en', 'zh-CN'] as const) {
      const answer = await post('/api/contacts/import', csv, language)
      expect([answer.statusCode, answer.json()]).toEqual([400, refusal(code, message, language)])
    }
    expect(await written(app())).toEqual({ contacts: 0, staged: 0, jobs: 0 })
  })

  it('refuses an empty JSON list sent to /api/contacts/import, as a CSV header alone is refused', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const answer = await post('/api/contacts/import', [], language, 'application/json')
      expect([answer.statusCode, answer.json()]).toEqual([400, refusal('import.no_rows', EMPTY_LIST, language)])
    }
    expect(await written(app())).toEqual({ contacts: 0, staged: 0, jobs: 0 })
  })

  it('refuses an upload of no bytes to /api/imports before any job is recorded, for CSV and NDJSON', async () => {
    for (const contentType of ['text/csv', 'application/x-ndjson'])
      for (const language of ['en', 'zh-CN'] as const) {
        const answer = await post('/api/imports', '', language, contentType)
        expect([answer.statusCode, answer.json()]).toEqual([400, refusal('import.empty', EMPTY, language)])
      }
    expect(await written(app())).toEqual({ contacts: 0, staged: 0, jobs: 0 })
  })

  it.each([
    ['a CSV of blank lines', '\n\n', 'text/csv', 'import.empty', EMPTY],
    ['an NDJSON file of blank lines', '\n  \n', 'application/x-ndjson', 'import.empty', EMPTY],
    ['a CSV header alone', '编号,手机号\n', 'text/csv', 'import.no_rows', HEADER_ONLY],
  ] as const)('ends the job for %s as invalid, naming why in both languages, and writes no contact', async (_what, payload, contentType, code, message) => {
    const before = await written(app())
    for (const [language, text] of [
      ['en', message.en],
      ['zh-CN', message.zh],
    ] as const) {
      const job = await importedJob(app(), payload, contentType, language)
      expect([job.status, job.rowsRead, job.rowsValid, job.errorCount, job.errors, job.result]).toEqual([
        'invalid',
        0,
        0,
        1,
        [{ row: 0, field: '', code, path: '/body', message, text }],
        null,
      ])
    }
    expect(await written(app())).toEqual({ contacts: 0, staged: 0, jobs: before.jobs + 2 })
  })
})
