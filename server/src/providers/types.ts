import type { LocalizedText, MessageCategory } from '@recall/shared'
import type { RateLimit } from '../worker/rate-limit'
import { CALLBACK_REASONS } from './callback-reasons'

export interface OutgoingMessage {
  idempotencyKey: string
  /** E.164. */
  phone: string
  channel: 'sms' | 'mms'
  category: MessageCategory
  text: string
  /** For template providers: the node's template code and its filled parameters. */
  template?: { code: string; params: Record<string, string> } | null | undefined
  mms?: { title: string; slides: { text: string; mediaUrl?: string }[] } | null | undefined
}

export interface ProviderReceipt {
  providerId: string
  /** The carrier's verdict, when the provider reports it at once (the sandbox does). */
  receipt?: { status: 'delivered' | 'failed'; at: number; code?: string }
  /** The sandbox also plays the recipient: when its short link gets clicked. */
  click?: { at: number }
}

/**
 * What can be done when a hand-over's outcome is unknown (the sender died or lost its database
 * mid-call): `idempotent`, the provider drops a repeat of the same idempotency key, so resend;
 * `lookup`, the provider can say whether it has the message (`lookup`), so ask first; `none`, no
 * way to know, so never resend: at most once.
 */
export type ResendMode = 'idempotent' | 'lookup' | 'none'

/** What every SMS provider adapter implements; the idempotency key travels with each message. */
export interface SmsProvider {
  name: string
  resend: ResendMode
  send(message: OutgoingMessage, now: number): Promise<ProviderReceipt>
  /** For `lookup` providers: what the provider holds for our idempotency key, or undefined when it has never seen it. */
  lookup?(idempotencyKey: string, now: number): Promise<ProviderReceipt | undefined>
  /** For batch clouds: how many messages one `sendBatch` call may carry. */
  batchLimit?: number
  /**
   * For batch clouds: messages with the same template in one call (at most `batchLimit`), one
   * answer per message in the same order: its receipt, or why the cloud refused that number.
   */
  sendBatch?(messages: OutgoingMessage[], now: number, beforeRequest?: BeforeRequest): Promise<(ProviderReceipt | ProviderError)[]>
  /**
   * For clouds that can be asked (polling on in the account's settings): the receipts the cloud
   * holds for messages sent without one, as its callbacks would have pushed them. Each request to
   * the cloud waits for `beforeRequest` (the account's rate).
   */
  pollReceipts?(pending: readonly PendingReceipt[], now: number, beforeRequest: BeforeRequest): Promise<StatusReport[]>
  /** The account's request rate, kept by the dispatcher. */
  rateLimit?: RateLimit
}

/** Awaited before each request to the cloud: the account's request rate. */
export type BeforeRequest = () => Promise<void>

/** A message the cloud took but whose receipt has not come. */
export interface PendingReceipt {
  providerId: string
  /** E.164. */
  phone: string
  sentAt: number
}

/**
 * A refusal the dispatcher can act on: `transient` (throttled, down, timed out) is tried again
 * later, `permanent` (bad number, template not approved) fails the message at once.
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: 'transient' | 'permanent',
    readonly code: string,
    message: string,
    /** Seconds the provider asked us to wait (Retry-After). */
    readonly retryAfterSeconds?: number,
    /** The provider's flow control, not the message: retried later without using up one of its attempts. */
    readonly throttled = false,
  ) {
    super(message)
  }
}

/**
 * A call whose request may have reached the provider without its answer reaching us (a time-out,
 * a connection cut mid-request): resent only where the provider drops a repeat.
 */
export class UnknownOutcomeError extends ProviderError {
  constructor(code: string, message: string) {
    super('transient', code, message)
  }
}

/** A webhook call as received: the raw body is what signatures are computed over. */
export interface WebhookRequest {
  /** The full public URL the provider called (Twilio signs it). */
  url: string
  headers: Record<string, string | string[] | undefined>
  rawBody: string
  /** Wall-clock milliseconds when it arrived: signed timestamps must be within minutes of it. */
  receivedAt: number
}

export interface InboundText {
  /** The provider's id for the reply: a replayed callback carries the same one. */
  providerMessageId: string
  /** E.164; the number as pushed when `unreadNumber`. */
  phone: string
  /** Other E.164 readings of a number pushed without "+" (see numberReadings): the one a contact holds is taken. */
  otherReadings?: string[] | undefined
  /** No reading of the number is valid: the reply is kept for a person to review, and nothing is opted out or in. */
  unreadNumber?: boolean | undefined
  text: string
  /** When the person sent it, by the provider's clock. */
  at: number
}

export interface StatusReport {
  providerId: string
  /** The ids of the other readings of a number pushed without "+": a message with any of them is the one reported. */
  otherProviderIds?: string[] | undefined
  status: 'delivered' | 'failed'
  code?: string | undefined
  at: number
}

/**
 * A record of a pushed batch left out because it could not be read, or kept though a field could
 * not be: its place in the batch, the field at fault and why (a generic reason when none is given).
 */
export interface SkippedRecord {
  index: number
  field: string
  reason?: LocalizedText
}

/** What a callback carried: each record read with its place in the batch, and those skipped. */
export interface WebhookBatch<T> {
  read: { index: number; record: T }[]
  skipped: SkippedRecord[]
  /** Records kept though a field could not be read, each with what was done instead (the time received for an odd time, a reply kept for review). */
  lenient?: SkippedRecord[]
}

/**
 * Reading and checking a provider's callbacks. A body that cannot be read at all throws
 * WebhookFormatError; a batch provider skips a malformed record and reads the rest.
 */
export interface ProviderWebhooks {
  verify(request: WebhookRequest): boolean
  receipts(request: WebhookRequest, now: number): WebhookBatch<StatusReport>
  replies(request: WebhookRequest, now: number): WebhookBatch<InboundText>
  /** Fields the provider reads in our answer to count a push as received (Aliyun `code: 0`, Tencent `result: 0`). */
  acknowledgement?: Record<string, unknown>
}

/**
 * A field a callback cannot be taken without: the whole body is refused with 400 naming it, or in a
 * batch the record is skipped, named with `reason` (a generic one when none is given).
 */
export class WebhookFormatError extends Error {
  constructor(
    readonly field: string,
    readonly reason?: LocalizedText,
  ) {
    super(`the callback has no valid "${field}"`)
  }
}

/**
 * A field of Recall's own format (the sandbox, a relay) sent in a way its sender can put right (a
 * reply's text that is not text, a time not in ISO 8601 with a zone): the whole callback is refused
 * with 400 at the record's place and nothing of it is recorded. The relay is its owner's code, and a
 * stand-in would hide the fault behind a note nobody reads; a cloud's record is skipped instead (a
 * cloud pushes a refused batch again, then drops it, its opt-outs with it).
 */
export class CallbackRefusal extends Error {
  constructor(
    readonly field: string,
    /** What the field must be ("must be text"). */
    readonly rule: LocalizedText,
    /** The record's place in the batch, set by readEach. */
    readonly index?: number,
  ) {
    super(`"${field}" ${rule.en}`)
  }
}

/** A pushed batch: a JSON array, or the whole body is refused naming `body`. */
export function batchRecords(rawBody: string): unknown[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(rawBody)
  } catch {
    throw new WebhookFormatError('body')
  }
  if (!Array.isArray(parsed)) throw new WebhookFormatError('body')
  return parsed
}

/** Records read whole: any malformed one has already thrown, refusing the callback. */
export const wholeBatch = <T>(records: T[]): WebhookBatch<T> => ({ read: records.map((record, index) => ({ index, record })), skipped: [] })

/**
 * Reads each record of a pushed batch on its own: a malformed one is skipped and named, so the
 * valid receipts and opt-outs beside it are still recorded (the clouds would otherwise retry a
 * batch that can never be better, then drop it). A CallbackRefusal refuses the whole batch, naming
 * the record's place.
 */
export function readEach<T>(records: unknown[], read: (record: Record<string, unknown>, lenient: Lenient) => T): WebhookBatch<T> {
  const batch: WebhookBatch<T> & { lenient: SkippedRecord[] } = { read: [], skipped: [], lenient: [] }
  records.forEach((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      batch.skipped.push({ index, field: 'record', reason: CALLBACK_REASONS.notAnObject })
      return
    }
    try {
      const lenient: SkippedRecord[] = []
      batch.read.push({ index, record: read(record as Record<string, unknown>, (field, reason) => lenient.push({ index, field, reason })) })
      batch.lenient.push(...lenient)
    } catch (cause) {
      if (cause instanceof CallbackRefusal) throw new CallbackRefusal(cause.field, cause.rule, index)
      if (!(cause instanceof WebhookFormatError)) throw cause
      batch.skipped.push({ index, field: cause.field, ...(cause.reason ? { reason: cause.reason } : {}) })
    }
  })
  return batch
}

/** Notes that a record was kept though `field` could not be read, saying what stood in for it. */
export type Lenient = (field: string, reason: LocalizedText) => void
