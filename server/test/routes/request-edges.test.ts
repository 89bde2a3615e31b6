import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessRepository } from '../../src/repositories/access'
import { testApp } from '../support/app'
import { keyMaker } from '../support/keys'

/** Requests refused at the edge: by Node's HTTP parser, by a route's body limit, by the auth header's form. */
describe('requests at the edge', () => {
  let app: FastifyInstance
  let port = 0
  let secret = ''
  beforeAll(async () => {
    app = await testApp('pglite')
    secret = (await accessRepository(app.database.db).createApiKey('reader', ['journeys:read'], await keyMaker(app.database.db))).secret
    await app.listen({ port: 0, host: '127.0.0.1' })
    port = (app.server.address() as net.AddressInfo).port
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  /** One raw HTTP exchange: what Node answers before Fastify, which inject() cannot reach. */
  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(request))
      let answer = ''
      socket.on('data', (chunk) => {
        answer += chunk.toString('utf8')
      })
      socket.on('end', () => resolve(answer))
      socket.on('error', reject)
    })

  it('answers headers over 16 KB with 431 in the one error shape, in both languages', async () => {
    const answer = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`)
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large')
    expect(JSON.parse(body)).toEqual({ error: 'headers_too_large', message: 'The request headers are too large: at most 16 KB in all / 请求头过大:合计最多 16 KB', problems: [] })
  })

  it('answers a request that is not HTTP with 400 in the one error shape', async () => {
    const answer = await raw('HELLO\r\n\r\n')
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request')
    expect(JSON.parse(answer.split('\r\n\r\n')[1] ?? '')).toEqual({ error: 'bad_request', message: 'The request is not valid HTTP / 请求不是有效的 HTTP', problems: [] })
  })

  it('names the media limit (5 MB) when an upload is over it, in English and Chinese', async () => {
    const over = Buffer.alloc(5 * 1024 * 1024 + 1)
    const en = await app.inject({ method: 'POST', url: '/api/media', headers: { 'content-type': 'image/png' }, payload: over })
    const zh = await app.inject({ method: 'POST', url: '/api/media', headers: { 'content-type': 'image/png', 'accept-language': 'zh-CN' }, payload: over })
    expect([en.statusCode, en.json().message]).toEqual([413, 'The request body is too large: this route accepts at most 5 MB'])
    expect(zh.json().message).toBe('请求内容过大:此接口最多接受 5 MB')
  })

  it('takes the authorization scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER'])
      expect([scheme, (await app.inject({ method: 'GET', url: '/api/journeys', headers: { authorization: `${scheme} ${secret}` } })).statusCode]).toEqual([scheme, 200])
    const basic = Buffer.from(`${secret}:`).toString('base64')
    expect((await app.inject({ method: 'GET', url: '/api/journeys', headers: { authorization: `basic ${basic}` } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/journeys', headers: { authorization: `Token ${secret}` } })).statusCode).toBe(401)
  })
})
