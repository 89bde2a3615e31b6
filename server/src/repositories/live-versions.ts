import type { LiveSnapshot } from '@recall/shared'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeys, journeyVersions } from '../db/schema/index'
import { type JourneyCounts, nodeCounts } from './live-counts'

export type VersionedCounts = Pick<LiveSnapshot, 'liveVersion' | 'olderVersions'>

/**
 * Puts the live version's contacts waiting on the counts' nodes (the canvas draws that version) and
 * lists the other versions still holding contacts apart, newest first, with when each was
 * published. One statement by primary keys, so the snapshot stays as cheap as its running totals.
 */
export async function splitByVersion(db: Database, journeyId: string, counts: JourneyCounts): Promise<VersionedCounts> {
  const versions = Object.keys(counts.waiting).map(Number)
  const rows = await db
    .select({ liveVersion: journeys.liveVersion, version: journeyVersions.version, publishedAt: journeyVersions.publishedAt })
    .from(journeys)
    .leftJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), versions.length > 0 ? inArray(journeyVersions.version, versions) : sql`false`))
    .where(eq(journeys.id, journeyId))
  const liveVersion = rows[0]?.liveVersion ?? null
  for (const [nodeId, active] of Object.entries(liveVersion === null ? {} : (counts.waiting[liveVersion] ?? {}))) nodeCounts(counts, nodeId).active = active
  const olderVersions = rows.flatMap(({ version, publishedAt }) => {
    const nodes = version === null || version === liveVersion ? undefined : counts.waiting[version]
    if (version === null || !nodes || !publishedAt) return []
    const active = Object.values(nodes).reduce((total, count) => total + count, 0)
    return [{ version, publishedAt: new Date(publishedAt).toISOString(), active, nodes }]
  })
  return { liveVersion, olderVersions: olderVersions.sort((a, b) => b.version - a.version) }
}
