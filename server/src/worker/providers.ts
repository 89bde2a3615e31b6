import { unitInterval } from '@recall/engine'

export interface OutgoingMessage {
  idempotencyKey: string
  phone: string
  channel: 'sms' | 'mms'
  text: string
}

export interface ProviderReceipt {
  providerId: string
  /** The carrier's verdict, when the provider reports it at once (the sandbox does). */
  receipt?: { status: 'delivered' | 'failed'; at: number; code?: string }
  /** The sandbox also plays the recipient: when its short link gets clicked. */
  click?: { at: number }
}

/** What every SMS provider adapter implements; the idempotency key travels with each message. */
export interface SmsProvider {
  name: string
  send(message: OutgoingMessage, now: number): Promise<ProviderReceipt>
}

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
