import { bigint, bigserial, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

/**
 * Contacts waiting ("active") are counted per journey version, since contacts stay on the version
 * they entered when another is published; every other metric counts the journey's node whatever
 * the version, and has version 0.
 */
const version = () => integer('version').notNull().default(0)

/**
 * The live view's running totals per journey, version, node and metric ("active", "msg:delivered",
 * "edge" with the edge id as node, "messaged", "opted_out", "redeemed"). Triggers on enrollments, messages,
 * coupons and the step log append their changes to `live_count_deltas` without taking a lock, so
 * concurrent steps never wait on a shared counter row; the deltas are folded in here now and then.
 * A snapshot reads these totals plus the deltas not folded in yet: equal to a full recount.
 */
export const liveCounts = pgTable(
  'live_counts',
  {
    journeyId: text('journey_id').notNull(),
    version: version(),
    nodeId: text('node_id').notNull(),
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.journeyId, table.version, table.nodeId, table.metric] })],
)

export const liveCountDeltas = pgTable(
  'live_count_deltas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    journeyId: text('journey_id').notNull(),
    version: version(),
    nodeId: text('node_id').notNull(),
    metric: text('metric').notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
  },
  (table) => [index('live_count_deltas_journey_idx').on(table.journeyId)],
)
