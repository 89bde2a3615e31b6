import { type Column, type SQL, sql } from 'drizzle-orm'
import { suppressions } from '../db/schema/index'

/** The reason an import's opt-out column (suppressed, 退订, 黑名单, DNC…) gives on the suppression list. */
export const IMPORTED_OPT_OUT = 'imported as suppressed'

/**
 * A row opted out again: the stronger of its source and the incoming one (an import, an admin or a
 * complaint outranks the person's own reply, see migrations 0025 and 0026), and the values that source
 * came with (`kept` when the row's own source wins, `incoming` otherwise), so a START never lifts an
 * opt-out that was not the person's own, and the page names who made the one that stands.
 */
export function strongerOptOut(keptSource: Column, incomingSource: SQL | string) {
  const source = sql`stronger_opt_out_source(${keptSource}, ${incomingSource})`
  return {
    source,
    /** What goes with the stronger source: the kept value when the row's own source won, else the incoming one. */
    pick: (kept: Column, incoming: SQL | string | null) => sql`case when ${source} = ${keptSource} then ${kept} else ${incoming} end`,
    /** The time of the opt-out that stands (the later of two replies: only a START after the last lifts it), see migration 0035. */
    at: (kept: Column, incoming: SQL) => sql`stronger_opt_out_at(${keptSource}, ${kept}, ${incomingSource}, ${incoming})`,
  }
}

const onSuppressions = strongerOptOut(suppressions.source, sql`excluded.source`)

/** The `on conflict do update` set for a number opted out again: the stronger source, with its time, reason and person. */
export const KEEP_STRONGER_OPT_OUT = {
  source: onSuppressions.source,
  optedOutAt: onSuppressions.at(suppressions.optedOutAt, sql`excluded.opted_out_at`),
  reason: onSuppressions.pick(suppressions.reason, sql`excluded.reason`),
  optedOutBy: onSuppressions.pick(suppressions.optedOutBy, sql`excluded.opted_out_by`),
}
