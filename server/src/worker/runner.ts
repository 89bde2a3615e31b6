import { randomUUID } from 'node:crypto'
import {
  CompiledJourneyCache,
  canEnter,
  type EnrollmentState,
  hasEntryThrottle,
  type PastEnrollment,
  type SendPolicies,
  type StepInput,
  start,
  step,
  triggerForEvent,
} from '@recall/engine'
import { byCodeUnits, type JourneyDocument } from '@recall/shared'
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import { countEvents } from '../catalog/catalog'
import { anyOf } from '../db/any-of'
import type { Database } from '../db/database'
import { type EnrollmentColumns, enrollmentState, stateColumns } from '../db/enrollment-state'
import { contacts, enrollments, journeys, journeyVersions } from '../db/schema/index'
import { type IncomingEvent, type IntakeOptions, type IntakeSummary, storeEvents, takeInEvents } from '../events/intake'
import { ApiError } from '../plugins/errors'
import { sendPolicies } from '../providers/send-rules'
import { journeyNotFound } from '../repositories/journey-refusals'
import { liveCountsOf } from '../repositories/live-counts'
import { workspaceSettingsRepository } from '../repositories/workspace-settings'
import { type Executor, lockContactViews, recordSends, type StoredContactView } from './contact-view'
import { consumePoolCodes, couponCodesLeft, markRedeemed } from './coupons'
import { claimDueEntries, nextAdmissionAt, queuedPerTrigger, throttleEntry } from './entry-queue'
import { reachesEnrollment } from './event-time'
import { recordEntryFailure, recordStepFailure } from './failing-steps'
import { type FailureReporter, inIsolation, isDatabaseTrouble, isolateFailures } from './isolation'
import { installLinkCodes } from './link-codes'
import { nextLiveWake } from './next-wake'
import { scanMemory } from './scan-memory'
import { dueScheduledEntries } from './scheduled-entries'
import { type Pricing, stepWriter } from './step-writer'
import { chunksByContact, writeQueue, yieldToIo } from './write-queue'

export interface RunnerOptions {
  /** Injected so tests and the demo can run on a simulated or accelerated clock. */
  clock: () => number
  pricing?: Pricing
  /** Real milliseconds per journeys' millisecond (1 unless the demo clock runs faster): a failing step waits real time before its next try. */
  realPerSimulated?: number
  /** Told of each step or entry that failed alone while the rest of its batch went ahead. */
  onFailure?: FailureReporter
}

export type { IncomingEvent } from '../events/intake'

/** Work done in the events' transaction before they are taken in (identify calls of the same batch). */
export interface IngestOptions extends IntakeOptions {
  before?: (tx: Executor) => Promise<void>
}

export const MAX_EVENTS_PER_BATCH = 10_000
/** Workers LISTEN here; a transaction that creates work NOTIFYs on commit. */
export const WORK_CHANNEL = 'recall_work'
/** Enrollments one worker claims per transaction. */
export const CLAIM_BATCH = 500
/** Ids per lookup (one array parameter each): keeps one statement's list and answer bounded however many contacts a call names. */
const IDS_PER_QUERY = 10_000
/** Events computed per write of an ingestion: small enough that writing one overlaps computing the next, large enough that each statement's fixed cost stays small. */
const EVENTS_PER_WRITE = 2_000
/** Events computed between two chances for a queued write to send its next statement. */
const EVENTS_BETWEEN_YIELDS = 200

/** Delivered when the transaction commits, so a worker never looks before the rows are there. */
async function notifyWork(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`)
}

interface LiveVersion {
  journeyId: string
  version: number
  document: JourneyDocument
}

/** What one batch of steps sends with: read once, in the batch's transaction. */
interface BatchSettings {
  policies: SendPolicies
  pricing: Pricing
  linkCode: (key: string) => string
}

type ActiveEnrollment = { id: string; journeyId: string; version: number; contactId: string; state: EnrollmentState }

const activeEnrollment = (row: EnrollmentColumns & { contactId: string }): ActiveEnrollment => ({
  id: row.id,
  journeyId: row.journeyId,
  version: row.version,
  contactId: row.contactId,
  state: enrollmentState(row),
})

/**
 * Runs published journeys against stored contacts with the engine's decisions as they are:
 * entries on events, wakes when waits end, goals and wait-for-event on incoming events. Work is
 * done per batch in one transaction: contacts locked together, states, timelines and outbox rows
 * written with one statement per table.
 */
export function journeyRunner(db: Database, options: RunnerOptions) {
  const cache = new CompiledJourneyCache()
  const documents = new Map<string, JourneyDocument>()
  // What the segment and date scans judged, so each judges again only the contacts that may have moved.
  const scans = scanMemory()

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

  /** Past and active enrollments of these contacts in these journeys, for entry rules. */
  async function entryHistory(tx: Executor, journeyIds: string[], contactIds: string[]): Promise<Map<string, PastEnrollment[]>> {
    const history = new Map<string, PastEnrollment[]>()
    if (journeyIds.length === 0) return history
    for (let index = 0; index < contactIds.length; index += IDS_PER_QUERY) {
      const rows = await tx
        .select({ journeyId: enrollments.journeyId, contactId: enrollments.contactId, enteredAt: enrollments.enteredAt, exitedAt: enrollments.exitedAt })
        .from(enrollments)
        .where(and(inArray(enrollments.journeyId, journeyIds), anyOf(enrollments.contactId, contactIds.slice(index, index + IDS_PER_QUERY))))
      for (const row of rows) {
        const key = `${row.journeyId}|${row.contactId}`
        history.set(key, [...(history.get(key) ?? []), { enteredAt: row.enteredAt.getTime(), exitedAt: row.exitedAt?.getTime() }])
      }
    }
    return history
  }

  /**
   * The proposed contacts whose entry history lets them in now. A segment's members are proposed at
   * every scan, and nearly all of them are already in the journey (or may not come back): locking
   * and reading all of them was most of an idle server's work. Read before the lock, so a contact
   * whose enrollment ends meanwhile enters at the next scan instead; the entry itself still checks
   * the history read under the lock.
   */
  async function mayEnter(tx: Executor, journey: LiveVersion, contactIds: string[], now: number): Promise<string[]> {
    const history = await entryHistory(tx, [journey.journeyId], contactIds)
    return contactIds.filter((id) => canEnter(journey.document.settings.entry, history.get(`${journey.journeyId}|${id}`) ?? [], now).allowed)
  }

  /** The workspace's send policies (with the coupon codes each pool has left), prices and keyed short link codes, for one batch. */
  async function batchSettings(tx: Executor): Promise<BatchSettings> {
    const policies = { ...(await sendPolicies(tx)), couponCodesLeft: await couponCodesLeft(tx) }
    const linkCode = await installLinkCodes(tx)
    if (options.pricing) return { policies, pricing: options.pricing, linkCode }
    const workspace = await workspaceSettingsRepository(tx).load()
    return { policies, pricing: { perPart: workspace.pricePerPart, perMms: workspace.pricePerMms }, linkCode }
  }

  /**
   * One batch's work: engine calls against in-memory views, then one write per table. Each call
   * reads the clock itself, after the caller has locked the contact: a send that another worker
   * committed while this one waited for the lock is then never later than this step's "now".
   */
  function batch(tx: Executor, { policies, pricing, linkCode }: BatchSettings) {
    const writer = stepWriter(pricing)
    return {
      /**
       * Enters a contact, at `at` when that is the earlier time of the event that triggered it;
       * `admitted`: a queued entry whose turn came, already counted by its trigger's throttle.
       */
      async enter(
        live: LiveVersion,
        contact: StoredContactView,
        triggerNodeId: string,
        history: Map<string, PastEnrollment[]>,
        { at, admitted = false }: { at?: number | undefined; admitted?: boolean } = {},
      ): Promise<boolean> {
        const now = options.clock()
        const enteredAt = Math.min(at ?? now, now)
        const key = `${live.journeyId}|${contact.rowId}`
        if (!canEnter(live.document.settings.entry, history.get(key) ?? [], enteredAt).allowed) return false
        if (!admitted && (await throttleEntry(tx, live, triggerNodeId, contact.rowId, now)) !== 'admit') return false
        const result = start(await compiled(tx, live.journeyId, live.version), {
          enrollmentId: randomUUID(),
          triggerNodeId,
          version: String(live.version),
          contact,
          policies,
          now,
          enteredAt,
          linkCode,
        })
        history.set(key, [...(history.get(key) ?? []), { enteredAt, exitedAt: result.state.status === 'exited' ? now : undefined }])
        recordSends(contact, result, now, { id: live.journeyId, name: live.document.name })
        consumePoolCodes(policies, result)
        writer.add(result, contact, now, true)
        return true
      },
      async step(row: ActiveEnrollment, contact: StoredContactView, input: StepInput): Promise<EnrollmentState> {
        const now = options.clock()
        const journey = await compiled(tx, row.journeyId, row.version)
        const result = step(journey, row.state, input, { contact, policies, now, linkCode })
        recordSends(contact, result, now, { id: row.journeyId, name: journey.document.name })
        consumePoolCodes(policies, result)
        writer.add(result, contact, now)
        return result.state
      },
      flush: () => writer.flush(tx),
    }
  }

  const realPerSimulated = options.realPerSimulated ?? 1
  const report: FailureReporter = (failure) => options.onFailure?.(failure)

  /** Enters contacts whose turn in a throttled trigger's queue has come, in queue order. */
  async function admitQueued(limit = CLAIM_BATCH): Promise<number> {
    const now = options.clock()
    return inIsolation<number>(
      db,
      (tx, claimed, only) => admitDue(tx, now, only?.length ?? limit, claimed, only),
      (entryId, error) => recordEntryFailure(db, { entryId, dueBy: now, now: options.clock(), realPerSimulated, error }),
      report,
    )
  }

  /** Enters the queued entries due at `now` (at most `limit`, or those of `only`), pushing their ids to `claimed`. */
  async function admitDue(tx: Executor, now: number, limit: number, claimed: number[], only?: readonly number[]): Promise<number> {
    const due = await claimDueEntries(tx, now, limit, only)
    claimed.push(...due.map((row) => row.id))
    if (due.length === 0) return 0
    const live = new Map((await liveVersions(tx)).map((journey) => [journey.journeyId, journey]))
    const ids = due.map((row) => row.contactId)
    const views = await lockContactViews(tx, [...new Set(ids)].sort(), now)
    const history = await entryHistory(tx, [...live.keys()], ids)
    const work = batch(tx, await batchSettings(tx))
    for (const row of due) {
      const journey = live.get(row.journeyId)
      const contact = views.get(row.contactId)
      // A version published meanwhile without this trigger has no door left for the contact.
      if (journey && contact && journey.document.nodes.some((node) => node.id === row.triggerNodeId))
        await work.enter(journey, contact, row.triggerNodeId, history, { admitted: true })
    }
    await work.flush()
    return due.length
  }

  /**
   * Wakes the due enrollments of live journeys (SKIP LOCKED, so workers share the work): at most
   * `limit` in wake order, or those of `only`; pushes their ids to `claimed` as it claims them.
   */
  async function wakeDue(tx: Executor, now: number, limit: number, claimed: string[], only?: readonly string[]): Promise<number> {
    const due = await tx
      .select({ ...stateColumns, contactId: enrollments.contactId })
      .from(enrollments)
      .innerJoin(journeys, eq(journeys.id, enrollments.journeyId))
      .where(and(eq(enrollments.status, 'active'), lte(enrollments.nextWakeAt, new Date(now)), eq(journeys.status, 'live'), only ? anyOf(enrollments.id, only) : undefined))
      .orderBy(asc(enrollments.nextWakeAt))
      .limit(limit)
      .for('update', { of: enrollments, skipLocked: true })
    claimed.push(...due.map((row) => row.id))
    if (due.length === 0) return 0
    const work = batch(tx, await batchSettings(tx))
    const views = await lockContactViews(
      tx,
      due.map((row) => row.contactId),
      now,
    )
    for (const row of [...due].sort((a, b) => byCodeUnits(a.contactId, b.contactId))) {
      const contact = views.get(row.contactId)
      if (contact) await work.step(activeEnrollment(row), contact, { type: 'wake' })
    }
    await work.flush()
    return due.length
  }

  /**
   * One scan's segment and date entries, in one transaction. `isolating` (the scan failed once): each
   * trigger's contacts enter in a savepoint of their own, halved down to those that fail alone, which
   * are skipped (and proposed again by the next scan) while everyone else enters.
   */
  async function scheduledEntries(isolating: boolean): Promise<number> {
    const now = options.clock()
    return db.transaction(async (tx) => {
      const live = await tx
        .select({ journeyId: journeys.id, version: journeyVersions.version, document: journeyVersions.document, publishedAt: journeyVersions.publishedAt })
        .from(journeys)
        .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
        .where(eq(journeys.status, 'live'))
      const skipped = (entry: { journeyId: string; triggerNodeId: string }, error: unknown) =>
        report({ kind: 'scheduled_entry', ids: { journeyId: entry.journeyId, nodeId: entry.triggerNodeId }, failures: 1, outcome: 'skipped', error })
      const settings = await batchSettings(tx)
      const due = await dueScheduledEntries(tx as unknown as Database, live, now, settings.policies.defaultTimeZone, scans, skipped)
      const work = batch(tx, settings)
      let entered = 0
      for (const entry of due) {
        const journey = live.find((candidate) => candidate.journeyId === entry.journeyId) as LiveVersion
        const candidates = (await mayEnter(tx, journey, entry.contactIds, now)).sort()
        if (candidates.length === 0) continue
        const enterAll = async (within: Executor, into: ReturnType<typeof batch>, ids: readonly string[]) => {
          const views = await lockContactViews(within, ids, now)
          const history = await entryHistory(within, [entry.journeyId], [...ids])
          let count = 0
          for (const id of ids) {
            const contact = views.get(id)
            if (contact && (await into.enter(journey, contact, entry.triggerNodeId, history))) count += 1
          }
          return count
        }
        if (!isolating) {
          entered += await enterAll(tx, work, candidates)
          continue
        }
        // Counted once its savepoint holds: a part rolled back entered nobody.
        const inSavepoint = async (ids: readonly string[]) => {
          entered += await tx.transaction(async (savepoint) => {
            const part = batch(savepoint, await batchSettings(savepoint))
            const count = await enterAll(savepoint, part, ids)
            await part.flush()
            return count
          })
        }
        await inSavepoint(candidates).catch((error: unknown) => isolateFailures(candidates, error, inSavepoint, async (_contact, cause) => skipped(entry, cause)))
      }
      await work.flush()
      return entered
    })
  }

  return {
    /** The runner's clock, for reads that judge "now" the same way (segment counts, monitoring). */
    clock: options.clock,

    /**
     * Stores a batch of events and acts on them: entries through event triggers, goals,
     * wait-for-event, coupon redemptions, each judged at the event's own time. Each event is
     * answered on its own (accepted, duplicate, refused) by its index.
     */
    async ingestEvents(incoming: readonly IncomingEvent[], ingest: IngestOptions = {}): Promise<IntakeSummary & { entered: number }> {
      if (incoming.length > MAX_EVENTS_PER_BATCH)
        throw new ApiError(413, 'too_many_events', { en: `At most ${MAX_EVENTS_PER_BATCH} events per request`, zh: `每次最多提交 ${MAX_EVENTS_PER_BATCH} 个事件` })
      const now = options.clock()
      return db.transaction(async (tx) => {
        await ingest.before?.(tx)
        const { ready, summary } = await takeInEvents(tx, incoming, now, ingest)
        const live = await liveVersions(tx)
        const settings = await batchSettings(tx)
        const ordered = ready.sort((a, b) => byCodeUnits(a.rowId, b.rowId) || a.at - b.at)
        const contactIds = [...new Set(ordered.map((event) => event.rowId))]
        const views = await lockContactViews(tx, contactIds, now)
        const active = new Map<string, ActiveEnrollment[]>()
        for (let index = 0; index < contactIds.length; index += IDS_PER_QUERY) {
          const rows = await tx
            .select({ ...stateColumns, contactId: enrollments.contactId })
            .from(enrollments)
            // A stopped one waits for a person (see failing-steps.ts): events do not move it either.
            .where(and(anyOf(enrollments.contactId, contactIds.slice(index, index + IDS_PER_QUERY)), eq(enrollments.status, 'active'), isNull(enrollments.stoppedAt)))
          for (const row of rows) active.set(row.contactId, [...(active.get(row.contactId) ?? []), activeEnrollment(row)])
        }
        const history = await entryHistory(
          tx,
          live.map((journey) => journey.journeyId),
          contactIds,
        )
        const liveIds = new Set(live.map((journey) => journey.journeyId))
        // Everything is read: from here on PostgreSQL writes one chunk while Node computes the next.
        // A throttled trigger locks its count while computing; a chunk written before it could hold
        // a shared row (a coupon alarm) first, an order no other writer takes: then one chunk.
        const writes = writeQueue()
        const chunkSize = live.some((journey) => hasEntryThrottle(journey.document)) ? Number.POSITIVE_INFINITY : EVENTS_PER_WRITE
        let entered = 0
        try {
          writes.add(async () => {
            await storeEvents(tx, ordered)
            await markRedeemed(tx, ordered)
          })
          for (const chunk of chunksByContact(ordered, chunkSize)) {
            const work = batch(tx, settings)
            for (const [index, event] of chunk.entries()) {
              if (index % EVENTS_BETWEEN_YIELDS === EVENTS_BETWEEN_YIELDS - 1) await yieldToIo()
              const contact = views.get(event.rowId)
              if (!contact) continue
              ;(contact.events as { name: string; at: number }[]).push({ name: event.name, at: event.at })
              const input: StepInput = { type: 'event', name: event.name, ...(event.properties ? { properties: event.properties } : {}) }
              for (const row of active.get(event.rowId) ?? []) {
                if (!liveIds.has(row.journeyId) || row.state.status !== 'active') continue
                const goal = (await compiled(tx, row.journeyId, row.version)).document.settings.goal?.event
                if (reachesEnrollment(row.state, goal, event)) row.state = await work.step(row, contact, input)
              }
              if (!event.startsJourneys) continue
              for (const journey of live) {
                const trigger = triggerForEvent(journey.document, event.name, event.properties)
                if (trigger && (await work.enter(journey, contact, trigger.id, history, { at: event.at }))) entered += 1
              }
            }
            writes.add(() => work.flush())
          }
        } catch (error) {
          await writes.settle()
          throw error
        }
        await writes.drain()
        // Last, after every contact lock: the per-day count rows are shared by every batch, so a
        // batch holds them only for its commit, and always after the contacts (the order of every
        // writer, so a batch that also identifies contacts cannot deadlock with one that does not).
        await countEvents(tx, ordered)
        await notifyWork(tx)
        return { ...summary, entered }
      })
    },

    /** Short-link clicks reported for messages, by contact row id, as `link_clicked` events. */
    async recordClicks(clicks: readonly { contactId: string; at: number }[]): Promise<void> {
      const rows = await db
        .select({ id: contacts.id, externalId: contacts.externalId })
        .from(contacts)
        .where(anyOf(contacts.id, [...new Set(clicks.map((click) => click.contactId))]))
      const externalOf = new Map(rows.map((row) => [row.id, row.externalId]))
      const events = clicks.flatMap((click) => {
        const contactId = externalOf.get(click.contactId)
        return contactId ? [{ contactId, name: 'link_clicked', occurredAt: new Date(click.at).toISOString() }] : []
      })
      if (events.length > 0) await this.ingestEvents(events)
    },

    admitQueued,

    /**
     * Claims due enrollments of live journeys and wakes them; queued entries first. A contact whose
     * step fails (the engine throws on its data, the write refuses its row) is found and tried again
     * later (see failing-steps.ts) while the rest of the batch goes ahead.
     */
    async processDue(limit = CLAIM_BATCH): Promise<number> {
      const admitted = await admitQueued(limit)
      const now = options.clock()
      const woke = await inIsolation<string>(
        db,
        (tx, claimed, only) => wakeDue(tx, now, only?.length ?? limit, claimed, only),
        (enrollmentId, error) => recordStepFailure(db, { enrollmentId, dueBy: now, now: options.clock(), realPerSimulated, error }),
        report,
      )
      return admitted + woke
    },

    /** Enrolls contacts by hand or from an import ("added by API" triggers). */
    async enrollByApi(journeyId: string, externalIds: readonly string[]): Promise<number> {
      const now = options.clock()
      return db.transaction(async (tx) => {
        const live = (await liveVersions(tx)).find((journey) => journey.journeyId === journeyId)
        const trigger = live?.document.nodes.find((node) => node.type === 'trigger' && node.data.on === 'api')
        if (!live) {
          // A journey that does not exist is not found, as on every route that names one; one not live is refused below.
          const [known] = await tx.select({ id: journeys.id }).from(journeys).where(eq(journeys.id, journeyId))
          if (!known) throw journeyNotFound(journeyId)
        }
        if (!live || !trigger)
          throw new ApiError(409, 'no_api_trigger', { en: 'The journey is not live or has no "added by API" trigger', zh: '旅程未上线,或没有"通过 API 加入"的触发节点' })
        const work = batch(tx, await batchSettings(tx))
        let entered = 0
        for (let index = 0; index < externalIds.length; index += IDS_PER_QUERY) {
          const rows = await tx
            .select({ id: contacts.id })
            .from(contacts)
            .where(anyOf(contacts.externalId, externalIds.slice(index, index + IDS_PER_QUERY)))
            .orderBy(asc(contacts.id))
          const ids = rows.map((row) => row.id)
          const views = await lockContactViews(tx, ids, now)
          const history = await entryHistory(tx, [journeyId], ids)
          for (const id of ids) {
            const contact = views.get(id)
            if (contact && (await work.enter(live, contact, trigger.id, history))) entered += 1
          }
        }
        await work.flush()
        await notifyWork(tx)
        return entered
      })
    },

    /**
     * Enters contacts through segment and date triggers: those now in the segment, and those whose
     * date came due since the last scan, each subject to the journey's entry rules. When a scan fails
     * (not for the database's sake) it runs again at once with each trigger's contacts isolated.
     */
    async enterScheduled(): Promise<number> {
      try {
        return await scheduledEntries(false)
      } catch (error) {
        if (isDatabaseTrouble(error)) throw error
        return scheduledEntries(true)
      }
    },

    /** The earliest wake of a live journey's enrollment or queued entry, so an idle worker sleeps until then. */
    async nextWakeAt(): Promise<number | undefined> {
      const [row] = await nextLiveWake(db)
      const wake = row?.at ? new Date(row.at).getTime() : undefined
      const admission = await nextAdmissionAt(db)
      return wake === undefined || admission === undefined ? (wake ?? admission) : Math.min(wake, admission)
    },

    /** How many active enrollments wait per node, whatever their version, for monitoring and tests: read from the running totals. */
    async nodeCounts(journeyId: string): Promise<Record<string, number>> {
      const counts: Record<string, number> = {}
      for (const row of await liveCountsOf(db, journeyId)) if (row.metric === 'active') counts[row.nodeId] = (counts[row.nodeId] ?? 0) + row.value
      // Contacts queued behind a throttled trigger are counted at the trigger.
      return { ...counts, ...(await queuedPerTrigger(db, journeyId)) }
    },
  }
}

export type JourneyRunner = ReturnType<typeof journeyRunner>
