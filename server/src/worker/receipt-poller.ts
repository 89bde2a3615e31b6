import type { MessageCategory } from '@recall/shared'
import { and, asc, eq, gt, inArray, isNotNull, isNull, like, lte, or } from 'drizzle-orm'
import type { Database } from '../db/database'
import { messages } from '../db/schema/index'
import type { Providers } from '../providers/router'
import type { PendingReceipt } from '../providers/types'
import { recordReceipts } from '../replies/receipts'
import type { RequestBuckets } from './rate-limit'

/** A receipt normally arrives within a minute: the cloud is asked only after this long. */
export const POLL_AFTER_MS = 2 * 60_000
/** Carriers give up after 72 hours: a message older than that gets no receipt from asking either. */
export const POLL_WITHIN_MS = 72 * 3_600_000
/** Messages asked about per cloud and round. */
export const POLL_BATCH = 100

const POLLING_CLOUDS = ['aliyun', 'tencent'] as const

/**
 * Asks the clouds whose accounts have polling on for receipts that have not arrived, and records
 * what they answer exactly as their callbacks are recorded (same de-duplication by the cloud's id).
 * Each round takes the next messages after the last one asked about, so none is starved.
 */
export function receiptPoller(db: Database, providers: () => Promise<Providers>, clock: () => number, buckets: RequestBuckets) {
  const cursor: Record<(typeof POLLING_CLOUDS)[number], number> = { aliyun: 0, tencent: 0 }
  async function pending(cloud: (typeof POLLING_CLOUDS)[number], categories: MessageCategory[], now: number): Promise<PendingReceipt[]> {
    const rows = await db
      .select({ id: messages.id, providerId: messages.providerId, phone: messages.phone, sentAt: messages.sentAt })
      .from(messages)
      .where(
        and(
          eq(messages.status, 'sent'),
          inArray(messages.category, categories),
          gt(messages.id, cursor[cloud]),
          lte(messages.sentAt, new Date(now - POLL_AFTER_MS)),
          gt(messages.sentAt, new Date(now - POLL_WITHIN_MS)),
          isNotNull(messages.phone),
          // Aliyun's ids are "BizId/number"; Tencent's serial numbers have no slash.
          cloud === 'aliyun' ? like(messages.providerId, '%/%') : isNotNull(messages.providerId),
          // Only this cloud's messages (rows sent before the provider was recorded have none).
          or(eq(messages.provider, cloud), isNull(messages.provider)),
        ),
      )
      .orderBy(asc(messages.id))
      .limit(POLL_BATCH)
    cursor[cloud] = rows.length < POLL_BATCH ? 0 : (rows.at(-1)?.id ?? 0)
    return rows.map((row) => ({ providerId: row.providerId as string, phone: row.phone as string, sentAt: (row.sentAt as Date).getTime() }))
  }
  return {
    /** One round: how many messages got their receipt. */
    async poll(): Promise<number> {
      const current = await providers()
      let recorded = 0
      for (const cloud of POLLING_CLOUDS) {
        const provider = current.named(cloud)
        const categories = current.categoriesOf(cloud)
        if (!provider?.pollReceipts || categories.length === 0) continue
        const now = clock()
        const waiting = await pending(cloud, categories, now)
        if (waiting.length === 0) continue
        const reports = await provider.pollReceipts(waiting, now, () => buckets.take(provider.rateLimit))
        recorded += (await recordReceipts(db, cloud, reports)).updated
      }
      return recorded
    },
  }
}
