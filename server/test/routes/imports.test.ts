import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactImportRows, suppressions } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { storedContacts } from '../support/import-jobs'

describe.each(DATABASE_KINDS)('contacts imports as jobs on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const upload = (payload: string | Buffer, contentType: string, language = 'en') =>
    app.inject({ method: 'POST', url: '/api/imports', headers: { 'content-type': contentType, 'accept-language': language }, payload })
  /** The job as a page polling it would see it once it has finished. */
  async function finished(id: string, language = 'en') {
    for (;;) {
      const job = (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { 'accept-language': language } })).json()
      if (job.status !== 'running') return job
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  const stored = (prefix: string) => storedContacts(app, prefix)
  const staging = async () => (await app.database.db.select({ rows: count() }).from(contactImportRows))[0]?.rows

  it('imports a CSV in the background and reports progress and the result', async () => {
    const started = await upload('id,phone,时区,consent,name,points\nJ-1,13812345601,Asia/Shanghai,yes,张伟,1200\nJ-2,13812345602,,,王芳,30\n', 'text/csv')
    expect(started.statusCode).toBe(202)
    expect(started.json()).toMatchObject({ format: 'csv', bytesTotal: expect.any(Number) })
    const job = await finished(started.json().id)
    expect(job).toMatchObject({
      status: 'done',
      encoding: 'utf-8',
      rowsRead: 2,
      rowsValid: 2,
      errorCount: 0,
      errors: [],
      percent: 100,
      result: { inserted: 2, updated: 0, consentGiven: 1, consentNotGiven: 1 },
      consentRule:
        'No consent unless the row says so (consent or 是否同意: true/yes/是); rows without it receive no marketing, but a stored contact whose row leaves it out keeps its consent',
    })
    expect(job.bytesRead).toBe(job.bytesTotal)
    expect(await stored('J-')).toEqual([
      { externalId: 'J-1', phone: '+8613812345601', timeZone: 'Asia/Shanghai', consent: true, attributes: { name: '张伟', points: 1200 } },
      { externalId: 'J-2', phone: '+8613812345602', timeZone: null, consent: false, attributes: { name: '王芳', points: 30 } },
    ])
    expect(await staging()).toBe(0)
    const recent = (await app.inject({ method: 'GET', url: '/api/imports' })).json().imports
    expect(recent[0]).toMatchObject({ id: job.id, status: 'done' })
  })

  it('imports NDJSON, one contact per line, updating by id and suppressing', async () => {
    const ndjson = [
      JSON.stringify({ id: 'J-2', phone: '13812345602', consent: true, attributes: { name: '王芳', tier: 'gold' } }),
      '',
      JSON.stringify({ id: 'J-3', phone: '13812345603', suppressed: true }),
    ].join('\n')
    const job = await finished((await upload(ndjson, 'application/x-ndjson')).json().id)
    expect(job).toMatchObject({ status: 'done', rowsRead: 2, rowsValid: 2, result: { inserted: 1, updated: 1, consentGiven: 1, consentNotGiven: 1 } })
    expect((await stored('J-2'))[0]).toMatchObject({ consent: true, attributes: { name: '王芳', tier: 'gold' } })
    expect(await app.database.db.select({ phone: suppressions.phone }).from(suppressions)).toEqual([{ phone: '+8613812345603' }])
  })

  it('writes nothing when any row is wrong, naming each row and field, in Chinese when asked', async () => {
    const csv = 'id,phone\nK-1,13812345611\nK-2,12345\nK-1,13812345612\n'
    const job = await finished((await upload(csv, 'text/csv')).json().id, 'zh-CN')
    expect(job).toMatchObject({ status: 'invalid', rowsRead: 3, rowsValid: 2, errorCount: 2 })
    expect(job.errors.map((error: { row: number; field: string; text: string }) => [error.row, error.field, error.text])).toEqual([
      [3, 'phone', '"12345" 不是有效的手机号码(默认地区 CN)'],
      [4, 'id', 'id "K-1" 重复出现'],
    ])
    expect(await stored('K-')).toEqual([])
    expect(await staging()).toBe(0)
    const ndjson = await finished((await upload('{"id":"K-5"}\n{not json\n', 'application/x-ndjson')).json().id)
    expect(ndjson).toMatchObject({ status: 'invalid', errorCount: 1, errors: [{ row: 2, field: '', text: 'The line is not valid JSON' }] })
    expect(await stored('K-')).toEqual([])
  })

  it('refuses a CSV without an id column, naming the headers expected and found, and writes nothing', async () => {
    const job = await finished((await upload('姓名,手机号\n张伟,13812345621\n', 'text/csv')).json().id, 'zh-CN')
    expect(job).toMatchObject({ status: 'invalid', rowsValid: 0, errorCount: 1 })
    expect(job.errors.map((error: { row: number; field: string; text: string }) => [error.row, error.field, error.text])).toEqual([
      [1, 'id', '表头中没有 id 列:请将该列命名为 id(或 ID、编号、客户编号、会员号);当前表头为 "姓名", "手机号"'],
    ])
    expect(await staging()).toBe(0)
  })

  it('says where a quote is left open, at the line it opens on, in English and Chinese', async () => {
    const csv = 'id,phone,name\nQ-1,13812345631,"张女士\nQ-2,13812345632,王芳\n'
    const english = await finished((await upload(csv, 'text/csv')).json().id)
    expect(english).toMatchObject({ status: 'invalid', rowsValid: 0, errorCount: 1 })
    expect(english.errors).toEqual([
      {
        row: 0,
        field: '',
        code: 'contact.invalid',
        path: '/body',
        message: { en: 'The contacts file cannot be read: a quote (") opened on line 2 is never closed', zh: '无法读取联系人文件:第 2 行的引号(")没有闭合' },
        text: 'The contacts file cannot be read: a quote (") opened on line 2 is never closed',
      },
    ])
    const chinese = await finished(english.id, 'zh-CN')
    expect(chinese.errors.map((error: { text: string }) => error.text)).toEqual(['无法读取联系人文件:第 2 行的引号(")没有闭合'])
    expect(await stored('Q-')).toEqual([])
  })

  it('names every row with the wrong number of columns, by its line, past empty lines and quoted line breaks', async () => {
    const csv = 'id,phone,name,points\nW-1,13812345641,张伟,1,extra,more\nW-2,13812345642\n\nW-3,13812345643,"王\n芳",3\nW-4,13812345644,李娜\n'
    const job = await finished((await upload(csv, 'text/csv')).json().id, 'zh-CN')
    expect(job).toMatchObject({ status: 'invalid', rowsRead: 4, rowsValid: 1, errorCount: 3 })
    expect(job.errors.map((error: { row: number; field: string; text: string }) => [error.row, error.field, error.text])).toEqual([
      [2, '', '此行有 6 列,表头有 4 列'],
      [3, '', '此行有 2 列,表头有 4 列'],
      [7, '', '此行有 3 列,表头有 4 列'],
    ])
    const english = await finished(job.id)
    expect(english.errors.map((error: { text: string }) => error.text)).toEqual([
      'The row has 6 columns; the header has 4 columns',
      'The row has 2 columns; the header has 4 columns',
      'The row has 3 columns; the header has 4 columns',
    ])
    const single = await finished((await upload('id,phone\nW-5\n', 'text/csv')).json().id)
    expect(single.errors.map((error: { text: string }) => error.text)).toEqual(['The row has 1 column; the header has 2 columns'])
  })

  it('names the yes/no fields in Chinese in the Chinese text', async () => {
    const job = await finished((await upload('id,phone,consent,suppressed\nF-1,13812345651,maybe,\nF-2,13812345652,yes,sometimes\n', 'text/csv')).json().id, 'zh-CN')
    expect(job.errors.map((error: { row: number; field: string; text: string }) => [error.row, error.field, error.text])).toEqual([
      [2, 'consent', '同意状态必须为是或否(true/false、yes/no、y/n、1/0 或 是/否),而不是"maybe"'],
      [3, 'suppressed', '退订状态必须为是或否(true/false、yes/no、y/n、1/0 或 是/否),而不是"sometimes"'],
    ])
  })

  it('lists the first 100 errors and counts them all', async () => {
    const rows = Array.from({ length: 150 }, (_, index) => `E-${index},999`)
    const job = await finished((await upload(`id,phone\n${rows.join('\n')}\n`, 'text/csv')).json().id)
    expect(job).toMatchObject({ status: 'invalid', rowsRead: 150, rowsValid: 0, errorCount: 150 })
    expect(job.errors).toHaveLength(100)
    expect(job.errors[99]).toMatchObject({ row: 101, field: 'phone' })
  })

  it('refuses a file in another format', async () => {
    const response = await upload('{}', 'application/json')
    expect(response.statusCode).toBe(415)
    expect(response.json()).toMatchObject({ error: 'unsupported_file' })
  })
})
