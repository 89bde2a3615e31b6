import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cloudSignature } from '../../src/providers/cloud'

/** What the fake does with the next call: accept, throttle, fail, hang past the timeout, or refuse for good. */
export type FakeAnswer = 'ok' | 'throttle' | 'down' | 'hang' | 'bad-number'

export interface FakeProvider {
  url: string
  /** Every call, in order, with its idempotency key and when it arrived (wall clock, before the latency). */
  calls: { path: string; key: string; body: string; at: number }[]
  /** Messages accepted once per idempotency key: what phones would get. */
  delivered: Map<string, { sid: string; body: string }>
  script(...answers: FakeAnswer[]): void
  close(): Promise<void>
}

export const read = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => resolve(body))
  })

/**
 * A local stand-in for a Twilio-compatible API and a Chinese SMS cloud, for tests only: it checks
 * credentials and signatures, honours idempotency keys, and answers errors on purpose.
 */
export async function startFakeProvider(credentials: { twilioToken: string; cloudSecret: string }, options: { latencyMs?: number } = {}): Promise<FakeProvider> {
  const calls: FakeProvider['calls'] = []
  const delivered: FakeProvider['delivered'] = new Map()
  const script: FakeAnswer[] = []
  const server: Server = createServer(async (request, response) => {
    const body = await read(request)
    const at = Date.now()
    // A real cloud takes a while to answer: time for a killed sender to die mid-call.
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
    const key = String(request.headers['idempotency-key'] ?? '')
    calls.push({ path: request.url ?? '', key, body, at })
    const cloud = request.url === '/sms/send'
    if (cloud) {
      const expected = cloudSignature(credentials.cloudSecret, String(request.headers['x-acs-timestamp']), body)
      if (request.headers['x-acs-signature'] !== expected) return response.writeHead(403).end(JSON.stringify({ Code: 'SignatureDoesNotMatch' }))
    } else if (request.headers.authorization !== `Basic ${Buffer.from(`AC123:${credentials.twilioToken}`).toString('base64')}`) {
      return response.writeHead(401).end(JSON.stringify({ code: 20003, message: 'Authenticate' }))
    }
    const answer = script.shift() ?? 'ok'
    if (answer === 'hang') return // never answers: the client's timeout must fire
    if (answer === 'throttle') {
      if (cloud) return response.writeHead(200).end(JSON.stringify({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' }))
      return response.writeHead(429, { 'retry-after': '120' }).end(JSON.stringify({ code: 20429, message: 'Too Many Requests' }))
    }
    if (answer === 'down') return response.writeHead(503).end('Service Unavailable')
    if (answer === 'bad-number') {
      if (cloud) return response.writeHead(200).end(JSON.stringify({ Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' }))
      return response.writeHead(400).end(JSON.stringify({ code: 21211, message: "The 'To' number is not a valid phone number." }))
    }
    // A key seen before gets the first answer again and reaches no phone twice.
    const existing = delivered.get(key) ?? { sid: `${cloud ? 'BIZ' : 'SM'}${delivered.size + 1}`, body }
    delivered.set(key, existing)
    if (cloud) return response.writeHead(200).end(JSON.stringify({ Code: 'OK', BizId: existing.sid }))
    return response.writeHead(201).end(JSON.stringify({ sid: existing.sid, status: 'queued' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    delivered,
    script: (...answers) => script.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
