import { storedActorText } from '@recall/shared'
import { and, asc, eq, gt, inArray } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, inboundMessages, suppressions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { liftKeptOptOuts } from './kept-opt-outs'

/** What a colleague decides on a START held for review: lift the opt-out it could not, or keep it. */
export type HeldStartDecision = 'lift' | 'keep'

export interface Reviewer {
  /** As the page names them (their name, or a key's maker and the key). */
  name: string
  /** `user:<id>` or `key:<id>`, for the audit. */
  ref: string
}

const refusal = (status: number, code: string, text: { en: string; zh: string }) =>
  new ApiError(status, code, text, [{ code, severity: 'error', path: '/params/id', message: text }])

export const REPLY_NOT_FOUND = new ApiError(404, 'reply_not_found', { en: 'No such reply', zh: '没有这条回复' })
const NOT_HELD = refusal(409, 'reply_not_held', { en: 'Only a START held for review can be reviewed', zh: '只有待审核的订阅回复可以审核' })
const OPTED_OUT_AFTER = refusal(409, 'opted_out_after_start', {
  en: 'The number replied to opt out again after this START: it stays opted out',
  zh: '此号码在这条订阅回复之后又回复了退订:保持退订',
})
const alreadyReviewed = (by: string, lifted: boolean) => {
  const reviewer = storedActorText(by)
  return refusal(409, 'reply_already_reviewed', {
    en: `${reviewer.en} already reviewed this START: ${lifted ? 'opt-out lifted' : 'kept opted out'}`,
    zh: `${reviewer.zh} 已审核过这条订阅回复:${lifted ? '已恢复订阅' : '保持退订'}`,
  })
}

/**
 * A colleague's decision on a START held for review, recorded on the reply with who and when (the
 * wall clock: an audit says when it really happened). `lift` takes the number off the suppression
 * list and clears the opt-out its contacts carry (and the one kept for a contact deleted while holding
 * it), whoever made it, as the START asked; `keep` leaves them. A STOP from the number received after
 * the START is the person's later word: it is never lifted. Refusals (ApiError) change nothing.
 */
export async function reviewHeldStart(db: Database, replyId: number, decision: HeldStartDecision, reviewer: Reviewer, at: Date) {
  return db.transaction(async (tx) => {
    const [reply] = await tx.select().from(inboundMessages).where(eq(inboundMessages.id, replyId)).for('update')
    if (!reply) throw REPLY_NOT_FOUND
    if (reply.reviewedBy !== null) throw alreadyReviewed(reply.reviewedBy, reply.keyword === 'start')
    // Kept by the number's own later STOP (see settleHeldStarts), not by a colleague.
    if (reply.keyword === 'start_kept') throw OPTED_OUT_AFTER
    if (reply.keyword !== 'start_held') throw NOT_HELD
    if (decision === 'lift') {
      const [stoppedSince] = await tx
        .select({ id: inboundMessages.id })
        .from(inboundMessages)
        .where(and(eq(inboundMessages.phone, reply.phone), eq(inboundMessages.keyword, 'stop'), gt(inboundMessages.receivedAt, reply.receivedAt)))
        .limit(1)
      if (stoppedSince) throw OPTED_OUT_AFTER
      // In id order, as every writer locks contacts.
      const holders = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, reply.phone)).orderBy(asc(contacts.id)).for('update')
      await tx.delete(suppressions).where(eq(suppressions.phone, reply.phone))
      await liftKeptOptOuts(tx, reply.phone)
      if (holders.length > 0)
        await tx
          .update(contacts)
          .set({ optedOutAt: null, optOutSource: null, optedOutBy: null })
          .where(
            inArray(
              contacts.id,
              holders.map((holder) => holder.id),
            ),
          )
    }
    await tx
      .update(inboundMessages)
      .set({ keyword: decision === 'lift' ? 'start' : 'start_kept', reviewedBy: reviewer.name, reviewedByRef: reviewer.ref, reviewedAt: at })
      .where(eq(inboundMessages.id, replyId))
    return { action: decision === 'lift' ? ('opted_in' as const) : ('opt_out_kept' as const), reviewedBy: reviewer.name, reviewedAt: at.toISOString() }
  })
}
