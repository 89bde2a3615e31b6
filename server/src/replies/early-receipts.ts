import { and, eq, lt, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { earlyReceipts, messages } from '../db/schema/index'

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * Keeping an early report and recording a send answer must not pass each other: a report that finds
 * no message (its answer not yet committed) and an answer that finds no report (the report not yet
 * committed) would lose it. Recording takes this lock shared, so dispatchers never wait on each
 * other; keeping takes it alone, and only for a report whose message it did not find.
 */
const EARLY_RECEIPTS_LOCK = 0x52_43_4c_45 // "RCLE": any number nothing else locks

export const lockToKeepEarly = (tx: Transaction) => tx.execute(sql`select pg_advisory_xact_lock(${EARLY_RECEIPTS_LOCK})`)
export const lockToRecordAnswers = (tx: Transaction) => tx.execute(sql`select pg_advisory_xact_lock_shared(${EARLY_RECEIPTS_LOCK})`)

/** A report kept longer than this is for no message of ours (the account's other sends, an answer never recorded). */
const KEPT_FOR = sql`interval '1 day'`

/** Which of these provider ids a message already carries, whichever provider sent it. */
export async function carriedIds(tx: Transaction, providerIds: readonly string[]): Promise<Set<string>> {
  if (providerIds.length === 0) return new Set()
  const rows = await tx.selectDistinct({ providerId: messages.providerId }).from(messages).where(anyOf(messages.providerId, providerIds))
  return new Set(rows.map((row) => row.providerId as string))
}

export interface EarlyReport {
  status: 'delivered' | 'failed'
  code?: string | undefined
  at: number
}

/** Keeps a report under each id it may name until a send answer records one; forgets reports kept over a day (wall clock). */
export async function keepEarly(tx: Transaction, provider: string, providerIds: readonly string[], report: EarlyReport): Promise<void> {
  await tx
    .insert(earlyReceipts)
    .values(providerIds.map((providerId) => ({ providerId, provider, status: report.status, code: report.code ?? null, at: new Date(report.at) })))
    .onConflictDoNothing()
  await tx.delete(earlyReceipts).where(lt(earlyReceipts.receivedAt, sql`now() - ${KEPT_FOR}`))
}

/**
 * The reports kept for messages whose answers were just recorded, taken off the list, oldest first:
 * each with the message it is for. A report is only for a message of the provider whose callback
 * carried it (or, sent before providers were recorded, of any).
 */
export async function takeEarly(tx: Transaction, recorded: readonly { id: number; provider: string | null; providerId: string }[]) {
  if (recorded.length === 0) return []
  await lockToRecordAnswers(tx)
  const kept = await tx
    .select()
    .from(earlyReceipts)
    .where(
      anyOf(
        earlyReceipts.providerId,
        recorded.map((message) => message.providerId),
      ),
    )
    .orderBy(earlyReceipts.at)
  const taken = kept.flatMap((report) => {
    const message = recorded.find((candidate) => candidate.providerId === report.providerId && (candidate.provider ?? report.provider) === report.provider)
    return message ? [{ messageId: message.id, report }] : []
  })
  for (const { report } of taken)
    await tx.delete(earlyReceipts).where(and(eq(earlyReceipts.providerId, report.providerId), eq(earlyReceipts.provider, report.provider), eq(earlyReceipts.status, report.status)))
  return taken.map(({ messageId, report }) => ({ messageId, report: { status: report.status, code: report.code ?? undefined, at: report.at.getTime() } }))
}
