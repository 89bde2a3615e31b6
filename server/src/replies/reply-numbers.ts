import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { contacts } from '../db/schema/index'
import type { InboundText } from '../providers/types'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * Each reply under the reading of its number a contact holds (see numberReadings): Aliyun's
 * "13012345678" is a mainland number unless a contact has +1 301-234-5678. With none held, the
 * first reading stands, the cloud's own default. One query for the replies read two ways.
 */
export async function underHeldReadings<T extends Pick<InboundText, 'phone' | 'otherReadings'>>(tx: Transaction, replies: readonly T[]): Promise<T[]> {
  const readings = replies.flatMap((reply) => (reply.otherReadings?.length ? [reply.phone, ...reply.otherReadings] : []))
  if (readings.length === 0) return [...replies]
  const held = new Set((await tx.select({ phone: contacts.phone }).from(contacts).where(anyOf(contacts.phone, readings))).map((row) => row.phone))
  return replies.map((reply) => {
    if (!reply.otherReadings?.length) return reply
    return { ...reply, phone: [reply.phone, ...reply.otherReadings].find((reading) => held.has(reading)) ?? reply.phone }
  })
}
