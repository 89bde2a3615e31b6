import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
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
     * An opt-out the person took with them when their phone changed away from a number on the
     * suppression list (the trigger `contacts_keep_opt_out` sets it on every path that changes a
     * phone): the new number is theirs, and so is the opt-out. Cleared only by their own START from
     * their current number, when the opt-out was a reply (`optOutSource`).
     */
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
    optOutSource: text('opt_out_source').$type<OptOutSource>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('contacts_phone_idx').on(table.phone)],
)
