import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/** A batch of codes bought or printed elsewhere (a POS, a partner), imported from CSV. */
export const couponPools = pgTable('coupon_pools', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export type CouponStatus = 'available' | 'reserved' | 'issued' | 'redeemed'

/**
 * Every coupon code: pool codes from import on (available), generated ones from their send. A
 * code is reserved by the message that carries it, issued when the provider accepts that message,
 * and given back if the message fails.
 */
export const coupons = pgTable(
  'coupons',
  {
    code: text('code').primaryKey(),
    poolId: text('pool_id'),
    status: text('status').$type<CouponStatus>().notNull(),
    /** The outbox row carrying the code, by its idempotency key. */
    messageKey: text('message_key'),
    contactId: text('contact_id'),
    journeyId: text('journey_id'),
    nodeId: text('node_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
  },
  (table) => [index('coupons_pool_status_idx').on(table.poolId, table.status), uniqueIndex('coupons_message_idx').on(table.messageKey)],
)

/** Something a person must act on (a pool ran dry); counted while it lasts, cleared when resolved. */
export const alarms = pgTable('alarms', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  count: integer('count').notNull().default(1),
  firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
})
