import { pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Who opted a number out. Only `reply` (the person's own T/TD/退订/STOP) may be lifted by the person's
 * START: an import's opt-out column (黑名单, DNC), an admin's "opt out this number", or any source
 * added later (a complaint) stays until the business lifts it.
 */
export type OptOutSource = 'reply' | 'import' | 'admin'

/** Opted-out numbers. Keyed by phone, not contact, so it outlives deleting and re-importing the contact. */
export const suppressions = pgTable('suppressions', {
  phone: text('phone').primaryKey(),
  reason: text('reason').notNull(),
  /** The strongest source the number was opted out by: an import or an admin outranks a reply (see `stronger_opt_out_source`). */
  source: text('source').$type<OptOutSource>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the person opted out by the provider's clock: only a START sent after it opts back in. */
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
})
