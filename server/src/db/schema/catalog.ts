import { date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/** Attribute names seen on contacts, with their type and a few example values, kept up to date on ingest. */
export const attributeCatalog = pgTable('attribute_catalog', {
  name: text('name').primaryKey(),
  type: text('type').$type<'string' | 'number' | 'boolean' | 'date' | 'object'>().notNull(),
  examples: jsonb('examples').$type<unknown[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Events received per name and day: the last 30 days are a sum of 30 counters, not a scan of events. */
export const eventCounts = pgTable(
  'event_counts',
  {
    name: text('name').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.name, table.day] })],
)
