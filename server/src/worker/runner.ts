import { randomUUID } from 'node:crypto'
import { CompiledJourneyCache, canEnter, type SendPolicies, type StepInput, start, step, triggerForEvent } from '@recall/engine'
import type { JourneyDocument } from '@recall/shared'
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, enrollments, events, journeys, journeyVersions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { settingsRepository } from '../repositories/settings'
import { type Executor, lockContactView, type StoredContactView } from './contact-view'
import { DEFAULT_PRICING, type Pricing, persistStep } from './persist-step'

export interface RunnerOptions {
  /** Injected so tests and the demo can run on a simulated or accelerated clock. */
  clock: () => number
  pricing?: Pricing
}

export interface IncomingEvent {
  /** The contact's external id. */
  contactId: string
  name: string
  properties?: Record<string, unknown>
  /** ISO instant; the time of ingestion when absent. */
  occurredAt?: string
}

export const MAX_EVENTS_PER_BATCH = 10_000
/** Workers LISTEN here; a transaction that creates work NOTIFYs on commit. */
export const WORK_CHANNEL = 'recall_work'
/** Enrollments one worker claims per transaction. */
export const CLAIM_BATCH = 100

/** Delivered when the transaction commits, so a worker never looks before the rows are there. */
async function notifyWork(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`)
}

interface LiveVersion {
  journeyId: string
  version: number
  document: JourneyDocument
}

/**
 * Runs published journeys against stored contacts with the engine's decisions as they are:
 * entries on events, wakes when waits end, goals and wait-for-event on incoming events. Each
 * batch is one transaction: states, timelines and outbox rows commit together.
 */
export function journeyRunner(db: Database, options: RunnerOptions) {
  const cache = new CompiledJourneyCache()
  const documents = new Map<string, JourneyDocument>()
  const pricing = options.pricing ?? DEFAULT_PRICING

  async function compiled(tx: Executor, journeyId: string, version: number) {
    const key = `${journeyId}@${version}`
    let document = documents.get(key)
    if (!document) {
      const [row] = await tx
        .select({ document: journeyVersions.document })
        .from(journeyVersions)
        .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, version)))
      if (!row) throw new Error(`journey version ${key} is missing`)
      document = row.document
      documents.set(key, document)
    }
    return cache.get(key, document)
  }

  async function liveVersions(tx: Executor): Promise<LiveVersion[]> {
    return tx
      .select({ journeyId: journeys.id, version: journeyVersions.version, document: journeyVersions.document })
      .from(journeys)
      .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
      .where(eq(journeys.status, 'live'))
  }

  async function enter(tx: Executor, policies: SendPolicies, live: LiveVersion, contact: StoredContactView, triggerNodeId: string, now: number): Promise<boolean> {
    const history = await tx
      .select({ enteredAt: enrollments.enteredAt, exitedAt: enrollments.exitedAt })
      .from(enrollments)
      .where(and(eq(enrollments.journeyId, live.journeyId), eq(enrollments.contactId, contact.rowId)))
    const decision = canEnter(
      live.document.settings.entry,
      history.map((row) => ({ enteredAt: row.enteredAt.getTime(), exitedAt: row.exitedAt?.getTime() })),
      now,
    )
    if (!decision.allowed) return false
    const enrollmentId = randomUUID()
    const result = start(await compiled(tx, live.journeyId, live.version), { enrollmentId, triggerNodeId, version: String(live.version), contact, policies, now })
    await tx
      .insert(enrollments)
      .values({ id: enrollmentId, journeyId: live.journeyId, version: live.version, contactId: contact.rowId, status: 'active', state: result.state, enteredAt: new Date(now) })
    await persistStep(tx, result, contact, pricing, now)
    return true
  }

  async function stepEnrollment(
    tx: Executor,
    policies: SendPolicies,
    row: { id: string; journeyId: string; version: number; state: typeof enrollments.$inferSelect.state },
    contact: StoredContactView,
    input: StepInput,
    now: number,
  ) {
    const result = step(await compiled(tx, row.journeyId, row.version), row.state, input, { contact, policies, now })
    await persistStep(tx, result, contact, pricing, now)
  }

  return {
    /** The runner's clock, for reads that judge "now" the same way (segment counts, monitoring). */
    clock: options.clock,

    /**
     * Stores a batch of events and acts on them: entries through event triggers, goals,
     * wait-for-event, coupon redemptions. All or nothing: an unknown contact refuses the batch.
     */
    async ingestEvents(batch: readonly IncomingEvent[]): Promise<{ accepted: number; entered: number }> {
      if (batch.length > MAX_EVENTS_PER_BATCH)
        throw new ApiError(413, 'too_many_events', { en: `At most ${MAX_EVENTS_PER_BATCH} events per request`, zh: `每次最多提交 ${MAX_EVENTS_PER_BATCH} 个事件` })
      const now = options.clock()
      return db.transaction(async (tx) => {
        const known = await tx
          .select({ id: contacts.id, externalId: contacts.externalId })
          .from(contacts)
          .where(inArray(contacts.externalId, [...new Set(batch.map((event) => event.contactId))]))
        const idOf = new Map(known.map((contact) => [contact.externalId, contact.id]))
        const problems = batch.flatMap((event, index) =>
          idOf.has(event.contactId)
            ? []
            : [
                {
                  code: 'event.unknown_contact',
                  severity: 'error' as const,
                  path: `/${index}/contactId`,
                  message: { en: `No contact "${event.contactId}"`, zh: `联系人 "${event.contactId}" 不存在` },
                },
              ],
        )
        if (problems.length > 0)
          throw new ApiError(400, 'invalid_events', { en: `${problems.length} event(s) are invalid; none were stored`, zh: `${problems.length} 个事件有误,均未保存` }, problems)
        const live = await liveVersions(tx)
        const policies = await settingsRepository(tx).policies()
        // Lock contacts in one global order so concurrent batches and workers cannot deadlock.
        const ordered = batch
          .map((event) => ({ ...event, internalId: idOf.get(event.contactId) as string, at: event.occurredAt ? Date.parse(event.occurredAt) : now }))
          .sort((a, b) => a.internalId.localeCompare(b.internalId) || a.at - b.at)
        let entered = 0
        for (const event of ordered) {
          await tx.insert(events).values({ contactId: event.internalId, name: event.name, properties: event.properties ?? null, occurredAt: new Date(event.at) })
          const contact = await lockContactView(tx, event.internalId, now)
          if (!contact) continue
          const active = await tx
            .select()
            .from(enrollments)
            .where(and(eq(enrollments.contactId, contact.rowId), eq(enrollments.status, 'active')))
          for (const row of active) {
            if (!live.some((journey) => journey.journeyId === row.journeyId)) continue
            await stepEnrollment(tx, policies, row, contact, { type: 'event', name: event.name, ...(event.properties ? { properties: event.properties } : {}) }, now)
          }
          for (const journey of live) {
            const trigger = triggerForEvent(journey.document, event.name, event.properties)
            if (trigger && (await enter(tx, policies, journey, contact, trigger.id, now))) entered += 1
          }
        }
        await notifyWork(tx)
        return { accepted: batch.length, entered }
      })
    },

    /** Claims due enrollments of live journeys (SKIP LOCKED, so workers share the work) and wakes them. */
    async processDue(limit = CLAIM_BATCH): Promise<number> {
      const now = options.clock()
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: enrollments.id, journeyId: enrollments.journeyId, version: enrollments.version, contactId: enrollments.contactId, state: enrollments.state })
          .from(enrollments)
          .innerJoin(journeys, eq(journeys.id, enrollments.journeyId))
          .where(and(eq(enrollments.status, 'active'), lte(enrollments.nextWakeAt, new Date(now)), eq(journeys.status, 'live')))
          .orderBy(asc(enrollments.nextWakeAt))
          .limit(limit)
          .for('update', { of: enrollments, skipLocked: true })
        const policies = due.length > 0 ? await settingsRepository(tx).policies() : undefined
        for (const row of [...due].sort((a, b) => a.contactId.localeCompare(b.contactId))) {
          const contact = await lockContactView(tx, row.contactId, now)
          if (contact && policies) await stepEnrollment(tx, policies, row, contact, { type: 'wake' }, now)
        }
        return due.length
      })
    },

    /** Enrolls contacts by hand or from an import ("added by API" triggers). */
    async enrollByApi(journeyId: string, externalIds: readonly string[]): Promise<number> {
      const now = options.clock()
      return db.transaction(async (tx) => {
        const live = (await liveVersions(tx)).find((journey) => journey.journeyId === journeyId)
        const policies = await settingsRepository(tx).policies()
        const trigger = live?.document.nodes.find((node) => node.type === 'trigger' && node.data.on === 'api')
        if (!live || !trigger)
          throw new ApiError(409, 'no_api_trigger', { en: 'The journey is not live or has no "added by API" trigger', zh: '旅程未上线,或没有"通过 API 加入"的触发节点' })
        const rows = await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(inArray(contacts.externalId, [...externalIds]))
          .orderBy(asc(contacts.id))
        let entered = 0
        for (const row of rows) {
          const contact = await lockContactView(tx, row.id, now)
          if (contact && (await enter(tx, policies, live, contact, trigger.id, now))) entered += 1
        }
        await notifyWork(tx)
        return entered
      })
    },

    /** The earliest wake of a live journey's enrollment, so an idle worker sleeps until then. */
    async nextWakeAt(): Promise<number | undefined> {
      const [row] = await db
        .select({ at: sql<Date | null>`min(${enrollments.nextWakeAt})` })
        .from(enrollments)
        .innerJoin(journeys, eq(journeys.id, enrollments.journeyId))
        .where(and(eq(enrollments.status, 'active'), eq(journeys.status, 'live')))
      return row?.at ? new Date(row.at).getTime() : undefined
    },

    /** How many active enrollments wait per node, for monitoring and tests. */
    async nodeCounts(journeyId: string): Promise<Record<string, number>> {
      const rows = await db
        .select({ nodeId: enrollments.nodeId, count: sql<number>`count(*)::int` })
        .from(enrollments)
        .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active')))
        .groupBy(enrollments.nodeId)
      return Object.fromEntries(rows.map((row) => [row.nodeId ?? '', row.count]))
    },
  }
}

export type JourneyRunner = ReturnType<typeof journeyRunner>
