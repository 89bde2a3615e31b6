import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { LookupFunction } from 'node:net'
import type * as tencentcloud from 'tencentcloud-sdk-nodejs-sms'
import { replyText, text } from './callback-fields'
import { CALLBACK_REASONS } from './callback-reasons'
import { hasCallbackToken } from './callback-token'
import { cloudLimits } from './cloud-defaults'
import { isNeverSentCode, PROVIDER_TIMEOUT_MS, withoutQuery } from './http'
import { replyNumber } from './pushed-number'
import { cloudTime, replyKey } from './pushed-times'
import type { CloudLimits } from './settings'
import { tencentReceiptPoll } from './tencent-poll'
import {
  type BeforeRequest,
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

/** A Tencent Cloud SMS (API 2021-01-11) account, as its console gives it. */
export interface TencentAccount extends CloudLimits {
  /** e.g. https://sms.tencentcloudapi.com; the host's first label is the signed service name. */
  endpoint: string
  region: string
  secretId: string
  secretKey: string
  /** The SMS application's SdkAppId, e.g. 1400006666. */
  smsSdkAppId: string
  signName: string
  /** The secret `token` the callback URLs registered in the console carry. */
  callbackToken: string
  timeoutMs?: number
}

/** SendSms takes at most 200 numbers with one template. */
export const TENCENT_BATCH_LIMIT = 200

const THROTTLE_WAIT_SECONDS = 60
/** A number over its daily limit may get messages again tomorrow at the earliest; retry hourly. */
const DAILY_LIMIT_WAIT_SECONDS = 3600

type TencentClient = InstanceType<typeof tencentcloud.sms.v20210111.Client>

let sdk: Promise<typeof tencentcloud> | undefined
/** The SDK, loaded when a Tencent account first sends: most servers never do, and it held ~12 MB of each. */
function loadSdk(): Promise<typeof tencentcloud> {
  sdk ??= import('tencentcloud-sdk-nodejs-sms')
  return sdk
}

/** RFC 6761: names under .localhost are the loopback host (the local fake cloud keeps the signed service name "sms"). */
const loopbackLookup: LookupFunction = (_hostname, options, callback) =>
  options.all ? (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)

export async function clientFor(account: TencentAccount): Promise<TencentClient> {
  const SmsClient = (await loadSdk()).sms.v20210111.Client
  const url = new URL(account.endpoint)
  const local = url.hostname.endsWith('.localhost')
  const agent = local ? (url.protocol === 'https:' ? new HttpsAgent({ lookup: loopbackLookup }) : new HttpAgent({ lookup: loopbackLookup })) : undefined
  return new SmsClient({
    credential: { secretId: account.secretId, secretKey: account.secretKey },
    region: account.region,
    profile: {
      httpProfile: {
        endpoint: url.host,
        protocol: `${url.protocol}//`,
        reqTimeout: Math.ceil((account.timeoutMs ?? PROVIDER_TIMEOUT_MS) / 1000),
        ...(agent ? { agent } : {}),
      },
    },
  })
}

function refusal(code: string, message: string): ProviderError {
  if (code.startsWith('LimitExceeded.') || code === 'RequestLimitExceeded')
    return new ProviderError('transient', code, message, code.endsWith('DailyLimit') ? DAILY_LIMIT_WAIT_SECONDS : THROTTLE_WAIT_SECONDS, true)
  if (code.startsWith('InternalError')) return new ProviderError('transient', code, message, THROTTLE_WAIT_SECONDS)
  return new ProviderError('permanent', code, message)
}

/** The SDK's text for a connection it could not make ("request to … failed, reason: connect ECONNREFUSED …"): the socket code after "reason:". */
const NOT_CONNECTED = /reason: (?:connect|getaddrinfo) ([A-Z_]+)/

/**
 * The SDK throws the cloud's error (with its code) or, without a code, a network failure. A
 * connection that could not be made is tried again; any other failure (a time-out, a cut
 * connection) may have reached Tencent, which does not drop repeats: its outcome is unknown, so it
 * is never sent again.
 */
export function thrown(cause: unknown): ProviderError {
  if (cause instanceof ProviderError) return cause
  const { code, message } = (cause ?? {}) as { code?: string; message?: string }
  const said = withoutQuery(message ?? String(cause))
  if (code) return refusal(code, said)
  const socketCode = NOT_CONNECTED.exec(said)?.[1]
  if (isNeverSentCode(socketCode)) return new ProviderError('transient', 'network', `cannot reach Tencent Cloud: ${socketCode}`)
  return new UnknownOutcomeError(/timeout/i.test(said) ? 'timeout' : 'network', said)
}

type Template = NonNullable<OutgoingMessage['template']>
/** The number in a parameter's name ("p2" → 2): Tencent's templates number their variables {1}, {2}…. */
const position = (name: string) => Number(name.replace(/\D+/g, '') || Number.POSITIVE_INFINITY)
/** The node's parameters in the order of the template's variables. */
const orderedParams = (params: Record<string, string>) =>
  Object.entries(params)
    .sort(([left], [right]) => position(left) - position(right) || left.localeCompare(right))
    .map(([, value]) => value)

/** Messages with one template and the same values go in one SendSms call. */
const callKey = (template: Template) => JSON.stringify([template.code, orderedParams(template.params)])

/**
 * Tencent Cloud SMS through its official SDK: one SendSms call for up to 200 numbers with one
 * template, one answer (SerialNo or error code) per number. Calls are not idempotent.
 */
export function tencentProvider(account: TencentAccount): SmsProvider {
  let connected: Promise<TencentClient> | undefined
  const client = () => {
    connected ??= clientFor(account)
    return connected
  }
  /** One SendSms call: numbers that share one template and one set of values. */
  async function sendAlike(messages: OutgoingMessage[], template: Template, beforeRequest: BeforeRequest): Promise<(ProviderReceipt | ProviderError)[]> {
    let statuses: { PhoneNumber?: string; SerialNo?: string; Code?: string; Message?: string }[]
    try {
      await beforeRequest()
      const answer = await (await client()).SendSms({
        SmsSdkAppId: account.smsSdkAppId,
        SignName: account.signName,
        TemplateId: template.code,
        TemplateParamSet: orderedParams(template.params),
        PhoneNumberSet: messages.map((message) => message.phone),
        // Echoed back by PullSmsSendStatus: our reference when the call carries one message.
        ...(messages.length === 1 && messages[0] ? { SessionContext: messages[0].idempotencyKey } : {}),
      })
      statuses = answer.SendStatusSet ?? []
    } catch (cause) {
      const error = thrown(cause)
      return messages.map(() => error)
    }
    const byNumber = new Map(statuses.map((status) => [status.PhoneNumber, status]))
    return messages.map((message) => {
      const status = byNumber.get(message.phone)
      if (!status) return new ProviderError('transient', 'no_answer', 'the cloud gave no status for this number')
      if (status.Code === 'Ok' && status.SerialNo) return { providerId: status.SerialNo }
      return refusal(status.Code ?? 'no_code', status.Message ?? 'refused')
    })
  }
  /** One call per distinct set of values (a call has one TemplateParamSet), answers back in the messages' order. */
  async function sendBatch(messages: OutgoingMessage[], _now?: number, beforeRequest: BeforeRequest = async () => {}): Promise<(ProviderReceipt | ProviderError)[]> {
    const answers: (ProviderReceipt | ProviderError)[] = []
    const alike = new Map<string, { template: Template; indexes: number[] }>()
    messages.forEach((message, index) => {
      if (!message.template) {
        answers[index] = new ProviderError('permanent', 'no_template', 'the node has no template id; Tencent sends only approved templates')
        return
      }
      const key = callKey(message.template)
      const group = alike.get(key) ?? { template: message.template, indexes: [] }
      group.indexes.push(index)
      alike.set(key, group)
    })
    await Promise.all(
      [...alike.values()].map(async ({ template, indexes }) => {
        const results = await sendAlike(
          indexes.map((index) => messages[index] as OutgoingMessage),
          template,
          beforeRequest,
        )
        indexes.forEach((index, position) => {
          answers[index] = results[position] as ProviderReceipt | ProviderError
        })
      }),
    )
    return answers
  }
  return {
    name: 'tencent',
    // Not `lookup`: SessionContext is echoed only in receipts (PullSmsSendStatus…), which come
    // after the carrier answers, so a message not found there may still have been taken.
    resend: 'none',
    batchLimit: TENCENT_BATCH_LIMIT,
    rateLimit: { key: `tencent:${account.secretId}`, requestsPerSecond: cloudLimits('tencent', account).requestsPerSecond },
    ...(account.pollReceipts ? { pollReceipts: tencentReceiptPoll(client, account.smsSdkAppId) } : {}),
    async send(message) {
      const [answer] = await sendBatch([message])
      if (!answer || answer instanceof ProviderError) throw answer ?? new ProviderError('transient', 'no_answer', 'no answer')
      return answer
    },
    sendBatch,
  }
}

/** A number or digits, as relays send either ("nationcode": 86, "mobile": 13712345026, "nationcode": "+86"). */
function digits(record: Record<string, unknown>, field: string): string {
  const value = record[field]
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value)
  return text(record, field).trim().replace(/^\+/, '')
}

/** Status callbacks come as an array; a reply callback as one object (accepted in an array too). */
const asArray = (rawBody: string) => (rawBody.trim().startsWith('{') ? `[${rawBody}]` : rawBody)

/** A status report's verdict: Tencent's two values, nothing else guessed into a failure. */
const REPORT_STATUSES = ['SUCCESS', 'FAIL']

/** Status and reply callbacks, verified by the token in the registered URL. */
export function tencentWebhooks(account: TencentAccount): ProviderWebhooks {
  return {
    verify: (request) => hasCallbackToken(request.url, account.callbackToken),
    acknowledgement: { result: 0, errmsg: 'OK' },
    receipts: (request, now) =>
      readEach(batchRecords(asArray(request.rawBody)), (record, lenient) => {
        const providerId = text(record, 'sid')
        const status = record.report_status
        if (typeof status !== 'string' || !REPORT_STATUSES.includes(status))
          throw new WebhookFormatError('report_status', CALLBACK_REASONS.unknownStatus('report_status', REPORT_STATUSES))
        return {
          providerId,
          status: status === 'SUCCESS' ? 'delivered' : 'failed',
          code: status === 'SUCCESS' ? undefined : typeof record.errmsg === 'string' ? record.errmsg : 'UNKNOWN',
          at: cloudTime(record, 'user_receive_time', 'beijing', now, lenient),
        }
      }),
    replies: (request, now) =>
      readEach(batchRecords(asArray(request.rawBody)), (record, lenient) => {
        // The country code and the number come apart: the number is read with its country, so it has one
        // reading. A relay that already put the country on the number ("+8613…") is taken as it is.
        const mobile = typeof record.mobile === 'string' ? record.mobile.trim() : ''
        const number = replyNumber(mobile.startsWith('+') ? mobile : `+${digits(record, 'nationcode')}${digits(record, 'mobile')}`, 'mobile', lenient)
        const reply = replyText(record, 'text')
        const at = cloudTime(record, 'time', 'unixSeconds', now, lenient)
        return {
          // Tencent's reply callback has no id of its own: the number, its time as read (the arrival when
          // missing or unreadable, so a second TD is no repeat of the first) and text name it.
          providerMessageId: replyKey(number.phone, at, reply),
          ...number,
          text: reply,
          at,
        }
      }),
  }
}
