import { type LiveSnapshot, type NodeSnapshot, normalizedExternalId, storedActorText, wilsonInterval } from '@recall/shared'
import { and, asc, eq, gt, gte, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, coupons, enrollments, journeys, journeyVersions, messages, stepLog } from '../db/schema/index'
import { refusalError } from '../plugins/errors'
import { queuedPerTrigger } from '../worker/entry-queue'
import { contactMatching } from './contact-search'
import { journeyNotFound } from './journey-refusals'
import { addStatus, countsFromRows, emptyCounts, type JourneyCounts, liveCountsOf, nodeCounts, setWaiting } from './live-counts'
import { splitByVersion } from './live-versions'
import { stoppedStepsRepository } from './stopped-steps'
import { writeLineForEach } from './timeline'
import { workspaceSettingsRepository } from './workspace-settings'

/**
 * A node the journey has or had (its draft or any published version: contacts may still wait at a
 * node a later version removed), or of the given version, or 404 naming what is unknown: an empty
 * page would read as "nobody waits there" for a typo.
 */
async function nodeOrNotFound(db: Database, journeyId: string, nodeId: string, version: number | undefined): Promise<void> {
  const node = JSON.stringify([{ id: nodeId }])
  const inVersion = (alsoVersion: SQL) =>
    sql`exists (select 1 from ${journeyVersions} where ${journeyVersions.journeyId} = ${journeys.id} and ${alsoVersion} and ${journeyVersions.document} -> 'nodes' @> ${node}::jsonb)`
  const [found] = await db
    .select({
      version:
        version === undefined
          ? sql<boolean>`true`
          : sql<boolean>`exists (select 1 from ${journeyVersions} where ${journeyVersions.journeyId} = ${journeys.id} and ${journeyVersions.version} = ${version})`,
      node:
        version === undefined ? sql<boolean>`(${journeys.draft} -> 'nodes' @> ${node}::jsonb) or ${inVersion(sql`true`)}` : inVersion(sql`${journeyVersions.version} = ${version}`),
    })
    .from(journeys)
    .where(eq(journeys.id, journeyId))
  if (!found) throw journeyNotFound(journeyId)
  if (!found.version)
    throw refusalError({
      status: 404,
      code: 'version_not_found',
      path: '/querystring/version',
      text: { en: `Journey "${journeyId}" has no version ${version}`, zh: `旅程 "${journeyId}" 没有第 ${version} 版` },
    })
  if (!found.node)
    throw refusalError({
      status: 404,
      code: 'node_not_found',
      path: '/params/nodeId',
      text:
        version === undefined
          ? { en: `Journey "${journeyId}" has no node "${nodeId}"`, zh: `旅程 "${journeyId}" 中没有节点 "${nodeId}"` }
          : { en: `Version ${version} of journey "${journeyId}" has no node "${nodeId}"`, zh: `旅程 "${journeyId}" 的第 ${version} 版中没有节点 "${nodeId}"` },
    })
}

/** Rates mean little on a handful of messages. */
const MIN_FOR_RATES = 20

/** What a running journey is doing: contacts per node, each send node's funnel, and the alarms. */
export function monitoringRepository(db: Database) {
  return {
    async snapshot(journeyId: string, since?: Date): Promise<LiveSnapshot> {
      const thresholds = await workspaceSettingsRepository(db).load()
      // Since launch comes from the running totals; a range is counted from the rows themselves.
      const counts = since ? await recount(db, journeyId, since) : countsFromRows(await liveCountsOf(db, journeyId))
      const { liveVersion, olderVersions } = await splitByVersion(db, journeyId, counts)
      // Contacts queued behind a throttled trigger wait there, whatever the range.
      for (const [triggerId, queued] of Object.entries(await queuedPerTrigger(db, journeyId))) nodeCounts(counts, triggerId).queued = queued
      const { nodes, edges, messaged, optedOut } = counts
      const sum = (field: Exclude<keyof NodeSnapshot, 'queued'>) => Object.values(nodes).reduce((total, node) => total + node[field], 0)
      // Everyone in the journey, whichever version they are on.
      const active = sum('active') + olderVersions.reduce((total, older) => total + older.active, 0)
      const totals = { active, sent: sum('sent'), delivered: sum('delivered'), clicked: sum('clicked'), failed: sum('failed'), redeemed: sum('redeemed') }
      const verdicts = totals.delivered + totals.failed
      const deliveryRate = verdicts >= MIN_FOR_RATES ? totals.delivered / verdicts : null
      const unsubscribeRate = messaged >= MIN_FOR_RATES ? optedOut / messaged : null
      const alarms: LiveSnapshot['alarms'] = []
      // Only when the numbers show it beyond chance: the whole likely range is past the threshold.
      if (deliveryRate !== null && wilsonInterval({ successes: totals.delivered, trials: verdicts }).upper < thresholds.deliveryRateMin)
        alarms.push({ code: 'delivery_rate', value: deliveryRate, threshold: thresholds.deliveryRateMin })
      if (unsubscribeRate !== null && wilsonInterval({ successes: optedOut, trials: messaged }).lower > thresholds.unsubscribeRateMax)
        alarms.push({ code: 'unsubscribe_rate', value: unsubscribeRate, threshold: thresholds.unsubscribeRateMax })
      // Contacts stopped now, whatever the range: like those queued, they wait for someone.
      const stopped = await stoppedStepsRepository(db).count(journeyId)
      if (stopped > 0) alarms.push({ code: 'stopped_steps', value: stopped, threshold: 0 })
      return {
        thresholds: { deliveryRateMin: thresholds.deliveryRateMin, unsubscribeRateMax: thresholds.unsubscribeRateMax },
        liveVersion,
        nodes,
        olderVersions,
        edges,
        totals: { ...totals, messaged, optedOut, deliveryRate, unsubscribeRate },
        alarms,
      }
    },

    /**
     * Contacts waiting at a node, a page at a time (keyset on the enrollment id), searchable by id,
     * name or phone; those on one version only when it is given, as the canvas counts them.
     */
    async contactsAt(journeyId: string, nodeId: string, options: { search?: string | undefined; after?: string | undefined; version?: number | undefined; limit: number }) {
      await nodeOrNotFound(db, journeyId, nodeId, options.version)
      const rows = await db
        .select({
          enrollmentId: enrollments.id,
          externalId: contacts.externalId,
          phone: contacts.phone,
          name: sql<string | null>`${contacts.attributes} ->> 'name'`,
          version: enrollments.version,
          enteredAt: enrollments.enteredAt,
          nextWakeAt: enrollments.nextWakeAt,
        })
        .from(enrollments)
        .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
        .where(
          and(
            eq(enrollments.journeyId, journeyId),
            eq(enrollments.status, 'active'),
            eq(enrollments.nodeId, nodeId),
            options.version === undefined ? undefined : eq(enrollments.version, options.version),
            options.after ? gt(enrollments.id, options.after) : undefined,
            contactMatching(options.search),
          ),
        )
        .orderBy(asc(enrollments.id))
        .limit(options.limit)
      return { contacts: rows, next: rows.length === options.limit ? (rows.at(-1)?.enrollmentId ?? null) : null }
    },

    /** Takes a contact out of a journey now; the timeline says who did. */
    async remove(journeyId: string, externalId: string, by: string, now: number) {
      return db.transaction(async (tx) => {
        const [contact] = await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(eq(contacts.externalId, normalizedExternalId(externalId)))
          .for('update')
        const [removed] = contact
          ? await tx
              .update(enrollments)
              .set({ status: 'exited', exitReason: 'removed', exitedAt: new Date(now), nextWakeAt: null })
              .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.contactId, contact.id), eq(enrollments.status, 'active')))
              .returning({ id: enrollments.id, nodeId: enrollments.nodeId })
          : []
        if (!removed)
          throw refusalError({
            status: 404,
            code: 'not_in_journey',
            path: '/params/externalId',
            text: { en: `"${externalId}" is not in this journey now`, zh: `"${externalId}" 当前不在此旅程中` },
          })
        const remover = storedActorText(by)
        await writeLineForEach(tx, [removed], {
          at: now,
          kind: 'exited',
          message: { en: `exited: removed by ${remover.en}`, zh: `已退出:由 ${remover.zh} 移出旅程` },
          detail: 'removed',
        })
        return { removed: 1 }
      })
    },
  }
}

/** Counts over the rows themselves, for a range of time (messages created, coupons redeemed, steps taken since then). */
export async function recount(db: Database, journeyId: string, since?: Date): Promise<JourneyCounts> {
  const counts = emptyCounts()
  const active = await db
    .select({ version: enrollments.version, nodeId: enrollments.nodeId, count: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active')))
    .groupBy(enrollments.version, enrollments.nodeId)
  for (const row of active) if (row.nodeId) setWaiting(counts, row.version, row.nodeId, row.count)
  const statuses = await db
    .select({ nodeId: messages.nodeId, status: messages.status, count: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.journeyId, journeyId), eq(messages.test, false), since ? gte(messages.createdAt, since) : undefined))
    .groupBy(messages.nodeId, messages.status)
  for (const row of statuses) addStatus(nodeCounts(counts, row.nodeId), row.status, row.count)
  const redeemed = await db
    .select({ nodeId: coupons.nodeId, count: sql<number>`count(*)::int` })
    .from(coupons)
    .where(and(eq(coupons.journeyId, journeyId), eq(coupons.status, 'redeemed'), since ? gte(coupons.redeemedAt, since) : undefined))
    .groupBy(coupons.nodeId)
  for (const row of redeemed) if (row.nodeId) nodeCounts(counts, row.nodeId).redeemed = row.count
  const [audience] = await db
    .select({ messaged: sql<number>`count(distinct ${messages.contactId})::int` })
    .from(messages)
    .where(and(eq(messages.journeyId, journeyId), eq(messages.test, false), since ? gte(messages.createdAt, since) : undefined))
  counts.messaged = audience?.messaged ?? 0
  const [optedOut] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.exitReason, 'opted_out'), since ? gte(enrollments.exitedAt, since) : undefined))
  counts.optedOut = optedOut?.count ?? 0
  // Every step into a node names the connection it came along; a step counts from its first line's time.
  const edge = sql<string>`edge`
  const travelled = await db
    .select({ edgeId: edge, count: sql<number>`count(*)::int` })
    .from(stepLog)
    .innerJoin(enrollments, eq(enrollments.id, stepLog.enrollmentId))
    .innerJoin(sql`unnest(${stepLog.edges}) as edge`, sql`true`)
    .where(and(eq(enrollments.journeyId, journeyId), since ? gte(stepLog.at, since) : undefined))
    .groupBy(edge)
  for (const row of travelled) counts.edges[row.edgeId as string] = row.count
  return counts
}
