import { createHash, createHmac, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { read } from './fake-provider'
import { type AliyunListedTemplate, aliyunTemplateListAnswer } from './fake-template-lists'

/**
 * A local Aliyun SMS (Dysmsapi 2017-05-25) for tests. It checks every request's ACS3-HMAC-SHA256
 * signature with its own implementation of the documented algorithm (not the SDK's signer),
 * answers SendSms and SendBatchSms as the cloud does, and pushes SmsReport / SmsUp arrays.
 */
export interface FakeAliyun {
  endpoint: string
  /** Accepted calls, in order. */
  calls: { action: string; numbers: string[]; templateCode: string; params: Record<string, string>[]; bizId: string }[]
  /** Requests refused for a bad signature. */
  refusedSignatures: number
  /** The next calls answer isv.BUSINESS_LIMIT_CONTROL. */
  throttleNext(count: number): void
  /** QuerySendDetails calls, in order. */
  queries: { phoneNumber: string; bizId: string; sendDate: string }[]
  /** The carrier's verdict on an accepted number, as QuerySendDetails will then answer (until then: waiting). */
  settle(bizId: string, number: string, verdict: { delivered: boolean; errCode: string; receiveDate: string }): void
  /** The SmsReport pushes the cloud would make: one JSON array per accepted call, `failed` numbers undelivered. */
  reports(failed?: ReadonlySet<string>): Record<string, unknown>[][]
  close(): Promise<void>
}

export interface FakeAliyunOptions {
  accessKeyId: string
  accessKeySecret: string
  /** Approved template codes. */
  templates: string[]
  /** What QuerySmsTemplateList lists. */
  listed?: AliyunListedTemplate[]
  /** How long each answer takes, as a real cloud's does across the network. */
  latencyMs?: number
}

/** RFC 3986 encoding as Aliyun's signature documentation specifies it. */
const percentEncode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
/** A mainland mobile number as Aliyun takes it: 11 digits starting with 1. */
const VALID_NUMBER = /^1[3-9]\d{9}$/

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : (value ?? '')
}

/** ACS3-HMAC-SHA256: canonical request → hashed string to sign → HMAC-SHA256 with the AccessKey secret. */
function expectedSignature(method: string, url: URL, headers: IncomingHttpHeaders, signedHeaders: string[], body: string, secret: string): string {
  const query = [...url.searchParams.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
    .join('&')
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${header(headers, name).trim()}\n`).join('')
  const canonicalRequest = [method, url.pathname, query, canonicalHeaders, signedHeaders.join(';'), sha256Hex(body)].join('\n')
  return createHmac('sha256', secret)
    .update(`ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`)
    .digest('hex')
}

function verify(method: string, url: URL, headers: IncomingHttpHeaders, body: string, options: FakeAliyunOptions, nonces: Set<string>): string | undefined {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(header(headers, 'authorization'))
  if (!match) return 'IncompleteSignature'
  const [, keyId, signed, signature] = match as unknown as [string, string, string, string]
  if (keyId !== options.accessKeyId) return 'InvalidAccessKeyId.NotFound'
  const signedHeaders = signed.split(';')
  for (const required of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'])
    if (!signedHeaders.includes(required)) return 'IncompleteSignature'
  if (header(headers, 'x-acs-content-sha256') !== sha256Hex(body)) return 'IncompleteSignature'
  if (Math.abs(Date.parse(header(headers, 'x-acs-date')) - Date.now()) > 15 * 60_000) return 'InvalidTimeStamp.Expired'
  const nonce = header(headers, 'x-acs-signature-nonce')
  if (nonces.has(nonce)) return 'SignatureNonceUsed'
  nonces.add(nonce)
  if (expectedSignature(method, url, headers, signedHeaders, body, options.accessKeySecret) !== signature) return 'SignatureDoesNotMatch'
  return undefined
}

const list = (value: string | null) => (value ? (JSON.parse(value) as unknown[]) : [])

export async function startFakeAliyun(options: FakeAliyunOptions): Promise<FakeAliyun> {
  const calls: FakeAliyun['calls'] = []
  const nonces = new Set<string>()
  let throttled = 0
  let refusedSignatures = 0
  let nextBizId = 900_000_000
  const queries: FakeAliyun['queries'] = []
  /** Per "BizId|number": SendStatus 1 waiting, 2 failed, 3 delivered. */
  const details = new Map<string, { SendStatus: 1 | 2 | 3; ErrCode: string; ReceiveDate: string; TemplateCode: string }>()
  const answer = (response: import('node:http').ServerResponse, status: number, body: Record<string, unknown>) =>
    response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify({ RequestId: randomUUID(), ...body }))
  const server: Server = createServer(async (request, response) => {
    const body = await read(request)
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
    const url = new URL(request.url ?? '/', 'http://fake')
    const refusal = verify(request.method ?? 'POST', url, request.headers, body, options, nonces)
    if (refusal) {
      refusedSignatures += 1
      return answer(response, 400, { Code: refusal, Message: 'Specified signature does not match our calculation.' })
    }
    const action = header(request.headers, 'x-acs-action')
    const params = new URLSearchParams(body)
    for (const [key, value] of url.searchParams) params.set(key, value)
    if (action === 'QuerySmsTemplateList') return answer(response, 200, aliyunTemplateListAnswer(params, options.listed ?? []))
    if (action === 'QuerySendDetails') {
      const query = { phoneNumber: params.get('PhoneNumber') ?? '', bizId: params.get('BizId') ?? '', sendDate: params.get('SendDate') ?? '' }
      queries.push(query)
      const found = details.get(`${query.bizId}|${query.phoneNumber}`)
      const dtos = found ? [{ PhoneNum: query.phoneNumber, SendDate: '2026-11-25 10:00:00', OutId: '', Content: '', ...found }] : []
      return answer(response, 200, { Code: 'OK', Message: 'OK', TotalCount: dtos.length, SmsSendDetailDTOs: { SmsSendDetailDTO: dtos } })
    }
    const batch = action === 'SendBatchSms'
    if (!batch && action !== 'SendSms') return answer(response, 404, { Code: 'InvalidAction.NotFound', Message: `no action ${action}` })
    const numbers = batch ? (list(params.get('PhoneNumberJson')) as string[]) : (params.get('PhoneNumbers') ?? '').split(',')
    const templateCode = params.get('TemplateCode') ?? ''
    const values = batch ? (list(params.get('TemplateParamJson')) as Record<string, string>[]) : [JSON.parse(params.get('TemplateParam') ?? '{}') as Record<string, string>]
    if (throttled > 0) {
      throttled -= 1
      return answer(response, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' })
    }
    if (batch && numbers.length > 100) return answer(response, 200, { Code: 'isv.MOBILE_COUNT_OVER_LIMIT', Message: '手机号码数量超过限制' })
    if (!options.templates.includes(templateCode)) return answer(response, 200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' })
    // One illegal number refuses the whole call, as the cloud does.
    if (numbers.some((number) => !VALID_NUMBER.test(number))) return answer(response, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' })
    nextBizId += 1
    const bizId = `${nextBizId}^0`
    calls.push({ action, numbers, templateCode, params: values, bizId })
    for (const number of numbers) details.set(`${bizId}|${number}`, { SendStatus: 1, ErrCode: '', ReceiveDate: '', TemplateCode: templateCode })
    return answer(response, 200, { Code: 'OK', Message: 'OK', BizId: bizId })
  })
  // Node closes idle keep-alive sockets after 5 s, racing an SDK that reuses one after a slow
  // claim (a reset the dispatcher would retry later); the clouds' front ends keep them longer.
  server.keepAliveTimeout = 120_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    get refusedSignatures() {
      return refusedSignatures
    },
    throttleNext(count) {
      throttled = count
    },
    queries,
    settle(bizId, number, verdict) {
      const known = details.get(`${bizId}|${number}`)
      if (known) details.set(`${bizId}|${number}`, { ...known, SendStatus: verdict.delivered ? 3 : 2, ErrCode: verdict.errCode, ReceiveDate: verdict.receiveDate })
    },
    reports: (failed = new Set()) =>
      calls.map((call) =>
        call.numbers.map((number) => ({
          phone_number: number,
          send_time: '2026-11-24 10:00:00',
          report_time: '2026-11-24 10:00:05',
          success: !failed.has(number),
          err_code: failed.has(number) ? 'MK:0001' : 'DELIVERED',
          err_msg: failed.has(number) ? '空号' : '用户接收成功',
          sms_size: '1',
          biz_id: call.bizId,
          out_id: '',
        })),
      ),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
