import { sql } from 'drizzle-orm'
import { boolean, index, integer, json, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { StoredEnrollmentState } from '../enrollment-state'

/** One contact's trip through one journey version: the engine's state plus what queries need. */
export const enrollments = pgTable(
  'enrollments',
  {
    id: text('id').primaryKey(),
    journeyId: text('journey_id').notNull(),
    version: integer('version').notNull(),
    contactId: text('contact_id').notNull(),
    status: text('status').$type<'active' | 'exited'>().notNull(),
    nodeId: text('node_id'),
    /**
     * `json`, not `jsonb`: every step rewrites it whole and only the worker reads it whole, and
     * converting the step's JSON to jsonb parsed it a second time. Read through `enrollmentState`.
     */
    state: json('state').$type<StoredEnrollmentState>().notNull(),
    nextWakeAt: timestamp('next_wake_at', { withTimezone: true }),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    exitedAt: timestamp('exited_at', { withTimezone: true }),
    exitReason: text('exit_reason'),
    converted: boolean('converted').notNull().default(false),
    /** Wakes in a row whose step failed (the engine threw or the write was refused); a step that succeeds sets it back to 0. */
    stepFailures: integer('step_failures').notNull().default(0),
    /**
     * Set when its step failed too often in a row: the worker no longer wakes it (no wake time) and
     * events no longer step it, until someone retries it (or takes it out). It still counts as active.
     */
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  },
  (table) => [
    // The worker claims due enrollments in wake order.
    index('enrollments_due_idx').on(table.nextWakeAt).where(sql`${table.status} = 'active'`),
    // Monitoring counts contacts per node.
    index('enrollments_journey_node_idx').on(table.journeyId, table.status, table.nodeId),
    // One active enrollment per contact and journey.
    uniqueIndex('enrollments_one_active_idx').on(table.journeyId, table.contactId).where(sql`${table.status} = 'active'`),
    index('enrollments_contact_idx').on(table.contactId),
    // Stopped contacts per journey, for the live view's alarm: nearly always empty.
    index('enrollments_stopped_idx').on(table.journeyId).where(sql`${table.stoppedAt} is not null and ${table.status} = 'active'`),
  ],
)
