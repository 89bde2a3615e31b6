import type { NodeSnapshot } from '@recall/shared'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { liveCountDeltas, liveCounts } from '../db/schema/index'

export interface LiveCountRow {
  /** The journey version of contacts waiting ("active"); 0 for every other metric. */
  version: number
  nodeId: string
  metric: string
  value: number
}

/** What a live snapshot is made of, before rates and alarms. */
export interface JourneyCounts {
  /** Each node's funnel, whatever the version; `active` is left at 0 here (see `waiting`). */
  nodes: Record<string, NodeSnapshot>
  /** Contacts waiting now, by journey version, then node: a contact stays on the version it entered. */
  waiting: Record<number, Record<string, number>>
  /** Steps along each connection, by edge id. */
  edges: Record<string, number>
  /** Distinct contacts with a message from the journey. */
  messaged: number
  optedOut: number
}

export const emptyCounts = (): JourneyCounts => ({ nodes: {}, waiting: {}, edges: {}, messaged: 0, optedOut: 0 })

export function nodeCounts(counts: JourneyCounts, nodeId: string): NodeSnapshot {
  counts.nodes[nodeId] ??= { active: 0, sent: 0, delivered: 0, clicked: 0, failed: 0, redeemed: 0 }
  return counts.nodes[nodeId]
}

/** Records how many contacts on `version` wait at `nodeId`. */
export function setWaiting(counts: JourneyCounts, version: number, nodeId: string, count: number): void {
  counts.waiting[version] ??= {}
  counts.waiting[version][nodeId] = count
}

/**
 * The funnel: sent counts every message handed to the provider, so sent ≥ delivered + failed; a
 * clicked one counts as delivered too, and one of unknown fate as sent (the phone may have it).
 */
export function addStatus(node: NodeSnapshot, status: string, count: number): void {
  if (['sent', 'delivered', 'clicked', 'uncertain', 'failed'].includes(status)) node.sent += count
  if (status === 'delivered' || status === 'clicked') node.delivered += count
  if (status === 'clicked') node.clicked += count
  if (status === 'failed') node.failed += count
}

/** The running totals read as a snapshot's counts. */
export function countsFromRows(rows: LiveCountRow[]): JourneyCounts {
  const counts = emptyCounts()
  for (const { version, nodeId, metric, value } of rows) {
    if (metric === 'active') setWaiting(counts, version, nodeId, value)
    else if (metric === 'redeemed') nodeCounts(counts, nodeId).redeemed = value
    else if (metric.startsWith('msg:')) addStatus(nodeCounts(counts, nodeId), metric.slice(4), value)
    else if (metric === 'edge') counts.edges[nodeId] = value
    else if (metric === 'messaged') counts.messaged = value
    else if (metric === 'opted_out') counts.optedOut = value
  }
  return counts
}

/** Any number will do, as long as nothing else takes this advisory lock. */
const FOLD_LOCK = 7_401_211

/**
 * A journey's running totals (see db/schema/live-counts.ts): the folded ones plus the deltas not
 * folded yet, read in one statement so a fold running meanwhile is seen whole or not at all.
 */
export async function liveCountsOf(db: Database, journeyId: string): Promise<LiveCountRow[]> {
  const result = (await db.execute(sql`
    select version, node_id as "nodeId", metric, sum(value)::float8 as value from (
      select version, node_id, metric, value from ${liveCounts} where journey_id = ${journeyId}
      union all select version, node_id, metric, delta from ${liveCountDeltas} where journey_id = ${journeyId}
    ) as counts group by version, node_id, metric having sum(value) <> 0`)) as unknown as { rows: LiveCountRow[] }
  return result.rows
}

/**
 * Folds up to `limit` deltas into the totals and deletes them, in one short transaction; one
 * process at a time (the others skip). A total that comes to 0 is deleted rather than kept: the
 * counts of every version contacts have left would otherwise pile up for each snapshot to read.
 * Returns how many deltas were folded.
 */
export async function foldLiveCountDeltas(db: Database, limit = 50_000): Promise<number> {
  return db.transaction(async (tx) => {
    const locked = (await tx.execute(sql`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as locked`)) as unknown as { rows: { locked: boolean }[] }
    if (!locked.rows[0]?.locked) return 0
    const folded = (await tx.execute(sql`
      with moved as (
        delete from ${liveCountDeltas} where id in (select id from ${liveCountDeltas} order by id limit ${limit})
        returning journey_id, version, node_id, metric, delta
      ), summed as (
        select journey_id, version, node_id, metric, sum(delta)::bigint as value, count(*)::int as rows from moved group by 1, 2, 3, 4
      ), emptied as (
        delete from ${liveCounts} as total using summed
        where (total.journey_id, total.version, total.node_id, total.metric) = (summed.journey_id, summed.version, summed.node_id, summed.metric)
          and total.value + summed.value = 0
        returning total.journey_id, total.version, total.node_id, total.metric
      ), written as (
        -- Only totals not emptied: one statement may not change a row twice.
        insert into ${liveCounts} (journey_id, version, node_id, metric, value)
        select journey_id, version, node_id, metric, value from summed
        where value <> 0 and not exists (
          select 1 from emptied where (emptied.journey_id, emptied.version, emptied.node_id, emptied.metric) = (summed.journey_id, summed.version, summed.node_id, summed.metric)
        )
        on conflict (journey_id, version, node_id, metric) do update set value = ${liveCounts}.value + excluded.value
      )
      select coalesce(sum(rows), 0)::int as folded from summed`)) as unknown as { rows: { folded: number }[] }
    return folded.rows[0]?.folded ?? 0
  })
}
