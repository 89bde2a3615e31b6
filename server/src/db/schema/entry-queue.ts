import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * Where a throttled trigger stands: the clock minute or hour being filled and how full it is.
 * Locked while an entry is judged, so concurrent entries count against one limit.
 */
export const entryThrottles = pgTable(
  'entry_throttles',
  {
    journeyId: text('journey_id').notNull(),
    triggerNodeId: text('trigger_node_id').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    admitted: integer('admitted').notNull(),
    lastAdmitAt: timestamp('last_admit_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.journeyId, table.triggerNodeId] })],
)

/** Contacts past a trigger's throttle, each with the time its turn comes; admitted in that order by the worker. */
export const entryQueue = pgTable(
  'entry_queue',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    journeyId: text('journey_id').notNull(),
    triggerNodeId: text('trigger_node_id').notNull(),
    contactId: text('contact_id').notNull(),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull(),
    admitAt: timestamp('admit_at', { withTimezone: true }).notNull(),
    /** Turns in a row whose entry failed (the engine threw or the write was refused); its turn is put back each time. */
    failures: integer('failures').notNull().default(0),
  },
  (table) => [
    index('entry_queue_due_idx').on(table.admitAt, table.id),
    // A contact waits in a journey's queue once, however often its trigger fires meanwhile.
    uniqueIndex('entry_queue_one_per_contact_idx').on(table.journeyId, table.contactId),
  ],
)
