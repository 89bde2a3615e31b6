import { asc, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { alarms, couponPools, coupons } from '../db/schema/index'
import { ApiError } from '../plugins/errors'

const CODE = /^[A-Z0-9-]{4,40}$/
/** One request adds at most this many codes; larger batches go in several requests. */
export const MAX_CODES_PER_IMPORT = 100_000

/** Reads codes from a CSV (a "code" column, or one code a line) or a JSON list; every bad line is named. */
export function readCodes(input: string | unknown): { codes: string[]; problems: { row: number; text: string }[] } {
  const lines = typeof input === 'string' ? input.split(/\r?\n/) : Array.isArray(input) ? input.map(String) : []
  const rows = lines.map((line, index) => ({ row: index + 1, value: String(line).split(',')[0]?.trim().toUpperCase() ?? '' }))
  const body = rows.filter((line, index) => line.value !== '' && !(index === 0 && line.value === 'CODE'))
  const problems = body.filter((line) => !CODE.test(line.value)).map((line) => ({ row: line.row, text: line.value }))
  return { codes: [...new Set(body.filter((line) => CODE.test(line.value)).map((line) => line.value))], problems }
}

export function couponsRepository(db: Database, clock: () => number) {
  return {
    async pools() {
      const pools = await db.select().from(couponPools).orderBy(asc(couponPools.id))
      const counts = await db.select({ poolId: coupons.poolId, status: coupons.status, count: sql<number>`count(*)::int` }).from(coupons).groupBy(coupons.poolId, coupons.status)
      return pools.map((pool) => {
        const of = (status: string) => counts.find((row) => row.poolId === pool.id && row.status === status)?.count ?? 0
        return { ...pool, available: of('available'), reserved: of('reserved'), issued: of('issued'), redeemed: of('redeemed') }
      })
    },

    async savePool(id: string, name: string) {
      await db.insert(couponPools).values({ id, name }).onConflictDoUpdate({ target: couponPools.id, set: { name } })
      return { id, name }
    },

    /** Adds codes to a pool, all or none; codes already known anywhere are counted, not added twice. */
    async addCodes(poolId: string, input: string | unknown) {
      const [pool] = await db.select().from(couponPools).where(eq(couponPools.id, poolId))
      if (!pool) throw new ApiError(404, 'pool_not_found', { en: `No coupon pool "${poolId}"; create it first`, zh: `券码池 "${poolId}" 不存在,请先创建` })
      const { codes, problems } = readCodes(input)
      if (problems.length > 0)
        throw new ApiError(
          400,
          'invalid_codes',
          { en: `${problems.length} code(s) are invalid (4–40 letters, digits or -); none were added`, zh: `${problems.length} 个券码格式不正确(4–40 位字母、数字或 -),均未导入` },
          problems.slice(0, 200).map((problem) => ({
            code: 'coupon.invalid_code',
            severity: 'error' as const,
            path: `/${problem.row}`,
            message: { en: `"${problem.text}" is not a valid code`, zh: `"${problem.text}" 不是有效券码` },
          })),
        )
      if (codes.length > MAX_CODES_PER_IMPORT)
        throw new ApiError(413, 'too_many_codes', { en: `At most ${MAX_CODES_PER_IMPORT} codes per request`, zh: `每次最多导入 ${MAX_CODES_PER_IMPORT} 个券码` })
      return db.transaction(async (tx) => {
        let added = 0
        for (let index = 0; index < codes.length; index += 5_000) {
          const chunk = codes.slice(index, index + 5_000)
          const inserted = await tx
            .insert(coupons)
            .values(chunk.map((code) => ({ code, poolId, status: 'available' as const })))
            .onConflictDoNothing()
            .returning({ code: coupons.code })
          added += inserted.length
        }
        // Codes are back: the pool's alarm is over.
        if (added > 0)
          await tx
            .update(alarms)
            .set({ resolvedAt: new Date(clock()) })
            .where(eq(alarms.key, `coupon_pool_empty:${poolId}`))
        return { added, duplicates: codes.length - added }
      })
    },

    activeAlarms: () => db.select().from(alarms).where(isNull(alarms.resolvedAt)).orderBy(asc(alarms.firstAt)),
  }
}
