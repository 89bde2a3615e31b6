import { and, gt, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { contactPhoneHistory, contacts, deletedContactPhones } from '../db/schema/index'
import type { InboundText } from '../providers/types'
import { PAST_NUMBER_DAYS } from './opt-out'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/** Of these numbers, those a contact left (or held when deleted) within PAST_NUMBER_DAYS: a STOP from them still follows that person. */
async function heldBefore(tx: Transaction, readings: readonly string[]): Promise<Set<string>> {
  const since = sql`now() - make_interval(days => ${PAST_NUMBER_DAYS})`
  const left = await tx
    .select({ phone: contactPhoneHistory.phone })
    .from(contactPhoneHistory)
    .where(and(anyOf(contactPhoneHistory.phone, readings), gt(contactPhoneHistory.leftAt, since)))
  const deleted = await tx
    .select({ phone: deletedContactPhones.phone })
    .from(deletedContactPhones)
    .where(and(anyOf(deletedContactPhones.phone, readings), gt(deletedContactPhones.leftAt, since)))
  return new Set([...left, ...deleted].map((row) => row.phone))
}

/**
 * Each reply under the reading of its number a contact holds (see numberReadings): Aliyun's
 * "13012345678" is a mainland number unless a contact has +1 301-234-5678. Else the reading a
 * contact held lately, deleted since or not: their late STOP must find them. With neither, the
 * first reading stands, the cloud's own default.
 */
export async function underHeldReadings<T extends Pick<InboundText, 'phone' | 'otherReadings'>>(tx: Transaction, replies: readonly T[]): Promise<T[]> {
  const readings = replies.flatMap((reply) => (reply.otherReadings?.length ? [reply.phone, ...reply.otherReadings] : []))
  if (readings.length === 0) return [...replies]
  const held = new Set((await tx.select({ phone: contacts.phone }).from(contacts).where(anyOf(contacts.phone, readings))).map((row) => row.phone))
  const left = await heldBefore(tx, readings)
  return replies.map((reply) => {
    if (!reply.otherReadings?.length) return reply
    const all = [reply.phone, ...reply.otherReadings]
    return { ...reply, phone: all.find((reading) => held.has(reading)) ?? all.find((reading) => left.has(reading)) ?? reply.phone }
  })
}
