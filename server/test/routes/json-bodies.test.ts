import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, events } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { rowCounts } from '../support/row-counts'

const NOT_UTF8 = {
  en: '/body is not valid UTF-8: some bytes do not form characters (a character cut off?); send the text encoded as UTF-8',
  zh: '/body 不是有效的 UTF-8:部分字节无法组成字符(可能有字符被截断);请以 UTF-8 编码发送',
}
const notFinite = (path: string) => ({
  en: `${path} is too large a number: numbers must be finite (between -1.8e308 and 1.8e308)`,
  zh: `${path} 数值过大:数字必须为有限值(介于 -1.8e308 与 1.8e308 之间)`,
})

describe.each(DATABASE_KINDS)('JSON bodies on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  const written = () => rowCounts(app, { contacts, events })
  const post = (url: string, payload: string | Buffer, language = 'en') =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'accept-language': language }, payload })
  /** The answer's status, code and problems (code, path, text), as the client reads them. */
  const refusal = async (url: string, payload: string | Buffer, language = 'en') => {
    const answer = await post(url, payload, language)
    const body = answer.json()
    return [answer.statusCode, body.error, body.message, body.problems.map((problem: { code: string; path: string; text: string }) => [problem.code, problem.path, problem.text])]
  }

  it('refuses a body that is not valid UTF-8 on every JSON route, in English and Chinese, and writes nothing', async () => {
    const bodies: [string, Buffer][] = [
      ['/api/events', Buffer.from('[{"contactId":"M-\xff\xfe","name":"inv"}]', 'latin1')],
      ['/api/v1/identify', Buffer.concat([Buffer.from('{"userId":"M-1","traits":{"name":"'), Buffer.from([0xe5, 0xbc]), Buffer.from('"}}')])],
      ['/api/contacts/import', Buffer.from('[{"id":"M-\xc3","phone":"13812340001"}]', 'latin1')],
    ]
    for (const [url, payload] of bodies) {
      expect(await refusal(url, payload)).toEqual([400, 'invalid_request', NOT_UTF8.en, [['input.invalid_utf8', '/body', NOT_UTF8.en]]])
      expect(await refusal(url, payload, 'zh-CN')).toEqual([400, 'invalid_request', NOT_UTF8.zh, [['input.invalid_utf8', '/body', NOT_UTF8.zh]]])
    }
    expect(await written()).toEqual({ contacts: 0, events: 0 })
  })

  it('still reads UTF-8 text, a byte-order mark and a real U+FFFD, and still refuses empty or broken JSON', async () => {
    const named = Buffer.from('\ufeff[{"id":"U8-1","phone":"13812340002","consent":true,"attributes":{"name":"张伟 \ufffd"}}]', 'utf8')
    expect((await post('/api/contacts/import', named)).json()).toMatchObject({ inserted: 1 })
    const contact = (await app.inject({ method: 'GET', url: '/api/contacts/U8-1' })).json().contact
    expect(contact.attributes).toEqual({ name: '张伟 \ufffd' })
    expect((await refusal('/api/events', '{"a":')).slice(0, 3)).toEqual([400, 'body.invalid_json', 'The body is not valid JSON: it ends before it is complete'])
    expect((await refusal('/api/events', '')).slice(0, 2)).toEqual([400, 'body.empty'])
    expect((await refusal('/api/events', '{"__proto__":{"x":1}}')).slice(0, 2)).toEqual([400, 'invalid_request'])
    await app.inject({ method: 'DELETE', url: '/api/contacts/U8-1' })
  })

  it('refuses a number too large to be finite wherever it is, naming the field, in English and Chinese, and writes nothing', async () => {
    const cases: [string, string, string][] = [
      ['/api/v1/identify', '{"userId":"INF-1","traits":{"score":1e400}}', '/body/traits/score'],
      ['/api/contacts/import', '[{"id":"INF-2","phone":"13812340003","attributes":{"score":-1e400}}]', '/body/0/attributes/score'],
      ['/api/events', '[{"contactId":"INF-3","name":"cart_added","properties":{"items":[1,2e999]}}]', '/body/0/properties/items/1'],
    ]
    for (const [url, payload, path] of cases) {
      const text = notFinite(path)
      expect(await refusal(url, payload)).toEqual([400, 'invalid_request', text.en, [['input.not_finite', path, text.en]]])
      expect(await refusal(url, payload, 'zh-CN')).toEqual([400, 'invalid_request', text.zh, [['input.not_finite', path, text.zh]]])
    }
    expect(await written()).toEqual({ contacts: 0, events: 0 })
    expect((await post('/api/v1/identify', '{"userId":"INF-4","traits":{"score":1.7976931348623157e308,"tiny":1e-400}}')).statusCode).toBe(200)
  })

  it('keeps a CSV cell of 400 digits as the text it is, not as null', async () => {
    const digits = `1${'0'.repeat(400)}`
    const answer = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { 'content-type': 'text/csv' },
      payload: `id,phone,points\nINF-5,13812340005,${digits}\n`,
    })
    expect(answer.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/contacts/INF-5' })).json().contact.attributes).toEqual({ points: digits })
  })
})
