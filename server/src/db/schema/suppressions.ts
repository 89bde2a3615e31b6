import { pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Opted-out numbers. Keyed by phone, not contact, so it outlives deleting and re-importing the contact. */
export const suppressions = pgTable('suppressions', {
  phone: text('phone').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the person opted out by the provider's clock: only a START sent after it opts back in. */
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
})
