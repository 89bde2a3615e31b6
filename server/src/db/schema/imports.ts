import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/** A contacts file being imported in the background: its progress, errors and result. */
export const contactImports = pgTable('contact_imports', {
  id: text('id').primaryKey(),
  /** `interrupted`: its process stopped (restart, crash) before it finished; nothing was written. */
  status: text('status').$type<'running' | 'done' | 'invalid' | 'failed' | 'interrupted'>().notNull(),
  format: text('format').$type<'csv' | 'ndjson'>().notNull(),
  encoding: text('encoding'),
  bytesTotal: integer('bytes_total').notNull(),
  bytesRead: integer('bytes_read').notNull().default(0),
  rowsRead: integer('rows_read').notNull().default(0),
  rowsValid: integer('rows_valid').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  /** The first rows in error, each with its row, field and bilingual message. */
  errors: jsonb('errors').$type<unknown[]>().notNull().default([]),
  /** Counts once written: inserted, updated, consent given and not. */
  result: jsonb('result').$type<Record<string, number>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** Touched by the running process (database time), so another process can tell a live job from one whose process died. */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Rows of an import that passed their checks, staged until the whole file has been read; then
 * merged into contacts in one transaction, or dropped if any row was wrong.
 */
export const contactImportRows = pgTable(
  'contact_import_rows',
  {
    importId: text('import_id').notNull(),
    row: integer('row').notNull(),
    externalId: text('external_id').notNull(),
    phone: text('phone'),
    timeZone: text('time_zone'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull(),
    consent: boolean('consent').notNull(),
    suppressed: boolean('suppressed').notNull(),
    /** The fields the row left out (phone, time_zone, consent): a stored contact keeps its values (see mergeImported). */
    kept: text('kept').array().notNull().default(sql`'{}'`),
  },
  (table) => [primaryKey({ columns: [table.importId, table.row] }), index('contact_import_rows_external_idx').on(table.importId, table.externalId)],
)
