import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactImportRows, contacts, events } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { rowCounts } from '../support/row-counts'

const HEADER = 'id,phone,__proto__,constructor,prototype\nD-3,13812340031,x,y,z\n'
const COLUMN = {
  en: 'The header row has a column named "__proto__", a name JavaScript reserves for an object\'s prototype, so its cells would be lost; rename the column',
  zh: '表头中有名为 "__proto__" 的列:该名称是 JavaScript 中表示对象原型的保留名称,此列的内容会丢失;请重命名该列',
}
const field = (path: string) => ({
  en: `${path} is a name JavaScript reserves for an object's prototype (__proto__, or prototype inside constructor), so it cannot name a field; rename it`,
  zh: `${path} 是 JavaScript 中表示对象原型的保留名称(__proto__,或 constructor 中的 prototype),不能用作字段名;请重命名`,
})

/** One rule at every door: a field named "__proto__" is refused, naming it, and nothing is written; "constructor" and "prototype" stay plain names. */
describe.each(DATABASE_KINDS)('fields named for the prototype on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const written = () => rowCounts(app, { contacts, events, staged: contactImportRows })
  const send = (method: 'POST' | 'PUT', url: string, contentType: string, payload: string, language: string) =>
    app.inject({ method, url, headers: { 'content-type': contentType, 'accept-language': language }, payload })
  /** The import job once finished, its errors as [row, field, code, text]. */
  async function job(payload: string, contentType: string, language: string) {
    const { id } = (await send('POST', '/api/imports', contentType, payload, language)).json()
    for (;;) {
      const answer = (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { 'accept-language': language } })).json()
      if (answer.status !== 'running')
        return [answer.status, answer.errors.map((error: { row: number; field: string; code?: string; text: string }) => [error.row, error.field, error.code, error.text])]
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  it('refuses a CSV column headed "__proto__" on both import routes as a forbidden field naming the column, not as a bad row, in English and Chinese', async () => {
    for (const [language, text] of [
      ['en', COLUMN.en],
      ['zh-CN', COLUMN.zh],
    ] as const) {
      const direct = await send('POST', '/api/contacts/import', 'text/csv', HEADER, language)
      expect([direct.statusCode, direct.json().error, direct.json().message, direct.json().problems]).toEqual([
        400,
        'invalid_request',
        text,
        [{ code: 'input.forbidden_key', severity: 'error', path: '/body/1/__proto__', message: COLUMN, text }],
      ])
      expect(await job(HEADER, 'text/csv', language)).toEqual(['invalid', [[1, '__proto__', 'input.forbidden_key', text]]])
    }
    expect(await written()).toEqual({ contacts: 0, events: 0, staged: 0 })
  })

  it('refuses an NDJSON line with a field named "__proto__" anywhere, naming the line and field, and lists no such attribute', async () => {
    const ndjson = ['{"id":"D-4","phone":"13812340032","attributes":{"__proto__":{"polluted":1}}}', '{"id":"D-5","__proto__":"x"}'].join('\n')
    expect(await job(ndjson, 'application/x-ndjson', 'en')).toEqual([
      'invalid',
      [
        [1, 'attributes/__proto__', 'input.forbidden_key', field('/body/1/attributes/__proto__').en],
        [2, '__proto__', 'input.forbidden_key', field('/body/2/__proto__').en],
      ],
    ])
    expect((await job(ndjson, 'application/x-ndjson', 'zh-CN'))[1][0]).toEqual([1, 'attributes/__proto__', 'input.forbidden_key', field('/body/1/attributes/__proto__').zh])
    expect(await written()).toEqual({ contacts: 0, events: 0, staged: 0 })
    expect((await app.inject({ method: 'GET', url: '/api/catalog' })).json().attributes).toEqual([])
  })

  it('refuses a JSON body with a field named "__proto__" as a field, not as broken JSON, on every route', async () => {
    const bodies: ['POST' | 'PUT', string, string, string][] = [
      ['POST', '/api/events', '[{"contactId":"D-6","name":"cart_added","properties":{"__proto__":{"polluted":1}}}]', '/body/0/properties/__proto__'],
      ['PUT', '/api/settings/workspace', '{"__proto__":{"pricePerPart":0}}', '/body/__proto__'],
      ['POST', '/api/v1/identify', '{"userId":"D-7","traits":{"\\u005f_proto__":{"isAdmin":true}}}', '/body/traits/__proto__'],
      ['POST', '/api/v1/identify', '{"userId":"D-8","traits":{"constructor":{"prototype":{"isAdmin":true}}}}', '/body/traits/constructor/prototype'],
      ['POST', '/api/contacts/import', '[{"id":"D-9","phone":"13812340033","attributes":{"__proto__":"x"}}]', '/body/0/attributes/__proto__'],
    ]
    const settings = (await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()
    for (const [method, url, payload, path] of bodies) {
      for (const language of ['en', 'zh-CN'] as const) {
        const text = field(path)[language === 'en' ? 'en' : 'zh']
        const answer = await send(method, url, 'application/json', payload, language)
        expect([
          answer.statusCode,
          answer.json().error,
          answer.json().message,
          answer.json().problems.map((problem: { code: string; path: string }) => [problem.code, problem.path]),
        ]).toEqual([400, 'invalid_request', text, [['input.forbidden_key', path]]])
      }
    }
    expect(await written()).toEqual({ contacts: 0, events: 0, staged: 0 })
    expect((await app.inject({ method: 'GET', url: '/api/settings/workspace' })).json()).toEqual(settings)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps "constructor" and "prototype" as attribute names wherever they arrive', async () => {
    const csv = await send('POST', '/api/contacts/import', 'text/csv', 'id,phone,constructor,prototype\nD-10,13812340034,y,z\n', 'en')
    expect(csv.statusCode).toBe(200)
    const identify = await send('POST', '/api/v1/identify', 'application/json', '{"userId":"D-11","traits":{"constructor":"y","prototype":{"a":1}}}', 'en')
    expect(identify.statusCode).toBe(200)
    const attributes = async (id: string) => (await app.inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact.attributes
    expect(await attributes('D-10')).toEqual({ constructor: 'y', prototype: 'z' })
    expect(await attributes('D-11')).toEqual({ constructor: 'y', prototype: { a: 1 } })
  })
})
