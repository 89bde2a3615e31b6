import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Append-only: what contacts did (orders, clicks, app opens), as ingested. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contactId: text('contact_id').notNull(),
    name: text('name').notNull(),
    properties: jsonb('properties').$type<Record<string, unknown>>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The sender's message id (Segment's messageId), when it gave one. */
    messageId: text('message_id'),
  },
  (table) => [index('events_contact_time_idx').on(table.contactId, table.occurredAt)],
)

/**
 * Message ids seen in the retention window, so a pipeline that retries a batch (at-least-once
 * delivery) stores each event once. Rows older than the window are pruned on ingest.
 */
export const eventReceipts = pgTable(
  'event_receipts',
  {
    messageId: text('message_id').primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('event_receipts_received_idx').on(table.receivedAt)],
)
