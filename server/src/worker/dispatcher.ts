import { MESSAGE_CATEGORIES, type MessageCategory } from '@recall/shared'
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeys, messages } from '../db/schema/index'
import { type OutgoingMessage, ProviderError, type ProviderReceipt, type ResendMode, type SmsProvider, UnknownOutcomeError } from '../providers/types'
import type { FailureReporter } from './isolation'
import { type ClaimedMessage, MAX_ATTEMPTS } from './outbox/claim'
import { claimIsolating } from './outbox/claim-failures'
import { type OutboxRow, recordAllAccepted, recordFailed, recordRetry, recordUncertain, type Transaction } from './outbox/record'
import { RequestBuckets } from './rate-limit'

export { MAX_ATTEMPTS }
export const DISPATCH_BATCH = 100
/** Provider calls in flight at once (a batch call counts as one): one slow answer does not stall the others. */
const CONCURRENT_CALLS = 16
/**
 * How long a claimed message belongs to its dispatcher (wall clock): longer than a provider call
 * may take (10 s time-out), so only a dispatcher that died or lost its database lets one run out.
 */
export const DEFAULT_LEASE_MS = 60_000
/** Waits before attempts 2, 3, 4…: 30 s, 1 min, 2 min, 4 min (or what the provider's Retry-After asks). */
const BACKOFF_BASE_MS = 30_000
const BACKOFF_MAX_MS = 60 * 60_000

export interface Click {
  /** The contact's row id. */
  contactId: string
  at: number
}

/**
 * Which provider sends a message: one for everything, or a chooser by category, read once per
 * batch before the claim's transaction opens (PGlite has one connection: a read inside would wait
 * for the transaction it is part of).
 */
export type ProviderChoice = SmsProvider | (() => Promise<(category: MessageCategory) => SmsProvider>)

export interface DispatcherOptions {
  leaseMs?: number
  /** Leases are timed on this (the wall clock), never on the demo clock. */
  wallClock?: () => number
  /** Each provider account's request rate; dispatchers in one process may share them. */
  requestBuckets?: RequestBuckets
  /** Real milliseconds per journeys' millisecond (1 unless the demo clock runs faster), for the waits of a message whose claim fails. */
  realPerSimulated?: number
  /** Told of each message whose claim failed alone while the others went ahead. */
  onFailure?: FailureReporter
}

/** `provider` names who took the message, so its receipts are only ever taken from that provider's callbacks. */
type Outcome = { message: OutboxRow; answer: ProviderReceipt; provider: string } | { message: OutboxRow; error: ProviderError }

function backoffMs(attempts: number, retryAfterSeconds: number | undefined): number {
  const exponential = Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS)
  return retryAfterSeconds ? Math.max(retryAfterSeconds * 1000, exponential) : exponential
}

const asProviderError = (cause: unknown) =>
  cause instanceof ProviderError ? cause : new ProviderError('transient', 'error', cause instanceof Error ? cause.message : String(cause))

const outgoing = (message: OutboxRow): OutgoingMessage => ({
  idempotencyKey: message.idempotencyKey,
  phone: message.phone as string,
  channel: message.channel,
  category: message.category as MessageCategory,
  text: message.text,
  template: message.template,
  mms: message.mms,
})

/** One message to its provider, with no transaction open: a recovered one is looked up first where the provider can say. */
async function handOver(sender: (category: MessageCategory) => SmsProvider, { message, recovered }: ClaimedMessage, now: number, buckets: RequestBuckets): Promise<Outcome> {
  try {
    const provider = sender(message.category as MessageCategory)
    if (recovered && provider.lookup) {
      await buckets.take(provider.rateLimit)
      const known = await provider.lookup(message.idempotencyKey, now)
      if (known) return { message, answer: known, provider: provider.name }
    }
    await buckets.take(provider.rateLimit)
    return { message, answer: await provider.send(outgoing(message), now), provider: provider.name }
  } catch (cause) {
    return { message, error: asProviderError(cause) }
  }
}

/** Messages with one template in one batch call, each number's answer mapped back to its message. */
async function handOverBatch(provider: SmsProvider, claims: readonly ClaimedMessage[], now: number, buckets: RequestBuckets): Promise<Outcome[]> {
  const batch = claims.map((claim) => claim.message)
  try {
    const messages = batch.map(outgoing)
    // The provider takes a token before each request it makes (Tencent makes one per set of values).
    const answers = await (provider.sendBatch as NonNullable<SmsProvider['sendBatch']>)(messages, now, () => buckets.take(provider.rateLimit))
    return batch.map((message, index) => {
      const answer = answers[index] ?? new ProviderError('transient', 'no_answer', 'the provider gave no answer for this message')
      return answer instanceof ProviderError ? { message, error: answer } : { message, answer, provider: provider.name }
    })
  } catch (cause) {
    const error = asProviderError(cause)
    return batch.map((message) => ({ message, error }))
  }
}

/**
 * Claimed messages as hand-overs: those a batch cloud can take together (same provider account,
 * hence sign, and same template; never a recovered one) in batches of its limit, the rest alone.
 */
function handOvers(sender: (category: MessageCategory) => SmsProvider, claimed: readonly ClaimedMessage[], now: number, buckets: RequestBuckets): (() => Promise<Outcome[]>)[] {
  const single: (() => Promise<Outcome[]>)[] = []
  const groups = new Map<SmsProvider, Map<string, ClaimedMessage[]>>()
  for (const claim of claimed) {
    let provider: SmsProvider | undefined
    try {
      provider = sender(claim.message.category as MessageCategory)
    } catch {
      provider = undefined
    }
    const code = claim.message.template?.code
    if (!provider?.sendBatch || claim.recovered || !code) {
      single.push(async () => [await handOver(sender, claim, now, buckets)])
      continue
    }
    const byTemplate = groups.get(provider) ?? new Map<string, ClaimedMessage[]>()
    groups.set(provider, byTemplate)
    byTemplate.set(code, [...(byTemplate.get(code) ?? []), claim])
  }
  const batches: (() => Promise<Outcome[]>)[] = []
  for (const [provider, byTemplate] of groups)
    for (const group of byTemplate.values())
      for (let index = 0; index < group.length; index += provider.batchLimit ?? 1) {
        const chunk = group.slice(index, index + (provider.batchLimit ?? 1))
        batches.push(() => handOverBatch(provider, chunk, now, buckets))
      }
  return [...batches, ...single]
}

/** How many messages one call of the category's provider takes (1 without a batch call, or when it is not configured). */
function batchLimitOf(sender: (category: MessageCategory) => SmsProvider, category: MessageCategory): number {
  try {
    const provider = sender(category)
    return provider.sendBatch ? (provider.batchLimit ?? 1) : 1
  } catch {
    return 1
  }
}

const TIMED_OUT = {
  en: 'uncertain: the provider did not answer in time and may have the message; it is not sent again',
  zh: '状态未知:短信服务商未及时应答,可能已收到该消息,不会重发',
}

async function recordNotAccepted(
  tx: Transaction,
  outcome: Extract<Outcome, { error: ProviderError }>,
  now: number,
  resendModeOf: (category: MessageCategory) => ResendMode,
): Promise<void> {
  const { message, error } = outcome
  const reason = `${error.code}: ${error.message}`
  // A repeat of a request that may have arrived reaches the phone twice, unless the provider drops it.
  if (error instanceof UnknownOutcomeError && resendModeOf(message.category as MessageCategory) === 'none')
    await recordUncertain(tx, message, now, { code: error.code, text: TIMED_OUT })
  else if (error.throttled) await recordRetry(tx, message, reason, now + backoffMs(1, error.retryAfterSeconds), false)
  else if (error.kind === 'permanent' || message.attempts >= MAX_ATTEMPTS) await recordFailed(tx, message, reason, now)
  else await recordRetry(tx, message, reason, now + backoffMs(message.attempts, error.retryAfterSeconds))
}

/** Waits between tries of a record the database refused (a restart, a dropped connection): about 15 s in all, well inside a lease. */
const RECORD_RETRY_MS = [250, 500, 1_000, 2_000, 4_000, 8_000]

/**
 * Answers the provider gave are facts: a record that fails is tried again while the database comes
 * back, rather than left for the lease to turn into "uncertain".
 */
async function recordOutcomes(db: Database, outcomes: readonly Outcome[], now: number, resendModeOf: (category: MessageCategory) => ResendMode): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        // Accepted messages, nearly all of a group, with one statement; the rest one by one.
        await recordAllAccepted(
          tx,
          outcomes.flatMap((outcome) => ('answer' in outcome ? [outcome] : [])),
          now,
        )
        for (const outcome of outcomes) if (!('answer' in outcome)) await recordNotAccepted(tx, outcome, now, resendModeOf)
      })
      return
    } catch (error) {
      const wait = RECORD_RETRY_MS[attempt]
      if (wait === undefined) throw error
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}

/**
 * Hands queued outbox rows to the provider in three steps, never waiting on the network inside a
 * transaction: claim (a short transaction: re-check, lease), call (no transaction, no pooled
 * connection), record (a short transaction per group of calls). A passing failure is tried again
 * with backoff; a permanent one fails the message at once; a lease that runs out is resolved by
 * the provider's resend mode (see ResendMode).
 */
export function outboxDispatcher(
  db: Database,
  provider: ProviderChoice,
  clock: () => number,
  onClicks: (clicks: Click[]) => Promise<void> = async () => {},
  options: DispatcherOptions = {},
) {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const wallClock = options.wallClock ?? Date.now
  const buckets = options.requestBuckets ?? new RequestBuckets()
  const isolation = { realPerSimulated: options.realPerSimulated ?? 1, onFailure: options.onFailure ?? (() => {}) }
  return {
    async dispatch(limit = DISPATCH_BATCH): Promise<number> {
      const sender = typeof provider === 'function' ? await provider() : () => provider
      const resendModeOf = (category: MessageCategory) => {
        try {
          return sender(category).resend
        } catch {
          return 'none' as const
        }
      }
      const clicks: Click[] = []
      let examined = 0
      // Claimed a group at a time, just before its calls: a crash leaves at most one group's outcome
      // unknown, never messages leased long before their turn. A group fills the largest batch a
      // provider takes, or 16 single calls.
      const groupSize = Math.max(CONCURRENT_CALLS, ...MESSAGE_CATEGORIES.map((category) => batchLimitOf(sender, category)))
      const budget = Math.max(limit, groupSize)
      while (examined < budget) {
        // Each group is judged (send window, caps) and stamped at its own time, read inside its claim:
        // a slow provider, or a wait for PGlite's one connection, must not let a group go out on a
        // reading of the clock taken before 21:00 (or before a holiday's 10:30).
        const group = await claimIsolating(db, { clock, wallNow: wallClock(), leaseMs, limit: Math.min(groupSize, budget - examined), resendModeOf }, isolation)
        const now = group.now
        examined += group.examined
        if (group.examined === 0) break
        const calls = handOvers(sender, group.claimed, now, buckets)
        for (let index = 0; index < calls.length; index += CONCURRENT_CALLS) {
          const outcomes = (await Promise.all(calls.slice(index, index + CONCURRENT_CALLS).map((call) => call()))).flat()
          await recordOutcomes(db, outcomes, now, resendModeOf)
          for (const outcome of outcomes) if ('answer' in outcome && outcome.answer.click) clicks.push({ contactId: outcome.message.contactId, at: outcome.answer.click.at })
        }
      }
      // Clicks are events like any other: they can resolve a wait-for-event or enter a journey.
      if (clicks.length > 0) await onClicks(clicks)
      return examined
    },

    /**
     * When the earliest message held for later (a send window, a holiday's hours, a retry's backoff)
     * comes due, on the journeys' clock: the loop sleeps until then rather than for its longest idle,
     * which on the demo clock is an hour and stepped over a holiday's half-hour window.
     */
    async nextDueAt(): Promise<number | undefined> {
      const [row] = await db
        .select({ at: sql<Date | null>`min(${messages.nextAttemptAt})` })
        .from(messages)
        .leftJoin(journeys, eq(journeys.id, messages.journeyId))
        .where(and(eq(messages.status, 'queued'), lt(messages.attempts, MAX_ATTEMPTS), or(isNull(journeys.status), ne(journeys.status, 'paused'))))
      return row?.at ? new Date(row.at).getTime() : undefined
    },
  }
}

export type OutboxDispatcher = ReturnType<typeof outboxDispatcher>
