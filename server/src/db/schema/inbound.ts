import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Replies from phones, kept as received; `keyword` is what Recall read in them (stop, start). */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    phone: text('phone').notNull(),
    text: text('text').notNull(),
    keyword: text('keyword'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('inbound_phone_idx').on(table.phone)],
)

/** Every click on a short link; the message row keeps the first for rates. */
export const linkClicks = pgTable('link_clicks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  messageId: bigint('message_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  userAgent: text('user_agent'),
})
