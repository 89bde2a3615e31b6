import type { LocalizedText } from '@recall/shared'
import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Every step's readable lines, the contact's timeline. */
export const stepLog = pgTable(
  'step_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrollmentId: text('enrollment_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    nodeId: text('node_id'),
    kind: text('kind').notNull(),
    message: jsonb('message').$type<LocalizedText>().notNull(),
    detail: text('detail'),
  },
  (table) => [index('step_log_enrollment_idx').on(table.enrollmentId, table.id)],
)
