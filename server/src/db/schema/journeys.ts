import type { JourneyDocument, JourneyStatus } from '@recall/shared'
import { sql } from 'drizzle-orm'
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

export type { JourneyStatus }

/** A journey and its editable draft; what runs is a published version. */
export const journeys = pgTable('journeys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  status: text('status').$type<JourneyStatus>().notNull().default('draft'),
  draft: jsonb('draft').$type<JourneyDocument>().notNull(),
  liveVersion: integer('live_version'),
  /** Counts draft saves; the ETag a save's If-Match must name, so two tabs cannot overwrite each other unseen. */
  draftRevision: integer('draft_revision').notNull().default(1),
  /** Who saved the draft last (a user's name or an API key's), shown when a save meets a newer revision. */
  draftSavedBy: text('draft_saved_by'),
  /** What the journey is filed under on the journeys page; organising, not editing, so it leaves updatedAt alone. */
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Immutable: a published version is never edited, so enrollments on it can always resume. */
export const journeyVersions = pgTable(
  'journey_versions',
  {
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id),
    version: integer('version').notNull(),
    document: jsonb('document').$type<JourneyDocument>().notNull(),
    note: text('note').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.journeyId, table.version] })],
)

/**
 * The last draft revisions of each journey as saved, with who saved them: a save refused for a newer
 * revision is told what the others changed since the revision it started from, apart from its own changes.
 */
export const journeyDraftRevisions = pgTable(
  'journey_draft_revisions',
  {
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    document: jsonb('document').$type<JourneyDocument>().notNull(),
    /** A user's name or an API key's; null for the system's own saves. */
    savedBy: text('saved_by'),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.journeyId, table.revision] })],
)
