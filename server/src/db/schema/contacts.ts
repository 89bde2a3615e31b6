import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import type { OptOutSource } from './suppressions'

export const contacts = pgTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    /** The business's own id for the contact (member number, user id). */
    externalId: text('external_id').notNull().unique(),
    /** E.164, normalised with libphonenumber-js. */
    phone: text('phone'),
    timeZone: text('time_zone'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    consent: boolean('consent').notNull().default(false),
    /**
     * The person's own opt-out: written when they opt out (a reply from the number they held, an
     * import marking them, a colleague), and taken with them when their phone changes away from a
     * number put on the suppression list while they held it (the trigger `contacts_keep_opt_out`, on
     * every path that changes a phone; a number opted out before they held it stays the number's).
     * Cleared only by their own START from their current number, when the opt-out was a reply (`optOutSource`).
     */
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
    optOutSource: text('opt_out_source').$type<OptOutSource>(),
    /** The colleague who made that opt-out, when it was an admin's. */
    optedOutBy: text('opted_out_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('contacts_phone_idx').on(table.phone)],
)

/**
 * The numbers a contact had before, and when they left each (trigger `contacts_keep_opt_out`, on every
 * path that changes a phone): a STOP pushed later from a number the person left follows them to the
 * number they have now.
 */
export const contactPhoneHistory = pgTable(
  'contact_phone_history',
  {
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    /** The database's clock, like a reply's time by the provider's: both are the real time. */
    leftAt: timestamp('left_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.contactId, table.phone] }), index('contact_phone_history_phone_idx').on(table.phone)],
)
