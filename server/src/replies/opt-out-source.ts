import { sql } from 'drizzle-orm'
import { suppressions } from '../db/schema/index'

/** The reason an import's opt-out column (suppressed, 退订, 黑名单, DNC…) gives on the suppression list. */
export const IMPORTED_OPT_OUT = 'imported as suppressed'

const stronger = sql`stronger_opt_out_source(${suppressions.source}, excluded.source)`

/**
 * The `on conflict do update` set for a number opted out again: the stronger of the two sources
 * (an import or an admin outranks the person's own reply, see migration 0025), with that one's
 * reason, so a START never lifts an opt-out that was not the person's own.
 */
export const KEEP_STRONGER_OPT_OUT = {
  source: stronger,
  reason: sql`case when ${stronger} = ${suppressions.source} then ${suppressions.reason} else excluded.reason end`,
}
