import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Workspace settings by key: send policies (windows, caps, holidays), provider, prices. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
