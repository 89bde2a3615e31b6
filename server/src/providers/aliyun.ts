import type * as Dysmsapi from '@alicloud/dysmsapi20170525'
import type { $OpenApiUtil } from '@alicloud/openapi-core'
import { aliyunReceiptPoll } from './aliyun-poll'
import { replyText, text } from './callback-fields'
import { CALLBACK_REASONS } from './callback-reasons'
import { hasCallbackToken } from './callback-token'
import { cloudNumber } from './cloud'
import { cloudLimits } from './cloud-defaults'
import { isNeverSentCode, PROVIDER_TIMEOUT_MS, withoutQuery } from './http'
import { numberReadings, replyNumber } from './pushed-number'
import { cloudTime, replyKey } from './pushed-times'
import type { CloudLimits } from './settings'
import {
  batchRecords,
  type OutgoingMessage,
  ProviderError,
  type ProviderReceipt,
  type ProviderWebhooks,
  readEach,
  type SmsProvider,
  UnknownOutcomeError,
  WebhookFormatError,
} from './types'

/** An Aliyun SMS (Dysmsapi 2017-05-25) account, as its console gives it. */
export interface AliyunAccount extends CloudLimits {
  /** e.g. https://dysmsapi.aliyuncs.com; tests point it at a local fake. */
  endpoint: string
  accessKeyId: string
  accessKeySecret: string
  /** The approved sign name, shown as 【signName】. */
  signName: string
  /** The secret `token` the callback URLs registered in the console carry. */
  callbackToken: string
  timeoutMs?: number
}

/** SendBatchSms takes at most 100 numbers, each with its own sign and parameters. */
export const ALIYUN_BATCH_LIMIT = 100

// Flow control and a busy platform pass; the rest (bad template, bad number…) are for good.
const THROTTLING = /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|Throttling.*)$/
const TRANSIENT = /^(isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|isp\.SYSTEM_ERROR|Throttling.*|ServiceUnavailable)$/
/** Aliyun's flow control counts per minute and hour: wait a minute at least. */
const THROTTLE_WAIT_SECONDS = 60

type DysmsapiClient = InstanceType<typeof Dysmsapi.default>
type Sdk = { Client: typeof Dysmsapi.default; requests: typeof Dysmsapi; Config: typeof $OpenApiUtil.Config }

let sdk: Promise<Sdk> | undefined
/**
 * The SDK, loaded when an Aliyun account first sends: loaded at start-up it held ~20 MB of every
 * server's memory, most of which never send through Aliyun.
 */
export function loadSdk(): Promise<Sdk> {
  sdk ??= Promise.all([import('@alicloud/dysmsapi20170525'), import('@alicloud/openapi-core')]).then(([requests, core]) => {
    // The SDK ships as CommonJS with its class on `default`; ESM loaders put it one level deeper or not.
    const Client = ((requests.default as unknown as { default?: typeof Dysmsapi.default }).default ?? requests.default) as typeof Dysmsapi.default
    return { Client, requests, Config: core.$OpenApiUtil.Config }
  })
  return sdk
}

export async function clientFor(account: AliyunAccount): Promise<DysmsapiClient> {
  const { Client, Config } = await loadSdk()
  const endpoint = new URL(account.endpoint)
  return new Client(
    new Config({
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      endpoint: endpoint.host,
      protocol: endpoint.protocol.replace(':', ''),
      readTimeout: account.timeoutMs ?? PROVIDER_TIMEOUT_MS,
      connectTimeout: account.timeoutMs ?? PROVIDER_TIMEOUT_MS,
    }),
  )
}

function refusal(code: string, message: string): ProviderError {
  return TRANSIENT.test(code) ? new ProviderError('transient', code, message, THROTTLE_WAIT_SECONDS, THROTTLING.test(code)) : new ProviderError('permanent', code, message)
}

/**
 * The SDK throws the cloud's refusals (a code and the HTTP status) and network trouble. A refusal
 * passes or not by its code; a connection that could not be made is tried again. Anything else (a
 * read time-out, a cut connection, a 5xx without a code) may have reached Aliyun, which does not
 * drop repeats: its outcome is unknown, so it is never sent again.
 */
export function thrown(cause: unknown): ProviderError {
  if (cause instanceof ProviderError) return cause
  const { code, message, statusCode, name } = (cause ?? {}) as { code?: string; message?: string; statusCode?: number; name?: string }
  const said = withoutQuery(message ?? String(cause))
  if (code && statusCode && statusCode < 500 && !TRANSIENT.test(code)) return new ProviderError('permanent', code, said)
  if (code && TRANSIENT.test(code)) return refusal(code, said)
  if (isNeverSentCode(code)) return new ProviderError('transient', 'network', `cannot reach Aliyun: ${code}`)
  if (code && statusCode) return new UnknownOutcomeError(code, said)
  return new UnknownOutcomeError(name === 'RequestTimeoutError' ? 'timeout' : (code ?? 'network'), said)
}

function templateOf(message: OutgoingMessage) {
  if (!message.template) throw new ProviderError('permanent', 'no_template', 'the node has no template code; Aliyun sends only approved templates')
  return message.template
}

/**
 * Aliyun SMS through its official SDK. One BizId covers a whole batch, so a message's provider id
 * is "BizId/number", as receipts (biz_id + phone_number) name it. Calls are not idempotent.
 */
export function aliyunProvider(account: AliyunAccount): SmsProvider {
  let connected: Promise<DysmsapiClient> | undefined
  const client = () => {
    connected ??= clientFor(account)
    return connected
  }
  const send = async (message: OutgoingMessage): Promise<ProviderReceipt> => {
    const template = templateOf(message)
    const number = cloudNumber(message.phone)
    const { requests } = await loadSdk()
    const answer = await (await client())
      .sendSms(
        new requests.SendSmsRequest({
          phoneNumbers: number,
          signName: account.signName,
          templateCode: template.code,
          templateParam: JSON.stringify(template.params),
          outId: message.idempotencyKey,
        }),
      )
      .catch((cause: unknown) => {
        throw thrown(cause)
      })
    const body = answer.body
    if (body?.code !== 'OK' || !body.bizId) throw refusal(body?.code ?? 'no_answer', body?.message ?? 'refused')
    return { providerId: `${body.bizId}/${number}` }
  }
  return {
    name: 'aliyun',
    // Not `lookup`: QuerySendDetails finds a message by number, day and BizId, and SendBatchSms
    // carries one OutId for up to 100 numbers, so "not found by our key" cannot mean "never sent".
    resend: 'none',
    batchLimit: ALIYUN_BATCH_LIMIT,
    rateLimit: { key: `aliyun:${account.accessKeyId}`, requestsPerSecond: cloudLimits('aliyun', account).requestsPerSecond },
    ...(account.pollReceipts ? { pollReceipts: aliyunReceiptPoll(async () => ({ client: await client(), requests: (await loadSdk()).requests })) } : {}),
    send: (message) => send(message),
    async sendBatch(messages, _now, beforeRequest = async () => {}) {
      const templates = messages.map(templateOf)
      const code = templates[0]?.code
      if (!code || templates.some((template) => template.code !== code)) throw new ProviderError('permanent', 'mixed_templates', 'one batch carries one template')
      const numbers = messages.map((message) => cloudNumber(message.phone))
      let body: Dysmsapi.SendBatchSmsResponseBody | undefined
      try {
        await beforeRequest()
        const { requests } = await loadSdk()
        const answer = await (await client()).sendBatchSms(
          new requests.SendBatchSmsRequest({
            phoneNumberJson: JSON.stringify(numbers),
            signNameJson: JSON.stringify(numbers.map(() => account.signName)),
            templateCode: code,
            templateParamJson: JSON.stringify(templates.map((template) => template.params)),
          }),
        )
        body = answer.body
      } catch (cause) {
        const error = thrown(cause)
        return messages.map(() => error)
      }
      if (body?.code === 'OK' && body.bizId) return numbers.map((number) => ({ providerId: `${body.bizId}/${number}` }))
      const error = refusal(body?.code ?? 'no_answer', body?.message ?? 'refused')
      // One bad number refuses the whole batch: send one by one so the others still go.
      if (error.code === 'isv.MOBILE_NUMBER_ILLEGAL' && messages.length > 1)
        return Promise.all(
          messages.map((message) =>
            beforeRequest()
              .then(() => send(message))
              .catch((cause: unknown) => thrown(cause)),
          ),
        )
      return messages.map(() => error)
    },
  }
}

/**
 * A report's message ids: "BizId/number", as the send answer made them, for each reading of the
 * number pushed (see numberReadings); a number no reading makes valid skips the record.
 */
function reportedIds(record: Record<string, unknown>): [string, ...string[]] {
  const bizId = text(record, 'biz_id')
  const [first, ...others] = numberReadings(text(record, 'phone_number')).map((phone) => `${bizId}/${cloudNumber(phone)}`)
  if (!first) throw new WebhookFormatError('phone_number')
  return [first, ...others]
}

/** SmsReport's `success`: true or false, nothing else taken for a verdict. */
function verdict(record: Record<string, unknown>): boolean {
  if (typeof record.success !== 'boolean') throw new WebhookFormatError('success', CALLBACK_REASONS.unknownStatus('success', ['true', 'false']))
  return record.success
}

/** SmsReport and SmsUp pushes: JSON arrays, verified by the token in the registered URL. */
export function aliyunWebhooks(account: AliyunAccount): ProviderWebhooks {
  return {
    verify: (request) => hasCallbackToken(request.url, account.callbackToken),
    // Anything but code 0 makes Aliyun push again after 1, 5 and 10 minutes.
    acknowledgement: { code: 0, msg: '接收成功' },
    receipts: (request, now) =>
      readEach(batchRecords(request.rawBody), (record, lenient) => {
        const [providerId, ...otherProviderIds] = reportedIds(record)
        const delivered = verdict(record)
        return {
          providerId,
          ...(otherProviderIds.length > 0 ? { otherProviderIds } : {}),
          status: delivered ? 'delivered' : 'failed',
          code: delivered ? undefined : typeof record.err_code === 'string' ? record.err_code : 'UNKNOWN',
          at: cloudTime(record, 'report_time', 'beijing', now, lenient),
        }
      }),
    replies: (request, now) =>
      readEach(batchRecords(request.rawBody), (record, lenient) => {
        const number = replyNumber(record.phone_number, 'phone_number', lenient)
        const content = replyText(record, 'content')
        const at = cloudTime(record, 'send_time', 'beijing', now, lenient)
        const sequence = record.sequence_id
        return {
          // SmsUp's sequence_id names the reply; a push repeated by Aliyun carries the same one. Without
          // one, the number, the time as read and the text do: a missing or unreadable time reads as the
          // arrival, so a second TD after a START is never taken for a repeat of the first (it was, and
          // the person's last word, TD, was dropped). Only text or a number is an id: anything else is no id.
          providerMessageId: typeof sequence === 'string' || typeof sequence === 'number' ? String(sequence) : replyKey(number.phone, at, content),
          ...number,
          text: content,
          at,
        }
      }),
  }
}
