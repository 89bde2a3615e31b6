import type { LocalizedText, Problem } from '@recall/shared'
import { boolean, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { journeys } from './journeys'

/** Why a scheduled publish did not go live: the same refusal publishing now would have given. */
export interface PublishFailure {
  code: string
  message: LocalizedText
  problems: Problem[]
}

/**
 * A journey's draft to publish at a set time, one per journey. The worker that claims a due row
 * publishes and deletes it in one transaction, so it goes live exactly once however many workers run.
 */
export const publishSchedules = pgTable('publish_schedules', {
  journeyId: text('journey_id')
    .primaryKey()
    .references(() => journeys.id, { onDelete: 'cascade' }),
  publishAt: timestamp('publish_at', { withTimezone: true }).notNull(),
  /** The zone the time was chosen in, to show it back as entered ("12-05 09:00 Asia/Shanghai"). */
  timeZone: text('time_zone').notNull(),
  note: text('note').notNull().default(''),
  migrate: boolean('migrate').notNull().default(false),
  scheduledBy: text('scheduled_by'),
  /** Who scheduled it ("user:<id>" or "key:<id>"): their publishing rights are checked again when it is due. */
  scheduledByRef: text('scheduled_by_ref'),
  /** Set when the draft could not be published at its time; the schedule stays, shown with why, until cancelled or replaced. */
  failedAt: timestamp('failed_at', { withTimezone: true }),
  failure: jsonb('failure').$type<PublishFailure>(),
})
