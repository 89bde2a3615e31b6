import type { SendPolicies, StepResult } from '@recall/engine'
import { countSmsParts } from '@recall/shared'
import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { selectRows } from '../db/json-rows'
import { alarms, couponPools, coupons } from '../db/schema/index'
import type { Executor } from './contact-view'

type SendEffect = Extract<StepResult['effects'][number], { type: 'send' }>

/** Codes left in every pool, so the engine holds sends from an empty one instead of sending without a code. */
export async function couponCodesLeft(db: Executor): Promise<Record<string, number>> {
  const left: Record<string, number> = {}
  for (const pool of await db.select({ id: couponPools.id }).from(couponPools)) left[pool.id] = 0
  const counts = await db
    .select({ poolId: coupons.poolId, count: sql<number>`count(*)::int` })
    .from(coupons)
    .where(and(eq(coupons.status, 'available'), isNotNull(coupons.poolId)))
    .groupBy(coupons.poolId)
  for (const row of counts) left[row.poolId as string] = row.count
  return left
}

/** A send that drew from a pool leaves one code fewer for the rest of the batch. */
export function consumePoolCodes(policies: SendPolicies, result: StepResult): void {
  for (const effect of result.effects) {
    const pool = effect.type === 'send' ? effect.coupon?.poolId : undefined
    if (pool !== undefined && policies.couponCodesLeft) policies.couponCodesLeft[pool] = (policies.couponCodesLeft[pool] ?? 0) - 1
  }
}

/** Puts `code` where the engine's own code was: the text, the send and the enrollment's coupon. */
function replaceCode(effect: SendEffect, result: StepResult, code: string) {
  const drawn = effect.coupon?.code as string
  effect.text = effect.text.replaceAll(drawn, code)
  effect.parts = countSmsParts(effect.text).parts
  if (effect.coupon) effect.coupon = { ...effect.coupon, code }
  for (const coupon of result.state.coupons) if (coupon.nodeId === effect.nodeId && coupon.code === drawn) coupon.code = code
}

async function raise(tx: Executor, key: string, kind: string, detail: Record<string, unknown>, now: number) {
  await tx
    .insert(alarms)
    .values({ key, kind, detail, firstAt: new Date(now), lastAt: new Date(now) })
    .onConflictDoUpdate({ target: alarms.key, set: { count: sql`${alarms.count} + 1`, lastAt: new Date(now), resolvedAt: null } })
}

/**
 * Before the outbox is written: each coupon a send issues is reserved for its message. A pool send
 * takes the next available code of its pool in place of the engine's; if another worker took the
 * last one meanwhile, the message is not sent (returned here) and an alarm is raised. Holds for an
 * empty pool raise the alarm too.
 */
export async function reserveCoupons(tx: Executor, written: readonly { result: StepResult; contact: { rowId: string }; now: number }[]): Promise<Map<string, string>> {
  const unsendable = new Map<string, string>()
  for (const { result, contact, now } of written) {
    for (const effect of result.effects) {
      if (effect.type === 'hold' && effect.code === 'pool') {
        await raise(tx, `coupon_pool_empty:${effect.poolId}`, 'coupon_pool_empty', { poolId: effect.poolId }, now)
      }
      if (effect.type !== 'send' || !effect.coupon) continue
      const { coupon } = effect
      const reservation = {
        status: 'reserved' as const,
        messageKey: effect.idempotencyKey,
        contactId: contact.rowId,
        journeyId: result.state.journeyId,
        nodeId: effect.nodeId,
        expiresAt: new Date(coupon.expiresAt),
      }
      if (coupon.poolId === undefined) {
        await tx
          .insert(coupons)
          .values({ code: coupon.code, poolId: null, ...reservation })
          .onConflictDoNothing()
        continue
      }
      const [taken] = await tx
        .execute<{ code: string }>(sql`
        update ${coupons} set status = 'reserved', message_key = ${reservation.messageKey}, contact_id = ${reservation.contactId},
          journey_id = ${reservation.journeyId}, node_id = ${reservation.nodeId}, expires_at = ${reservation.expiresAt.toISOString()}
        where code = (select code from ${coupons} where pool_id = ${coupon.poolId} and status = 'available' order by code limit 1 for update skip locked)
        returning code`)
        .then((answer) => (answer as unknown as { rows: { code: string }[] }).rows)
      if (taken) replaceCode(effect, result, taken.code)
      else {
        unsendable.set(effect.idempotencyKey, `coupon pool "${coupon.poolId}" ran out of codes`)
        await raise(tx, `coupon_pool_empty:${coupon.poolId}`, 'coupon_pool_empty', { poolId: coupon.poolId }, now)
      }
    }
  }
  return unsendable
}

/**
 * `coupon_redeemed` events with a code mark that code redeemed, whoever's journey issued it, with
 * one statement for the batch (one per event was a round trip and a trigger call each). A code
 * redeemed twice keeps the time of its later event, as the batch's order gives them.
 */
export async function markRedeemed(
  tx: Executor,
  incoming: readonly { name: string; rowId: string; at: number; properties?: Record<string, unknown> | undefined }[],
): Promise<void> {
  const redeemed = new Map<string, { code: string; contact_id: string; redeemed_at: string }>()
  for (const event of incoming) {
    const code = event.properties?.code
    if (event.name !== 'coupon_redeemed' || typeof code !== 'string') continue
    const row = { code: code.trim().toUpperCase(), contact_id: event.rowId, redeemed_at: new Date(event.at).toISOString() }
    redeemed.set(`${row.code}\u0000${row.contact_id}`, row)
  }
  if (redeemed.size === 0) return
  await tx.execute(sql`
    update ${coupons} as c set status = 'redeemed', redeemed_at = v.redeemed_at
    from (${selectRows([...redeemed.values()], { code: 'text', contact_id: 'text', redeemed_at: 'timestamptz' })}) as v
    where c.code = v.code and c.contact_id = v.contact_id`)
}
