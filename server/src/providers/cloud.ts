import { normalizePhone } from '@recall/shared'
import { replyText, text } from './callback-fields'
import { callProvider, failureOf } from './http'
import { cloudTime } from './pushed-times'
import { headerText, isFresh, sameSignature, timestampedSignature } from './signatures'
import { batchRecords, ProviderError, type ProviderWebhooks, readEach, type SmsProvider, WebhookFormatError } from './types'

/**
 * A template provider in the style of the Chinese SMS clouds: a registered sign name, a
 * pre-approved template code and its parameters, requests signed with the access key secret.
 */
export interface CloudAccount {
  baseUrl: string
  accessKeyId: string
  accessKeySecret: string
  /** The approved signature, shown as 【signName】. */
  signName: string
  /** Signs the delivery reports and replies the cloud posts back. */
  callbackSecret: string
  timeoutMs?: number
}

// Throttling and a busy system pass; the rest are the message's own fault.
const TRANSIENT_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isp.SYSTEM_ERROR', 'Throttling'])

/** Mainland numbers go without +86, as these clouds expect them; others stay in E.164. */
export const cloudNumber = (phone: string) => (phone.startsWith('+86') ? phone.slice(3) : phone)

export function cloudSignature(secret: string, timestamp: string, body: string): string {
  return timestampedSignature(secret, timestamp, body)
}

export function cloudProvider(account: CloudAccount): SmsProvider {
  const url = `${account.baseUrl.replace(/\/$/, '')}/sms/send`
  return {
    name: 'cloud',
    // Every call carries our idempotency key, and the cloud drops a repeat of one it has seen.
    resend: 'idempotent',
    async send(message, now) {
      if (!message.template) throw new ProviderError('permanent', 'no_template', 'the node has no template code; template providers send only approved templates')
      const body = JSON.stringify({
        PhoneNumbers: cloudNumber(message.phone),
        SignName: account.signName,
        TemplateCode: message.template.code,
        TemplateParam: JSON.stringify(message.template.params),
        OutId: message.idempotencyKey,
      })
      const timestamp = new Date(now).toISOString()
      const answer = await callProvider(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-acs-access-key-id': account.accessKeyId,
            'x-acs-timestamp': timestamp,
            'x-acs-signature': cloudSignature(account.accessKeySecret, timestamp, body),
            'idempotency-key': message.idempotencyKey,
          },
          body,
        },
        account.timeoutMs,
      )
      const result = (answer.body ?? {}) as { Code?: string; Message?: string; BizId?: string }
      if (answer.status === 200 && result.Code === 'OK' && result.BizId) return { providerId: result.BizId }
      if (answer.status === 200 && result.Code && !TRANSIENT_CODES.has(result.Code)) throw new ProviderError('permanent', result.Code, result.Message ?? 'refused')
      if (result.Code && TRANSIENT_CODES.has(result.Code)) throw new ProviderError('transient', result.Code, result.Message ?? 'throttled', answer.retryAfterSeconds)
      throw failureOf(answer, result.Code ?? `http_${answer.status}`, result.Message ?? 'refused')
    },
  }
}

const messageId = (record: Record<string, unknown>, field: string) => {
  const value = record[field]
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  return text(record, field)
}

/**
 * Reports and replies arrive as JSON arrays, signed like our requests (HMAC-SHA256, base64, over
 * x-acs-timestamp and the body) with the callback secret; a timestamp over five minutes off is a replay.
 */
export function cloudWebhooks(account: CloudAccount): ProviderWebhooks {
  return {
    verify: (request) => {
      const timestamp = headerText(request.headers['x-acs-timestamp'])
      return (
        isFresh(Date.parse(timestamp), request.receivedAt) && sameSignature(request.headers['x-acs-signature'], cloudSignature(account.callbackSecret, timestamp, request.rawBody))
      )
    },
    // Its times as Aliyun's: a cloud whose push is refused pushes it again, then drops it, so an odd time
    // is replaced by the time received and noted, never refused (see cloudTime).
    receipts: (request, now) =>
      readEach(batchRecords(request.rawBody), (record, lenient) => ({
        providerId: text(record, 'biz_id'),
        status: record.success === true ? 'delivered' : 'failed',
        code: typeof record.err_code === 'string' && record.err_code !== 'DELIVERED' ? record.err_code : undefined,
        at: cloudTime(record, 'report_time', 'beijing', now, lenient),
      })),
    replies: (request, now) =>
      readEach(batchRecords(request.rawBody), (record, lenient) => {
        let phone: string
        try {
          phone = normalizePhone(text(record, 'phone_number'))
        } catch {
          throw new WebhookFormatError('phone_number')
        }
        return { providerMessageId: messageId(record, 'sequence_id'), phone, text: replyText(record, 'content'), at: cloudTime(record, 'send_time', 'beijing', now, lenient) }
      }),
  }
}
