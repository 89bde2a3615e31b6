import type { LocalizedText } from '@recall/shared'
import { bigserial, index, json, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * One timeline line as stored: what happened, where, when (ISO time) and a code for counting.
 * Written compactly: `at` only when it differs from the row's, `nodeId` and `detail` only when
 * set (a step's lines share one time, and every byte is parsed twice by PostgreSQL on insert).
 * Rows written before that carry all five fields; the reader takes both.
 */
export interface TimelineLine {
  at?: string
  nodeId?: string | null
  kind: string
  message: LocalizedText
  detail?: string | null
}

/**
 * The contacts' timelines: one row per step (or per event written outside a step, such as a
 * receipt or an opt-out) holding that step's lines in order. A row per line was a third of the
 * worker's database time, as every step writes three or four. `lines` is json, not jsonb: it is
 * only ever read whole, and converting to jsonb cost more than the insert. `edges` names the
 * connections the step travelled, so the live counts add them up without reading `lines`.
 */
export const stepLog = pgTable(
  'step_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrollmentId: text('enrollment_id').notNull(),
    /** The first line's time. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    lines: json('lines').$type<TimelineLine[]>().notNull(),
    edges: text('edges').array(),
  },
  (table) => [index('step_log_enrollment_idx').on(table.enrollmentId, table.id)],
)
