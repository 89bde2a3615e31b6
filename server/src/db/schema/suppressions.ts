import type { OptOutSource } from '@recall/shared'
import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/** Who opted a number or a person out: only `reply` is lifted by the person's START (see shared). */
export type { OptOutSource }

/** Opted-out numbers. Keyed by phone, not contact, so it outlives deleting and re-importing the contact. */
export const suppressions = pgTable('suppressions', {
  phone: text('phone').primaryKey(),
  reason: text('reason').notNull(),
  /** The strongest source the number was opted out by: an import or an admin outranks a reply (see `stronger_opt_out_source`). */
  source: text('source').$type<OptOutSource>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the person opted out by the provider's clock: only a START sent after it opts back in. */
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
  /** The colleague who opted the number out (`admin`), as the Replies page names them; null for other sources. */
  optedOutBy: text('opted_out_by'),
})

/**
 * The opt-out of a contact that was deleted, by its external id (trigger `contacts_remember_opt_out`):
 * the same contact imported again, with any phone and by any path, comes back opted out (trigger
 * `contacts_restore_opt_out`, which also drops the row).
 */
export const deletedContactOptOuts = pgTable('deleted_contact_opt_outs', {
  externalId: text('external_id').primaryKey(),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull(),
  source: text('source').$type<OptOutSource>().notNull(),
  optedOutBy: text('opted_out_by'),
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The numbers a deleted contact held (its last one, and those it left within the last 90 days), by
 * its external id (trigger `contacts_remember_phones`): a STOP from one of them while the contact is
 * away waits in `deletedContactOptOuts` for its return, and the same contact imported again takes
 * them back into its phone history, so a STOP the cloud pushes later still finds the person. Rows older than
 * 90 days are dropped: no STOP can follow the person from them any more.
 */
export const deletedContactPhones = pgTable(
  'deleted_contact_phones',
  {
    externalId: text('external_id').notNull(),
    phone: text('phone').notNull(),
    /** When the person left the number: the deletion, for the phone the contact still had. */
    leftAt: timestamp('left_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.externalId, table.phone] }),
    index('deleted_contact_phones_phone_idx').on(table.phone),
    index('deleted_contact_phones_left_at_idx').on(table.leftAt),
  ],
)
