import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, events, journeys } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { rowCounts } from '../support/row-counts'

const twice = (path: string) => ({
  en: `${path} is given twice in one object, and JSON would keep only the last value; give it once`,
  zh: `${path} 在同一对象中出现了两次,JSON 只会保留最后一个值;请只给一次`,
})

/** JSON.parse keeps the last of two equal keys without a word: such a body is refused, naming the key, and nothing is written. */
describe.each(DATABASE_KINDS)('JSON bodies with a key given twice on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const written = () => rowCounts(app, { contacts, events, journeys })
  const post = (url: string, payload: string, language = 'en') =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'accept-language': language }, payload })
  /** The answer's status, code, message and problems (code, path, text), as the client reads them. */
  const refusal = async (url: string, payload: string, language = 'en') => {
    const answer = await post(url, payload, language)
    const body = answer.json()
    return [answer.statusCode, body.error, body.message, body.problems.map((problem: { code: string; path: string; text: string }) => [problem.code, problem.path, problem.text])]
  }

  it('refuses the body on every JSON route, naming the key by its path, in English and Chinese', async () => {
    const cases: [string, string, string][] = [
      ['/api/journeys', '{"name":"a","name":"b"}', '/body/name'],
      ['/api/v1/identify', '{"userId":"DK-1","userId":"DK-2"}', '/body/userId'],
      ['/api/contacts/import', '[{"id":"DK-3","phone":"13812340010","consent":false,"consent":true}]', '/body/0/consent'],
      ['/api/events', '[{"contactId":"DK-4","name":"cart_added","properties":{"sku":"A","\\u0073ku":"B"}}]', '/body/0/properties/sku'],
    ]
    for (const [url, payload, path] of cases) {
      const text = twice(path)
      expect(await refusal(url, payload)).toEqual([400, 'invalid_request', text.en, [['input.duplicate_key', path, text.en]]])
      expect(await refusal(url, payload, 'zh-CN')).toEqual([400, 'invalid_request', text.zh, [['input.duplicate_key', path, text.zh]]])
    }
    expect(await written()).toEqual({ contacts: 0, events: 0, journeys: 0 })
  })

  /** The import job once finished: its status and errors as [row, field, code, text]. */
  async function importJob(payload: string, contentType: string, language = 'en') {
    const started = await app.inject({ method: 'POST', url: '/api/imports', headers: { 'content-type': contentType, 'accept-language': language }, payload })
    for (;;) {
      const answer = (await app.inject({ method: 'GET', url: `/api/imports/${started.json().id}`, headers: { 'accept-language': language } })).json()
      if (answer.status !== 'running')
        return [answer.status, answer.errors.map((error: { row: number; field: string; code?: string; text: string }) => [error.row, error.field, error.code, error.text])]
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  it('refuses an NDJSON line with a key given twice, so a repeated "consent" never imports a yes', async () => {
    const ndjson = ['{"id":"DK-7","phone":"13812340011","consent":false,"consent":true}', '{"id":"DK-8","id":"DK-9","phone":"13812340012"}'].join('\n')
    expect(await importJob(ndjson, 'application/x-ndjson')).toEqual([
      'invalid',
      [
        [1, 'consent', 'input.duplicate_key', twice('/body/1/consent').en],
        [2, 'id', 'input.duplicate_key', twice('/body/2/id').en],
      ],
    ])
    expect((await importJob(ndjson, 'application/x-ndjson', 'zh-CN'))[1][0]).toEqual([1, 'consent', 'input.duplicate_key', twice('/body/1/consent').zh])
    expect(await written()).toEqual({ contacts: 0, events: 0, journeys: 0 })
  })

  it('still takes equal keys in different objects and keys quoted inside text', async () => {
    const answer = await post('/api/v1/identify', '{"userId":"DK-5","traits":{"name":"Wei","pet":{"name":"Mao"},"note":"\\"name\\": twice?"}}')
    expect(answer.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/contacts/DK-5' })).json().contact.attributes).toEqual({ name: 'Wei', pet: { name: 'Mao' }, note: '"name": twice?' })
  })
})
