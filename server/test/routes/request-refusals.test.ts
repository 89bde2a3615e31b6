import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'

/** What a client reads of a refusal: status, code, message, and each problem's code, path and text. */
async function refusal(app: FastifyInstance, request: InjectOptions, language = 'en') {
  const answer = await app.inject({ ...request, headers: { ...request.headers, 'accept-language': language } })
  const body = answer.json()
  return [answer.statusCode, body.error, body.message, body.problems.map((problem: { code: string; path: string; text: string }) => [problem.code, problem.path, problem.text])]
}

/** Refusals Fastify makes before our code runs, and the query's shape: said in our codes, naming where, in both languages. */
describe('requests refused as a whole', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp('pglite')
  })
  afterAll(async () => {
    await app?.close()
  })

  const json = (payload: string, url = '/api/events'): InjectOptions => ({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload })

  it('names the body, the address or the header at fault, with a code of our own, never FST_ERR_…', async () => {
    const cases: [InjectOptions, number, string, string, { en: string; zh: string }][] = [
      [json('{"a":'), 400, 'body.invalid_json', '/body', { en: 'The body is not valid JSON: it ends before it is complete', zh: '请求内容不是有效的 JSON:内容不完整,提前结束' }],
      [
        json('{\n  "a" 1\n}'),
        400,
        'body.invalid_json',
        '/body',
        { en: 'The body is not valid JSON: something is wrong at line 2, column 7', zh: '请求内容不是有效的 JSON:第 2 行第 7 列有误' },
      ],
      [json('[1,]'), 400, 'body.invalid_json', '/body', { en: 'The body is not valid JSON', zh: '请求内容不是有效的 JSON' }],
      [json(''), 400, 'body.empty', '/body', { en: 'The body is empty but Content-Type says JSON', zh: '请求内容为空,但 Content-Type 声明为 JSON' }],
      [
        json(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5_000) }), '/api/auth/login'),
        413,
        'body.too_large',
        '/body',
        { en: 'The request body is too large: this route accepts at most 4 KB', zh: '请求内容过大:此接口最多接受 4 KB' },
      ],
      [
        { method: 'POST', url: '/api/events', headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
        415,
        'body.unsupported_type',
        '/headers/content-type',
        { en: 'This route does not accept Content-Type "application/xml"', zh: '此接口不接受 Content-Type "application/xml"' },
      ],
      [
        { method: 'POST', url: '/api/events', headers: { 'content-type': 'text/plain' }, payload: '[]' },
        415,
        'body.unsupported_type',
        '/headers/content-type',
        { en: 'This route does not accept Content-Type "text/plain"', zh: '此接口不接受 Content-Type "text/plain"' },
      ],
      [
        { method: 'GET', url: '/api/contacts/%E4%B8' },
        400,
        'url.invalid',
        '/url',
        { en: 'The address is not valid: it has broken percent-encoding', zh: '请求地址无效:百分号编码有误' },
      ],
      [
        { method: 'GET', url: `/api/contacts/${'%E5%BC%A0'.repeat(1_801)}` },
        414,
        'url.too_long',
        '/url',
        {
          en: 'A part of the address is too long: at most 1800 characters between slashes',
          zh: '请求地址中的某一段过长:两个斜杠之间最多 1800 个字符',
        },
      ],
    ]
    for (const [request, status, code, path, text] of cases) {
      expect(await refusal(app, request)).toEqual([status, code, text.en, [[code, path, text.en]]])
      expect(await refusal(app, request, 'zh-CN')).toEqual([status, code, text.zh, [[code, path, text.zh]]])
    }
  })

  it('refuses broken percent-encoding in the address or in a query parameter, naming the parameter, rather than reading it as typed', async () => {
    const badUrl = { en: 'The address is not valid: it has broken percent-encoding', zh: '请求地址无效:百分号编码有误' }
    for (const [language, text] of [
      ['en', badUrl.en],
      ['zh-CN', badUrl.zh],
    ] as const)
      expect(await refusal(app, { method: 'GET', url: '/api/journeys/%ZZ' }, language)).toEqual([400, 'url.invalid', text, [['url.invalid', '/url', text]]])
    const broken = (name: string) => ({
      en: `Query parameter "${name}" has broken percent-encoding: each % must start %XX with two hex digits, and the bytes must be UTF-8 (a % sign itself is %25)`,
      zh: `查询参数 "${name}" 的百分号编码有误:每个 % 后须跟两位十六进制数,且字节须为有效的 UTF-8(% 本身写作 %25)`,
    })
    const cases: [string, string[]][] = [
      ['/api/contacts?search=%E0%A4%A', ['search']],
      ['/api/journeys?q=%E0%A4%A', ['q']],
      ['/api/contacts?search=ok&after=%ZZ&limit=5%', ['after', 'limit']],
      ['/api/contacts?%ZZ=1', ['%ZZ']],
      ['/api/contacts?search=%ED%A0%80', ['search']],
    ]
    for (const [url, names] of cases) {
      const problems = (language: 'en' | 'zh') => names.map((name) => ['query.invalid_encoding', `/querystring/${name}`, broken(name)[language]])
      const summary = (language: 'en' | 'zh') => names.map((name) => broken(name)[language]).join(language === 'en' ? '; ' : ';')
      expect(await refusal(app, { method: 'GET', url })).toEqual([400, 'invalid_request', summary('en'), problems('en')])
      expect(await refusal(app, { method: 'GET', url }, 'zh-CN')).toEqual([400, 'invalid_request', summary('zh'), problems('zh')])
    }
    const decodes = await app.inject({ method: 'GET', url: '/api/contacts?search=100%25+%E5%BC%A0' })
    expect([decodes.statusCode, decodes.json().contacts]).toEqual([200, []])
  })

  it('says a query parameter was given more than once, on any route, rather than that it must be text', async () => {
    const limit = { en: 'Page size was given 2 times (limit=…&limit=…); give it once', zh: '每页条数出现了 2 次(limit=…&limit=…);只能提供一次' }
    const repeated = { method: 'GET', url: '/api/messages?limit=1&limit=2' } as const
    expect(await refusal(app, repeated)).toEqual([400, 'invalid_request', limit.en, [['query.repeated', '/querystring/limit', limit.en]]])
    expect(await refusal(app, repeated, 'zh-CN')).toEqual([400, 'invalid_request', limit.zh, [['query.repeated', '/querystring/limit', limit.zh]]])
    const search = await refusal(app, { method: 'GET', url: '/api/contacts?search=a&search=b&search=c&limit=abc' })
    expect(search[3]).toEqual([
      ['query.repeated', '/querystring/search', 'Search was given 3 times (search=…&search=…); give it once'],
      ['schema.pattern', '/querystring/limit', 'Page size must be a whole number from 1 to 200'],
    ])
    expect((await app.inject({ method: 'GET', url: '/api/messages?limit=2' })).statusCode).toBe(200)
  })

  // Found by an outside tester: limit=100000 answered "Page size has the wrong format", without the range.
  it('names the range of a page size on every list route, in English and Chinese', async () => {
    for (const [url, largest] of [
      ['/api/contacts?limit=100000', 200],
      ['/api/replies?limit=100000', 200],
      ['/api/messages?limit=0', 500],
    ] as const) {
      const en = `Page size must be a whole number from 1 to ${largest}`
      const zh = `每页条数必须是 1 到 ${largest} 之间的整数`
      expect(await refusal(app, { method: 'GET', url })).toEqual([400, 'invalid_request', en, [['schema.pattern', '/querystring/limit', en]]])
      expect((await refusal(app, { method: 'GET', url }, 'zh-CN'))[2]).toBe(zh)
    }
  })
})
