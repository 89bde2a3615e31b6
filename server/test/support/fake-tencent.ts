import { createHash, createHmac, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { read } from './fake-provider'
import { type TencentListedTemplate, tencentTemplateListAnswer } from './fake-template-lists'

/**
 * A local Tencent Cloud SMS (API 2021-01-11) for tests. It checks every request's TC3-HMAC-SHA256
 * signature with its own implementation of the documented algorithm (not the SDK's signer),
 * answers SendSms with one status per number, and pushes status callback arrays.
 */
export interface FakeTencent {
  /** http://sms.localhost:port: the signed service name is the host's first label, "sms". */
  endpoint: string
  calls: { numbers: string[]; templateId: string; params: string[]; accepted: { sid: string; phone: string }[] }[]
  refusedSignatures: number
  /** The next calls answer LimitExceeded.DeliveryFrequencyLimit. */
  throttleNext(count: number): void
  /** Numbers the cloud answers LimitExceeded.PhoneNumberDailyLimit for, inside an accepted call. */
  overDailyLimit: Set<string>
  /** Statuses waiting in the application's PullSmsSendStatus queue; each is handed out once. */
  pullQueue: { SerialNo: string; PhoneNumber: string; ReportStatus: 'SUCCESS' | 'FAIL'; Description: string; UserReceiveTime: number }[]
  /** PullSmsSendStatus calls made. */
  pulls: number
  /** The status callbacks the cloud would push: one JSON array per accepted call. */
  reports(): Record<string, unknown>[][]
  close(): Promise<void>
}

export interface FakeTencentOptions {
  secretId: string
  secretKey: string
  smsSdkAppId: string
  templates: string[]
  /** What DescribeSmsTemplateList lists. */
  listed?: TencentListedTemplate[]
}

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()
const MAINLAND = /^\+861[3-9]\d{9}$/

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : (value ?? '')
}

/** TC3-HMAC-SHA256 as documented: canonical request, credential scope, derived key date → service → tc3_request. */
function verify(headers: IncomingHttpHeaders, path: string, body: string, options: FakeTencentOptions): string | undefined {
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(
    header(headers, 'authorization'),
  )
  if (!match) return 'AuthFailure.InvalidAuthorization'
  const [, secretId, date, service, signed, signature] = match as unknown as [string, string, string, string, string, string]
  if (secretId !== options.secretId) return 'AuthFailure.SecretIdNotFound'
  // Real endpoints listen on the default port, so the Host they sign never has one.
  const host = header(headers, 'host').replace(/:\d+$/, '')
  if (service !== 'sms' || host.split('.')[0] !== service) return 'AuthFailure.InvalidAuthorization'
  const timestamp = Number(header(headers, 'x-tc-timestamp'))
  if (Math.abs(timestamp * 1000 - Date.now()) > 5 * 60_000) return 'AuthFailure.SignatureExpire'
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'AuthFailure.InvalidAuthorization'
  const signedHeaders = signed.split(';')
  if (!signedHeaders.includes('host') || !signedHeaders.includes('content-type')) return 'AuthFailure.InvalidAuthorization'
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(name === 'host' ? host : header(headers, name)).trim().toLowerCase()}\n`).join('')
  const canonicalRequest = ['POST', path, '', canonicalHeaders, signed, sha256Hex(body)].join('\n')
  const scope = `${date}/${service}/tc3_request`
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`
  const signingKey = hmac(hmac(hmac(`TC3${options.secretKey}`, date), service), 'tc3_request')
  if (createHmac('sha256', signingKey).update(stringToSign).digest('hex') !== signature) return 'AuthFailure.SignatureFailure'
  return undefined
}

export async function startFakeTencent(options: FakeTencentOptions): Promise<FakeTencent> {
  const calls: FakeTencent['calls'] = []
  const overDailyLimit = new Set<string>()
  let throttled = 0
  let refusedSignatures = 0
  let serial = 0
  let pulls = 0
  const pullQueue: FakeTencent['pullQueue'] = []
  const answer = (response: ServerResponse, body: Record<string, unknown>) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Response: { ...body, RequestId: randomUUID() } }))
  const error = (response: ServerResponse, Code: string, Message: string) => answer(response, { Error: { Code, Message } })
  const server: Server = createServer(async (request, response) => {
    const body = await read(request)
    const refusal = verify(request.headers, request.url ?? '/', body, options)
    if (refusal) {
      refusedSignatures += 1
      return error(response, refusal, 'The provided credentials could not be validated.')
    }
    if (header(request.headers, 'x-tc-action') === 'DescribeSmsTemplateList' && header(request.headers, 'x-tc-version') === '2021-01-11')
      return answer(response, tencentTemplateListAnswer(JSON.parse(body), options.listed ?? []))
    if (header(request.headers, 'x-tc-action') === 'PullSmsSendStatus') {
      pulls += 1
      const { Limit, SmsSdkAppId } = JSON.parse(body) as { Limit: number; SmsSdkAppId: string }
      if (SmsSdkAppId !== options.smsSdkAppId) return error(response, 'InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId 不存在')
      const handed = pullQueue.splice(0, Limit).map((status) => ({ CountryCode: '86', SubscriberNumber: status.PhoneNumber.slice(3), SessionContext: '', ...status }))
      return answer(response, { PullSmsSendStatusSet: handed })
    }
    if (header(request.headers, 'x-tc-action') !== 'SendSms' || header(request.headers, 'x-tc-version') !== '2021-01-11') return error(response, 'InvalidAction', 'unknown action')
    const input = JSON.parse(body) as { SmsSdkAppId: string; TemplateId: string; TemplateParamSet?: string[]; PhoneNumberSet: string[] }
    if (throttled > 0) {
      throttled -= 1
      return error(response, 'LimitExceeded.DeliveryFrequencyLimit', '下发短信命中了频率限制策略')
    }
    if (input.SmsSdkAppId !== options.smsSdkAppId) return error(response, 'FailedOperation.MissingSignatureList', 'SdkAppId has no signature')
    if (input.PhoneNumberSet.length > 200) return error(response, 'LimitExceeded.PhoneNumberCountLimit', '调用接口单次提交的手机号个数超过200个')
    if (!options.templates.includes(input.TemplateId)) return error(response, 'FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或内容不匹配')
    const accepted: { sid: string; phone: string }[] = []
    const statuses = input.PhoneNumberSet.map((phone) => {
      if (!MAINLAND.test(phone))
        return { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: '', Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: '手机号格式错误', IsoCode: 'CN' }
      if (overDailyLimit.has(phone))
        return {
          SerialNo: '',
          PhoneNumber: phone,
          Fee: 0,
          SessionContext: '',
          Code: 'LimitExceeded.PhoneNumberDailyLimit',
          Message: '单个手机号日下发条数超过设定的上限',
          IsoCode: 'CN',
        }
      serial += 1
      const serialNo = `2640:${serial}`
      accepted.push({ sid: serialNo, phone })
      return { SerialNo: serialNo, PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }
    })
    calls.push({ numbers: input.PhoneNumberSet, templateId: input.TemplateId, params: input.TemplateParamSet ?? [], accepted })
    return answer(response, { SendStatusSet: statuses })
  })
  // Node closes idle keep-alive sockets after 5 s, racing an SDK that reuses one after a slow
  // claim (a reset the dispatcher would retry later); the clouds' front ends keep them longer.
  server.keepAliveTimeout = 120_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://sms.localhost:${port}`,
    calls,
    get refusedSignatures() {
      return refusedSignatures
    },
    overDailyLimit,
    pullQueue,
    get pulls() {
      return pulls
    },
    throttleNext(count) {
      throttled = count
    },
    reports: () =>
      calls.map((call) =>
        call.accepted.map(({ sid, phone }) => ({
          user_receive_time: '2026-11-24 10:00:05',
          nationcode: '86',
          mobile: phone.slice(3),
          report_status: 'SUCCESS',
          errmsg: 'DELIVRD',
          description: '用户短信送达成功',
          sid,
        })),
      ),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
