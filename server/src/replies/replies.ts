import { createHash } from 'node:crypto'
import { type ReplyKeyword, readReplyKeyword, replyComplains } from '@recall/shared'
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, inboundMessages, type ReplyAction, suppressions } from '../db/schema/index'
import { refusalError } from '../plugins/errors'
import type { InboundText } from '../providers/types'
import { writeTimeline } from '../repositories/timeline'
import { firstCallbacks } from './callbacks'
import { holdersSince } from './number-holders'
import { type OptInOutcome, optInFromReply } from './opt-in'
import { optOutBatch, optOutNumber } from './opt-out'
import { underHeldReadings } from './reply-numbers'

export interface InboundReply extends Pick<InboundText, 'otherReadings' | 'unreadNumber'> {
  provider: string
  /** The provider's id for the reply; a replay (same id, number and text) changes nothing. */
  providerMessageId: string
  /** E.164, or the number as pushed when `unreadNumber`. */
  phone: string
  text: string
  /** When it was sent, by the provider's clock: orders an opt-in against an opt-out. */
  at: number
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/** A START's reply, as what it did: held ones wait for a person, those that lifted nothing say why. */
const START_ACTIONS: Record<OptInOutcome, ReplyAction> = { applied: 'start', held: 'start_held', early: 'start_early', nothing: 'start_idle' }

/**
 * What makes a reply a replay: the provider, its id, the number and a digest of the text. Some
 * relays reuse ids ("hi" then "TD" under one id, or one id for two phones): keyed by the id alone,
 * the opt-out would be thrown away as a replay.
 */
export function replyReplayKey(reply: Pick<InboundReply, 'providerMessageId' | 'phone' | 'text'>): string {
  const digest = createHash('sha256').update(reply.text).digest('hex').slice(0, 32)
  return `${reply.providerMessageId}|${reply.phone}|${digest}`
}

/**
 * Replies of a push acted on per transaction. A transaction and seven statements per reply made a
 * 1,000-reply push take 12–17 s; a chunk's claims, rows and timelines now go one statement each
 * (2–3.5 s, see docs/benchmarks.md).
 */
export const REPLIES_PER_TRANSACTION = 200

/**
 * The characters of a reply kept: an SMS reply is at most a few concatenated parts (Twilio caps a
 * message body at 1,600 characters; ten 160-character parts), so anything longer is no SMS. The start is kept
 * and read, with how much more there was; a 900,000-character push was stored and shown in full.
 */
export const REPLY_TEXT_LIMIT = 1_600

/** The reply's text as kept, and how many characters (code points, never half an emoji) were not. */
export function keptReplyText(text: string): { text: string; textCut: number } {
  if (text.length <= REPLY_TEXT_LIMIT) return { text, textCut: 0 }
  const characters = Array.from(text)
  if (characters.length <= REPLY_TEXT_LIMIT) return { text, textCut: 0 }
  return { text: characters.slice(0, REPLY_TEXT_LIMIT).join(''), textCut: characters.length - REPLY_TEXT_LIMIT }
}

export interface ReplyOutcome {
  keyword: ReplyKeyword | undefined
  exited: number
  duplicate: boolean
}

/**
 * Replies from phones, in the order given: T, TD, 退订, STOP… put the number on the suppression list
 * at once and end its marketing and recall journeys (a complaint's as `complaint`, a plain stop's as
 * `reply`); START lifts the person's own reply opt-out when sent after it (see optInFromReply), and is
 * held for review when the opt-out was not theirs. A reply
 * already received (same provider, id, number and text) is a replay: nothing changes. A number read
 * two ways is taken as the contact holding one has it; a number that could not be read is kept with
 * its reply, which nothing acts on, for a person to review.
 * Each transaction takes REPLIES_PER_TRANSACTION replies and first locks every contact holding one of
 * their numbers, in id order as the worker locks them, so no step sends to one of them before the
 * opt-outs commit; the replies are then acted on one after another, as if each came alone.
 */
export async function receiveReplies(db: Database, replies: readonly InboundReply[]): Promise<ReplyOutcome[]> {
  const outcomes: ReplyOutcome[] = []
  for (let index = 0; index < replies.length; index += REPLIES_PER_TRANSACTION)
    outcomes.push(...(await db.transaction((tx) => receiveChunk(tx, replies.slice(index, index + REPLIES_PER_TRANSACTION)))))
  return outcomes
}

/** One reply, as receiveReplies takes it. */
export async function receiveReply(db: Database, reply: InboundReply): Promise<ReplyOutcome> {
  return (await receiveReplies(db, [reply]))[0] as ReplyOutcome
}

/** Which replies of a chunk are new: claimed now, and the first of the chunk with their key. */
async function newReplies(tx: Transaction, chunk: readonly InboundReply[]): Promise<boolean[]> {
  const keys = chunk.map(replyReplayKey)
  const claimed = new Set<string>()
  for (const provider of new Set(chunk.map((reply) => reply.provider))) {
    const ofProvider = keys.filter((_, position) => chunk[position]?.provider === provider)
    for (const key of await firstCallbacks(tx, provider, 'reply', ofProvider)) claimed.add(`${provider} ${key}`)
  }
  return chunk.map((reply, position) => claimed.delete(`${reply.provider} ${keys[position]}`))
}

async function receiveChunk(tx: Transaction, pushed: readonly InboundReply[]): Promise<ReplyOutcome[]> {
  // A replay is known by the text as pushed; what is read and kept is its first REPLY_TEXT_LIMIT characters.
  const read = await underHeldReadings(tx, pushed)
  const fresh = await newReplies(tx, read)
  const chunk = read.map((reply) => ({ ...reply, ...keptReplyText(reply.text) }))
  // A number that could not be read is no number to opt out or in: its reply waits for a person.
  const keywords = chunk.map((reply) => (reply.unreadNumber ? undefined : readReplyKeyword(reply.text)))
  const acting = [...new Set(chunk.filter((_, position) => fresh[position] && keywords[position] !== undefined).map((reply) => reply.phone))]
  const batch = acting.length > 0 ? await optOutBatch(tx, acting) : undefined
  const outcomes: ReplyOutcome[] = []
  const received: (typeof inboundMessages.$inferInsert)[] = []
  for (const [position, reply] of chunk.entries()) {
    const keyword = keywords[position]
    if (!fresh[position]) {
      outcomes.push({ keyword: undefined, exited: 0, duplicate: true })
      continue
    }
    const at = new Date(reply.at)
    let action: ReplyAction | null = keyword ?? null
    let exited = 0
    // Not the person's own opt-out: the number stays suppressed, and the reply waits for a person.
    if (keyword === 'start') action = START_ACTIONS[await optInFromReply(tx, reply.phone, at)]
    if (keyword === 'stop' && batch) {
      // A complaint (骚扰, 投诉, "I'll report you") is not lifted by the writer's START, as a plain stop is.
      const source = replyComplains(reply.text) ? 'complaint' : 'reply'
      exited = await optOutNumber(tx, reply.phone, { at: reply.at, reason: `replied "${reply.text.trim().slice(0, 40)}"`, source }, batch)
      await settleHeldStarts(tx, reply.phone, at, received)
    }
    received.push({ provider: reply.provider, phone: reply.phone, text: reply.text, textCut: reply.textCut, keyword: action, receivedAt: at })
    outcomes.push({ keyword, exited, duplicate: false })
  }
  if (received.length > 0) await tx.insert(inboundMessages).values(received)
  if (batch) await writeTimeline(tx, batch.timeline)
  return outcomes
}

/**
 * A STOP after a START held for review is the person's later word: the START is kept opted out
 * without waiting for a colleague (who could no longer lift it), stored or still in this chunk.
 */
async function settleHeldStarts(tx: Transaction, phone: string, stopAt: Date, chunk: (typeof inboundMessages.$inferInsert)[]): Promise<void> {
  await tx
    .update(inboundMessages)
    .set({ keyword: 'start_kept' })
    .where(and(eq(inboundMessages.phone, phone), eq(inboundMessages.keyword, 'start_held'), isNull(inboundMessages.reviewedBy), lt(inboundMessages.receivedAt, stopAt)))
  for (const earlier of chunk) if (earlier.phone === phone && earlier.keyword === 'start_held' && (earlier.receivedAt as Date) < stopAt) earlier.keyword = 'start_kept'
}

/**
 * A person read a reply Recall did not act on ("不需要", "NO", "please don't text me") and opts its
 * number out: recorded like a reply's opt-out, with a reason naming who did it, and the reply is
 * marked as a stop so it leaves the "needs review" list. Undefined when there is no such reply.
 * A number already opted out (on the list, or its contact by their own opt-out) changes nothing and
 * answers `alreadySuppressed`: written again as an admin's, a reply opt-out would become one the
 * person's own START could no longer lift. Same answer as the first time, so a retry is harmless.
 * Refused (409) when a contact took the number after the reply came: the reply was not theirs, and an
 * opt-out made from it would be written on them as their own.
 */
export async function optOutFromReply(db: Database, replyId: number, by: string, now: number): Promise<{ exited: number; alreadySuppressed: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const [reply] = await tx
      .select({ phone: inboundMessages.phone, text: inboundMessages.text, arrivedAt: inboundMessages.arrivedAt })
      .from(inboundMessages)
      .where(eq(inboundMessages.id, replyId))
      .for('update')
    if (!reply) return undefined
    const newHolders = await holdersSince(tx, reply.phone, reply.arrivedAt)
    if (newHolders.length > 0) throw numberChangedHands(newHolders)
    const [number] = await tx.select({ phone: suppressions.phone }).from(suppressions).where(eq(suppressions.phone, reply.phone))
    const [person] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.phone, reply.phone), isNotNull(contacts.optedOutAt)))
    if (number || person) return { exited: 0, alreadySuppressed: true }
    const reason = `replied "${reply.text.trim().slice(0, 40)}"; opted out by ${by}`
    // A person's decision, not the number's own reply: its START does not lift it.
    const exited = await optOutNumber(tx, reply.phone, {
      at: now,
      reason,
      source: 'admin',
      by,
    })
    await tx.update(inboundMessages).set({ keyword: 'stop' }).where(eq(inboundMessages.id, replyId))
    return { exited, alreadySuppressed: false }
  })
}

/** The refusal of an opt-out from a reply whose number another contact took after the reply came. */
function numberChangedHands(holders: readonly string[]) {
  const named = holders.join(', ')
  return refusalError({
    status: 409,
    code: 'reply_number_changed_hands',
    path: '/params/id',
    text: {
      en: `Contact ${named} took this number after the reply came: opting the number out now would stop them, not the sender. To act on the reply, opt its sender out from the sender's own contact page`,
      zh: `联系人 ${named} 在这条回复之后才使用此号码:现在退订此号码会停发给该联系人,而不是回复者。如需按这条回复处理,请在回复者本人的联系人页面为其退订`,
    },
  })
}
