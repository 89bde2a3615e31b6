import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('contacts_phone_idx').on(table.phone)],
)
