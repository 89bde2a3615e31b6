import { bigint, bigserial, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

/**
 * The live view's running totals per journey, node and metric ("active", "msg:delivered",
 * "edge:<edge id>", "messaged", "opted_out", "redeemed"). Triggers on enrollments, messages,
 * coupons and the step log append their changes to `live_count_deltas` without taking a lock, so
 * concurrent steps never wait on a shared counter row; the deltas are folded in here now and then.
 * A snapshot reads these totals plus the deltas not folded in yet: equal to a full recount.
 */
export const liveCounts = pgTable(
  'live_counts',
  {
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.journeyId, table.nodeId, table.metric] })],
)

export const liveCountDeltas = pgTable(
  'live_count_deltas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    metric: text('metric').notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
  },
  (table) => [index('live_count_deltas_journey_idx').on(table.journeyId)],
)
