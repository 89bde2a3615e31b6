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
}

/**
 * The default provider: accepts every message and answers with a delivery receipt at the given
 * rate, decided by the idempotency key so a retried message gets the same answer. Sends nothing.
 */
export function sandboxProvider(options: SandboxOptions = { deliveryRate: 0.97, receiptDelaySeconds: 5 }): SmsProvider {
  return {
    name: 'sandbox',
    async send(message, now) {
      const delivered = unitInterval(`delivery|${message.idempotencyKey}`) < options.deliveryRate
      return {
        providerId: `sbx-${message.idempotencyKey}`,
        receipt: delivered
          ? { status: 'delivered', at: now + options.receiptDelaySeconds * 1000 }
          : { status: 'failed', at: now + options.receiptDelaySeconds * 1000, code: 'SANDBOX_UNREACHABLE' },
      }
    },
  }
}
