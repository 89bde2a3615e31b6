import { unitInterval } from '@recall/engine'
import { isSupportedDateTime, normalizePhone } from '@recall/shared'
import { replyText, text } from './callback-fields'
import { CALLBACK_REASONS, TIME_FORMATS } from './callback-reasons'
import { headerText, isFresh, sameSignature, timestampedSignature } from './signatures'
import { batchRecords, type Lenient, type ProviderWebhooks, readEach, type SmsProvider, WebhookFormatError } from './types'

export interface SandboxOptions {
  /** Share of messages the simulated carrier delivers. */
  deliveryRate: number
  /** Seconds from sending to the delivery receipt. */
  receiptDelaySeconds: number
  /** Share of delivered messages whose link gets clicked, and how long after sending. */
  clickRate: number
  clickDelaySeconds: number
}

export const DEFAULT_SANDBOX: SandboxOptions = { deliveryRate: 0.97, receiptDelaySeconds: 5, clickRate: 0.2, clickDelaySeconds: 600 }

/**
 * The default provider: accepts every message and answers with a delivery receipt and, for
 * messages with a link, a click, at the given rates, decided by the idempotency key so a retried
 * message gets the same answer. Sends nothing.
 */
export function sandboxProvider(options: SandboxOptions = DEFAULT_SANDBOX): SmsProvider {
  return {
    name: 'sandbox',
    // It answers by the idempotency key: a repeat reaches no one twice.
    resend: 'idempotent',
    async send(message, now) {
      const delivered = unitInterval(`delivery|${message.idempotencyKey}`) < options.deliveryRate
      const clicked = delivered && message.text.includes('https://') && unitInterval(`click|${message.idempotencyKey}`) < options.clickRate
      const receiptAt = now + options.receiptDelaySeconds * 1000
      return {
        providerId: `sbx-${message.idempotencyKey}`,
        receipt: delivered ? { status: 'delivered', at: receiptAt } : { status: 'failed', at: receiptAt, code: 'SANDBOX_UNREACHABLE' },
        ...(clicked ? { click: { at: now + options.clickDelaySeconds * 1000 } } : {}),
      }
    },
  }
}

/** Signs a callback in Recall's own format: x-recall-timestamp (Unix seconds) and this in x-recall-signature. */
export function sandboxSignature(webhookSecret: string, timestamp: string, rawBody: string): string {
  return timestampedSignature(webhookSecret, timestamp, rawBody, 'hex')
}

/**
 * Callbacks in Recall's own format, for the sandbox and for systems that relay a provider's
 * reports: JSON arrays signed with HMAC-SHA256 (hex) over x-recall-timestamp, a newline and the
 * body, in x-recall-signature; a timestamp over five minutes off is a replay. Each reply carries
 * its `id` and may carry `at` (ISO 8601 with a zone, when it was sent; any other time is replaced by
 * the time received, and the answer notes it).
 */
export function sandboxWebhooks(webhookSecret: string | undefined): ProviderWebhooks {
  // A relay numbering its replies sends the id as a number: refusing it would cost the reply its "TD".
  const identifier = (record: Record<string, unknown>, field: string) => (Number.isSafeInteger(record[field]) ? String(record[field]) : text(record, field))
  // An odd time (Unix seconds, no zone) must not cost a valid number its "TD": the time received stands in, and the answer says so.
  const sentAt = (value: unknown, fallback: number, lenient: Lenient) => {
    if (value === undefined) return fallback
    if (typeof value === 'string' && isSupportedDateTime(value)) return Date.parse(value)
    lenient('at', CALLBACK_REASONS.timeReceivedUsed('at', TIME_FORMATS.isoWithZone))
    return fallback
  }
  return {
    verify: (request) => {
      const timestamp = headerText(request.headers['x-recall-timestamp'])
      return (
        webhookSecret !== undefined &&
        /^\d{1,12}$/.test(timestamp) &&
        isFresh(Number(timestamp) * 1000, request.receivedAt) &&
        sameSignature(request.headers['x-recall-signature'], sandboxSignature(webhookSecret, timestamp, request.rawBody))
      )
    },
    receipts: (request, now) =>
      readEach(batchRecords(request.rawBody), (record) => {
        const status = text(record, 'status')
        if (status !== 'delivered' && status !== 'failed') throw new WebhookFormatError('status', CALLBACK_REASONS.unknownStatus('status', ['delivered', 'failed']))
        return { providerId: text(record, 'providerId'), status, code: typeof record.code === 'string' ? record.code : undefined, at: now }
      }),
    replies: (request, now) =>
      readEach(batchRecords(request.rawBody), (record, lenient) => {
        try {
          const phone = normalizePhone(text(record, 'phone'))
          return { providerMessageId: identifier(record, 'id'), phone, text: replyText(record, 'text'), at: sentAt(record.at, now, lenient) }
        } catch (cause) {
          throw cause instanceof WebhookFormatError ? cause : new WebhookFormatError('phone')
        }
      }),
  }
}
