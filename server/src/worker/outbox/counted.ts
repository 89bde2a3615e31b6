import { COUNTED_STATUSES } from '@recall/shared'
import { and, eq, inArray, isNotNull, or, type SQL } from 'drizzle-orm'
import { messages } from '../../db/schema/index'

/**
 * The one rule for which outbox rows frequency caps and the daily ceiling count (every reader of a
 * contact's recent sends uses it): a row in COUNTED_STATUSES, or a `failed` one that the provider
 * had accepted (`sent_at` is written only when the provider took it, see recordAllAccepted): a
 * failed delivery report does not prove the phone never got it. A row that failed before the
 * hand-over (refused at once, out of attempts, expired, opted out) has no `sent_at` and does not count.
 * `queued: false` leaves out the rows still waiting, for the re-check at the moment of sending.
 */
export function countedTowardCaps(options: { queued: boolean } = { queued: true }): SQL {
  const statuses = COUNTED_STATUSES.filter((status) => options.queued || status !== 'queued')
  return or(inArray(messages.status, statuses), and(eq(messages.status, 'failed'), isNotNull(messages.sentAt))) as SQL
}
