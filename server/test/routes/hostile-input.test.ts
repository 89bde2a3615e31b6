import { JOURNEY_TEMPLATES } from '@recall/shared'
import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts, events, media } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { deeplyNestedJson } from '../support/schema-arbitrary'

const SQL = "x'); DROP TABLE contacts; --"
const SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')

describe.each(DATABASE_KINDS)('hostile input on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind) })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('stores SQL and script in ids, names, attributes and templates as plain text', async () => {
    const imported = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [{ id: SQL, phone: '13812345678', consent: true, attributes: { name: SCRIPT, [SQL.slice(0, 20)]: SQL } }],
    })
    expect(imported.json()).toMatchObject({ inserted: 1, updated: 0 })
    const contact = (await app.inject({ method: 'GET', url: `/api/contacts/${encodeURIComponent(SQL)}` })).json().contact
    expect(contact.externalId).toBe(SQL)
    expect(contact.attributes).toEqual({ name: SCRIPT, [SQL.slice(0, 20)]: SQL })
    const journey = {
      ...cart,
      name: SCRIPT,
      nodes: cart?.nodes.map((node) => (node.id === 'cart-reminder' ? { ...node, data: { ...node.data, text: `${SCRIPT} {{name|亲}} {{link}}` } } : node)),
    }
    const created = await app.inject({ method: 'POST', url: '/api/journeys', payload: journey })
    expect(created.statusCode).toBe(201)
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json().journey.name).toBe(SCRIPT)
    // The table is still there and still answers.
    expect((await app.inject({ method: 'GET', url: `/api/contacts/${encodeURIComponent(SQL)}` })).statusCode).toBe(200)
    const segment = await app.inject({
      method: 'PUT',
      url: '/api/segments/evil',
      payload: { id: 'evil', name: SQL, condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'name', operator: 'eq', value: SCRIPT }] } },
    })
    expect(segment.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/segments/evil/count' })).json()).toEqual({ members: 1 })
  })

  it('answers JSON, never HTML, so a name is never markup', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/journeys' })
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(answer.json().journeys[0].name).toBe(SCRIPT)
  })

  it('refuses oversized bodies with 413 and the limit in the message', async () => {
    const media = await app.inject({ method: 'POST', url: '/api/media', headers: { 'content-type': 'image/png' }, payload: Buffer.alloc(5 * 1024 * 1024 + 1) })
    expect([media.statusCode, media.json().error]).toEqual([413, 'body.too_large'])
    const webhook = await app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/sandbox/inbound',
      headers: { anonymous: 'yes', 'content-type': 'application/json' },
      payload: 'x'.repeat(1024 * 1024 + 1),
    })
    expect(webhook.statusCode).toBe(413)
    const events = await app.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': 'application/json' }, payload: 'x'.repeat(64 * 1024 * 1024 + 1) })
    expect(events.statusCode).toBe(413)
  })

  const rows = async () => ({
    contacts: (await app.database.db.select({ n: count() }).from(contacts))[0]?.n,
    events: (await app.database.db.select({ n: count() }).from(events))[0]?.n,
  })

  it('answers 400 naming the field, and writes nothing, for each input that used to answer 500', async () => {
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'H-1', phone: '13812345600', consent: true }] })
    const before = await rows()
    const post = (payload: string, language = 'en') =>
      app.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': 'application/json', 'accept-language': language }, payload })
    const event = (fields: string) => `[{"contactId":"H-1","name":"cart_added",${fields}}]`
    const cases: [string, string, string][] = [
      [event('"occurredAt":"0000-01-01T00:00:00Z"'), '/body/0/occurredAt', 'schema.format'],
      [event('"occurredAt":"9999-12-31T23:59:60Z"'), '/body/0/occurredAt', 'schema.format'],
      [event('"properties":{"note":"a\\u0000b"}'), '/body/0/properties/note', 'input.unsafe_characters'],
      [event('"properties":{"note":"\\ud800"}'), '/body/0/properties/note', 'input.unsafe_characters'],
      [event(`"properties":${deeplyNestedJson(5_000)}`), '/body', 'input.too_deep'],
      [event(`"properties":${deeplyNestedJson(33)}`), '/body/0/properties', 'input.too_deep'],
    ]
    for (const [payload, path, code] of cases) {
      const answer = await post(payload)
      expect([answer.statusCode, answer.json().error, answer.json().problems.map((problem: { path: string; code: string }) => [problem.path, problem.code])]).toEqual([
        400,
        'invalid_request',
        [[path, code]],
      ])
    }
    expect((await post(event('"occurredAt":"0000-01-01T00:00:00Z"'), 'zh-CN')).json().problems[0].text).toBe(
      '事件时间必须是 1970 至 2100 年之间的日期时间(ISO 8601,例如 2026-11-24T10:00:00+08:00)',
    )
    expect((await post(event(`"properties":${deeplyNestedJson(32)}`))).statusCode).toBe(200)
    const csv = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { 'content-type': 'text/csv' },
      // A lone surrogate cannot travel in UTF-8 bytes (it arrives as U+FFFD); NUL can.
      payload: 'id,phone,name\nH-2,13812345678,a\u0000b\n',
    })
    expect([csv.statusCode, csv.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      400,
      [['/body/2/name', 'name must not contain NUL characters (\\u0000) or unpaired surrogates (broken UTF-16)']],
    ])
    expect(await rows()).toEqual({ contacts: before.contacts, events: (before.events ?? 0) + 1 })
  })

  it('opens and deletes a contact whose id is 150 characters long', async () => {
    const id = `L-${'x'.repeat(148)}`
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone: '13812345670', consent: true }] })
    const opened = await app.inject({ method: 'GET', url: `/api/contacts/${id}` })
    expect([opened.statusCode, opened.json().contact.externalId]).toEqual([200, id])
    expect((await app.inject({ method: 'DELETE', url: `/api/contacts/${id}` })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: `/api/contacts/${id}` })).statusCode).toBe(404)
    const tooLong = await app.inject({ method: 'GET', url: `/api/contacts/${'x'.repeat(201)}` })
    expect([tooLong.statusCode, tooLong.json().problems[0].path]).toEqual([400, '/params/externalId'])
  })

  it('refuses a 10 KB sign-in from its length, and every framework refusal in the one error shape and the request language', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { anonymous: 'yes', 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(10 * 1024) }),
    })
    const tooLarge = { en: 'The request body is too large: this route accepts at most 4 KB', zh: '请求内容过大:此接口最多接受 4 KB' }
    expect([login.statusCode, login.json()]).toEqual([
      413,
      { error: 'body.too_large', message: tooLarge.zh, problems: [{ code: 'body.too_large', severity: 'error', path: '/body', message: tooLarge, text: tooLarge.zh }] },
    ])
    const refusals = [
      await app.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }),
      await app.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': 'application/json' }, payload: '{"a":' }),
      await app.inject({ method: 'GET', url: '/api/contacts/%ED%A0%80' }),
      await app.inject({ method: 'GET', url: `/api/contacts/${'x'.repeat(2_000)}` }),
      await app.inject({ method: 'GET', url: '/api/contacts/?search=a%00b' }),
    ]
    expect(
      refusals.map((answer) => [answer.statusCode, answer.json().error, answer.json().message, answer.json().problems.map((problem: { path: string }) => problem.path)]),
    ).toEqual([
      [415, 'body.unsupported_type', 'This route does not accept Content-Type "application/xml"', ['/headers/content-type']],
      [400, 'body.invalid_json', 'The body is not valid JSON: it ends before it is complete', ['/body']],
      [400, 'url.invalid', 'The address is not valid: it has broken percent-encoding', ['/url']],
      [414, 'url.too_long', 'A part of the address is too long: at most 1800 characters between slashes', ['/url']],
      [400, 'invalid_request', '/querystring/search must not contain NUL characters (\\u0000) or unpaired surrogates (broken UTF-16)', ['/querystring/search']],
    ])
  })

  it('takes the type of an MMS file from its bytes: a text file named .png is refused, a PNG sent as octet-stream is stored as PNG', async () => {
    const [{ n: before } = { n: 0 }] = await app.database.db.select({ n: count() }).from(media)
    const fake = await app.inject({
      method: 'POST',
      url: '/api/media',
      headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="photo.png"', 'accept-language': 'zh-CN' },
      payload: Buffer.from('<script>alert(1)</script> not an image'),
    })
    expect([fake.statusCode, fake.json().error, fake.json().message]).toEqual([415, 'unsupported_media', '请上传 JPEG、PNG、GIF 图片或 MP4/3GP 视频;该文件的实际内容为 未知类型'])
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
    const real = await app.inject({ method: 'POST', url: '/api/media', headers: { 'content-type': 'application/octet-stream' }, payload: png })
    expect([real.statusCode, real.json().contentType, real.json().kind]).toEqual([201, 'image/png', 'image'])
    const served = await app.inject({ method: 'GET', url: real.json().url, headers: { anonymous: 'yes' } })
    expect([served.headers['content-type'], served.headers['x-content-type-options'], served.rawPayload.equals(png)]).toEqual(['image/png', 'nosniff', true])
    expect((await app.database.db.select({ n: count() }).from(media))[0]?.n).toBe(before + 1)
  })
})
