import { count, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactImportRows, contacts } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const PHONE = '13812340087'
/** A contact line whose attributes nest `levels` deep. */
const nestedLine = (id: string, levels: number) => `{"id":"${id}","phone":"${PHONE}","attributes":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`

describe.each(DATABASE_KINDS)('NDJSON imports held to the JSON input policy on %s', (kind) => {
  let app: FastifyInstance
  const lines: string[] = []
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), logger: { level: 'error', stream: { write: (line) => void lines.push(line) } } })
  })
  afterAll(async () => {
    await app?.close()
  })

  const written = async () => ({
    contacts: (await app.database.db.select({ n: count() }).from(contacts))[0]?.n,
    staged: (await app.database.db.select({ n: count() }).from(contactImportRows))[0]?.n,
  })
  /** The finished job, as a page polling it in `language` sees it. */
  async function imported(ndjson: string, language = 'en') {
    const started = await app.inject({ method: 'POST', url: '/api/imports', headers: { 'content-type': 'application/x-ndjson', 'accept-language': language }, payload: ndjson })
    expect(started.statusCode).toBe(202)
    for (;;) {
      const job = (await app.inject({ method: 'GET', url: `/api/imports/${started.json().id}`, headers: { 'accept-language': language } })).json()
      if (job.status !== 'running') return job
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  const listed = (job: { errors: { row: number; field: string; text: string }[] }) => job.errors.map((error) => [error.row, error.field, error.text])

  it('refuses a line nested deeper than any JSON body may be, at any depth, naming the line, and writes nothing', async () => {
    const ndjson = [`{"id":"ND-1","phone":"13812340001"}`, nestedLine('ND-2', 200), nestedLine('ND-3', 500_000), nestedLine('ND-4', 62)].join('\n')
    const english = await imported(ndjson)
    // Refused lines are read too: four lines, two of them valid.
    expect([english.status, english.rowsRead, english.rowsValid, english.errorCount]).toEqual(['invalid', 4, 2, 2])
    expect(listed(english)).toEqual([
      [2, '', 'Line 2 is nested more than 64 levels deep'],
      [3, '', 'Line 3 is nested more than 64 levels deep'],
    ])
    expect(listed(await imported(nestedLine('ND-5', 64), 'zh-CN'))).toEqual([[1, '', '第 1 行 嵌套超过 64 层']])
    expect(await written()).toEqual({ contacts: 0, staged: 0 })
  })

  it('refuses numbers too large to be finite and text the database cannot store, naming the line and field', async () => {
    const ndjson = ['{"id":"NF-1","phone":"13812340002","attributes":{"score":1e400}}', '{"id":"NF-2","attributes":{"note":"a\\u0000b"}}'].join('\n')
    const english = await imported(ndjson)
    expect([english.status, english.rowsRead, english.errorCount]).toEqual(['invalid', 2, 2])
    expect(listed(english)).toEqual([
      [1, 'attributes/score', '/body/1/attributes/score is too large a number: numbers must be finite (between -1.8e308 and 1.8e308)'],
      [2, 'attributes/note', '/body/2/attributes/note must not contain NUL characters (\\u0000) or unpaired surrogates (broken UTF-16)'],
    ])
    expect(listed(await imported(ndjson, 'zh-CN'))[0]).toEqual([1, 'attributes/score', '/body/1/attributes/score 数值过大:数字必须为有限值(介于 -1.8e308 与 1.8e308 之间)'])
    expect(await written()).toEqual({ contacts: 0, staged: 0 })
  })

  it('counts every line read, a refused one included, as the errors it lists do', async () => {
    const valid = (id: string) => `{"id":"${id}","phone":"13812340${id.slice(-3)}"}`
    const job = await imported([valid('RR-001'), valid('RR-002'), valid('RR-003'), '{"id":"RR-004","attributes":{"score":1e400}}', '', 'not json'].join('\n'))
    expect([job.status, job.rowsRead, job.rowsValid, job.errorCount, listed(job).map(([row]) => row)]).toEqual(['invalid', 5, 3, 2, [4, 6]])
    expect(await written()).toEqual({ contacts: 0, staged: 0 })
  })

  it('says a failure on our side in both languages, and logs its real message without ids or phone numbers', async () => {
    // Merging into a table that is gone fails with the driver's message, which quotes the row's values.
    await app.database.db.execute(sql`alter table contacts rename to contacts_gone`)
    try {
      const job = await imported(`{"id":"LOG-SECRET-1","phone":"${PHONE}","attributes":{"note":"悄悄话"}}`, 'zh-CN')
      expect([job.status, job.errors]).toEqual([
        'failed',
        [
          {
            row: 0,
            field: '',
            code: 'import.failed',
            path: '/body',
            message: { en: 'The import failed on our side; nothing was imported', zh: '导入在服务器端失败,未导入任何联系人' },
            text: '导入在服务器端失败,未导入任何联系人',
          },
        ],
      ])
    } finally {
      await app.database.db.execute(sql`alter table contacts_gone rename to contacts`)
    }
    const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'contacts import failed')
    expect(failures).toHaveLength(1)
    expect(failures[0].err).toMatchObject({ type: expect.any(String), message: expect.stringMatching(/contacts/) })
    for (const secret of ['LOG-SECRET-1', PHONE, '悄悄话']) expect(lines.join('')).not.toContain(secret)
    expect(await written()).toEqual({ contacts: 0, staged: 0 })
  })
})
