import type { LocalizedText } from '@recall/shared'
import { asc, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { alarms, couponPools, coupons } from '../db/schema/index'
import { ApiError } from '../plugins/errors'

const CODE = /^[A-Z0-9-]{4,40}$/
/** One request adds at most this many codes; larger batches go in several requests. */
export const MAX_CODES_PER_IMPORT = 100_000

interface CodeProblem {
  path: string
  message: LocalizedText
}

const invalidCode = (path: string, text: string): CodeProblem => ({ path, message: { en: `"${text}" is not a valid code`, zh: `"${text}" 不是有效券码` } })

/**
 * Reads codes from a CSV (a "code" column, or one code a line: problems name the line as /body/<line>,
 * as contacts imports do) or a JSON list of texts (problems name the item as /body/<index>); every bad line or item is named.
 * `given` counts the valid codes as sent, repeats included, so repeats within the request count
 * as duplicates too.
 */
export function readCodes(input: string | unknown): { codes: string[]; given: number; problems: CodeProblem[] } {
  if (typeof input !== 'string' && !Array.isArray(input))
    return {
      codes: [],
      given: 0,
      problems: [
        {
          path: '/body',
          message: { en: 'Send a CSV file or a JSON list of codes, e.g. ["VIP-0001", "VIP-0002"]', zh: '请发送 CSV 文件或 JSON 券码列表,例如 ["VIP-0001", "VIP-0002"]' },
        },
      ],
    }
  const problems: CodeProblem[] = []
  const valid: string[] = []
  if (typeof input === 'string') {
    input.split(/\r?\n/).forEach((line, index) => {
      const value = line.split(',')[0]?.trim().toUpperCase() ?? ''
      if (value === '' || (index === 0 && value === 'CODE')) return
      if (CODE.test(value)) valid.push(value)
      else problems.push(invalidCode(`/body/${index + 1}`, value))
    })
  } else {
    input.forEach((item, index) => {
      const path = `/body/${index}`
      if (typeof item !== 'string') problems.push({ path, message: { en: `Item ${index} is not text: codes are strings`, zh: `第 ${index} 项不是文本:券码须为字符串` } })
      else if (CODE.test(item.trim().toUpperCase())) valid.push(item.trim().toUpperCase())
      else problems.push(invalidCode(path, item.trim().toUpperCase()))
    })
  }
  if (valid.length === 0 && problems.length === 0) problems.push({ path: '/body', message: { en: 'No codes were sent', zh: '未提供任何券码' } })
  return { codes: [...new Set(valid)], given: valid.length, problems }
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
      const { codes, given, problems } = readCodes(input)
      if (problems.length > 0)
        throw new ApiError(
          400,
          'invalid_codes',
          { en: `${problems.length} code(s) are invalid (4–40 letters, digits or -); none were added`, zh: `${problems.length} 个券码格式不正确(4–40 位字母、数字或 -),均未导入` },
          problems.slice(0, 200).map((problem) => ({ code: 'coupon.invalid_code', severity: 'error' as const, ...problem })),
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
        return { added, duplicates: given - added }
      })
    },

    activeAlarms: () => db.select().from(alarms).where(isNull(alarms.resolvedAt)).orderBy(asc(alarms.firstAt)),
  }
}
