import type { ConditionGroup } from '@recall/shared'
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const segments = pgTable('segments', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  condition: jsonb('condition').$type<ConditionGroup>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
