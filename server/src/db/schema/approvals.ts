import type { ApprovalStatus, JourneyDocument, PublishEventKind, PublishForecastFigures } from '@recall/shared'
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { journeys } from './journeys'

/**
 * A draft submitted for review. It keeps the exact document submitted (with its draft revision and
 * hash): approving publishes that document, so an edit made to the draft afterwards is never
 * published without its own review.
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: text('id').primaryKey(),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    status: text('status').$type<ApprovalStatus>().notNull().default('pending'),
    document: jsonb('document').$type<JourneyDocument>().notNull(),
    draftRevision: integer('draft_revision').notNull(),
    documentHash: text('document_hash').notNull(),
    /** The live version the submission was made against: approving after another publish would undo it, so it is refused. */
    baseVersion: integer('base_version'),
    note: text('note').notNull().default(''),
    migrate: boolean('migrate').notNull().default(false),
    submittedBy: text('submitted_by').notNull(),
    /** "user:<id>" or "key:<id>", so nobody reviews their own submission. */
    submittedByRef: text('submitted_by_ref').notNull(),
    /** What the forecast said at submission, and which of the workspace rule's limits it passed. */
    forecast: jsonb('forecast').$type<PublishForecastFigures | null>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    reviewedBy: text('reviewed_by'),
    reviewComment: text('review_comment'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    publishedVersion: integer('published_version'),
  },
  (table) => [index('approval_requests_journey_idx').on(table.journeyId, table.submittedAt)],
)

/** The journey's publishing history: every submission, approval, rejection and publish, with who, when and the forecast. */
export const publishHistory = pgTable(
  'publish_history',
  {
    /** In the order written: an approval and the publish it makes share a moment. */
    id: serial('id').primaryKey(),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<PublishEventKind>().notNull(),
    /** The version published (publish, approval); null for a submission or rejection. */
    version: integer('version'),
    draftRevision: integer('draft_revision'),
    documentHash: text('document_hash').notNull(),
    actor: text('actor').notNull(),
    /** The publish note, the submission's note or the reviewer's comment. */
    text: text('text').notNull().default(''),
    approvalId: text('approval_id'),
    forecast: jsonb('forecast').$type<PublishForecastFigures | null>(),
    /** The server's wall clock: an audit record says when it really happened, not the demo clock. */
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [index('publish_history_journey_idx').on(table.journeyId, table.id)],
)
