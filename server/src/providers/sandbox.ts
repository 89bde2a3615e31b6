import { unitInterval } from '@recall/engine'
import { normalizePhone } from '@recall/shared'
import { relayReplyText, text } from './callback-fields'
import { CALLBACK_REASONS } from './callback-reasons'
import { relayTime } from './pushed-times'
import { headerText, isFresh, sameSignature, timestampedSignature } from './signatures'
import { batchRecords, type ProviderWebhooks, readEach, type SmsProvider, WebhookFormatError } from './types'

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

/** A reply's number in Recall's own format: a record without a valid one is skipped, named `phone`. */
function relayPhone(record: Record<string, unknown>): string {
  try {
    return normalizePhone(text(record, 'phone'))
  } catch {
    throw new WebhookFormatError('phone')
  }
}

/**
 * Callbacks in Recall's own format, for the sandbox and for systems that relay a provider's
 * reports: JSON arrays signed with HMAC-SHA256 (hex) over x-recall-timestamp, a newline and the
 * body, in x-recall-signature; a timestamp over five minutes off is a replay. A reply carries its
 * `id`, a receipt its `providerId`; either may carry `at` (ISO 8601 with a zone: when the reply was
 * sent, when the message was delivered or failed), the time received when left out (see relayTime).
 */
export function sandboxWebhooks(webhookSecret: string | undefined): ProviderWebhooks {
  // A relay numbering its replies sends the id as a number: refusing it would cost the reply its "TD".
  const identifier = (record: Record<string, unknown>, field: string) => (Number.isSafeInteger(record[field]) ? String(record[field]) : text(record, field))
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
      readEach(batchRecords(request.rawBody), (record, lenient) => {
        const at = relayTime(record, 'at', now, lenient)
        const status = text(record, 'status')
        if (status !== 'delivered' && status !== 'failed') throw new WebhookFormatError('status', CALLBACK_REASONS.unknownStatus('status', ['delivered', 'failed']))
        return { providerId: text(record, 'providerId'), status, code: typeof record.code === 'string' ? record.code : undefined, at }
      }),
    replies: (request, now) =>
      readEach(batchRecords(request.rawBody), (record, lenient) => {
        // What refuses the whole callback is read first, so a record skipped for its number or a blank text cannot hide it.
        const at = relayTime(record, 'at', now, lenient)
        const reply = relayReplyText(record, 'text')
        const phone = relayPhone(record)
        return { providerMessageId: identifier(record, 'id'), phone, text: reply, at }
      }),
  }
}
