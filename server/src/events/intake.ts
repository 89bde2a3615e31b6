import { randomUUID } from 'node:crypto'
import { error, normalizedExternalId, type Problem } from '@recall/shared'
import { anyOf } from '../db/any-of'
import { insertRows } from '../db/json-rows'
import { contacts, events } from '../db/schema/index'
import { workspaceSettingsRepository } from '../repositories/workspace-settings'
import type { Executor } from '../worker/contact-view'
import { eventTime, startsJourneys } from '../worker/event-time'
import { claimMessageIds } from './receipts'

export interface IncomingEvent {
  /** The contact's external id (Segment's userId). */
  contactId: string
  name: string
  properties?: Record<string, unknown>
  /** ISO instant the event happened; the time of ingestion when absent. */
  occurredAt?: string
  /** The sender's id for the event; a repeat within the retention window is ignored. */
  messageId?: string
}

/** What became of one event of a batch, by its index in the batch. */
export interface EventOutcome {
  index: number
  status: 'accepted' | 'duplicate' | 'refused'
  problems?: Problem[]
  /** An accepted event older than the workspace's late-event bound: stored, but it starts no journey. */
  late?: true
  note?: { en: string; zh: string }
}

/** Why an accepted event started nothing, so a sender replaying old events is not left guessing. */
function lateNote(lateEventHours: number): Pick<EventOutcome, 'late' | 'note'> {
  return {
    late: true,
    note: {
      en: `Stored; it happened more than ${lateEventHours} h ago, so it starts no journey (it still counts for segments and for journeys the contact is already in)`,
      zh: `已保存;该事件发生于 ${lateEventHours} 小时之前,因此不会触发任何旅程(仍计入分群,也仍作用于联系人已在其中的旅程)`,
    },
  }
}

export interface IntakeSummary {
  accepted: number
  duplicates: number
  refused: number
  /** Bare contacts created for user ids seen for the first time. */
  created: number
  events: EventOutcome[]
}

/** An accepted event with its contact's row id, its own time and whether it may start journeys. */
export type ReadyEvent = IncomingEvent & { rowId: string; at: number; startsJourneys: boolean }

export interface IntakeOptions {
  /** How the sender named the contact field, for refusals (`userId` for identify/track). */
  contactField?: string
  /** The event's index in the sender's batch, when the events are part of a larger one (identify and track mixed). */
  indexOf?: (index: number) => number
  /** The event's path in the request, for refusals; `/<index>` by default. */
  pathOf?: (index: number) => string
  /**
   * The caller may not learn which contacts exist (it lacks contacts:read): an event for an unknown
   * contact that the workspace refuses is dropped but answered as an accepted one, its id claimed
   * as one, so neither its answer nor a retry's tells a known contact from an unknown one.
   */
  masksContacts?: boolean
}

/** Contacts by external id, of those that exist. */
async function knownContacts(tx: Executor, externalIds: readonly string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map()
  const known = await tx
    .select({ id: contacts.id, externalId: contacts.externalId })
    .from(contacts)
    .where(anyOf(contacts.externalId, [...externalIds]))
  return new Map(known.map((row) => [row.externalId, row.id]))
}

/** Bare contacts (no phone, no consent) for ids never seen, added to `idOf`; returns how many this batch created. */
async function createContacts(tx: Executor, externalIds: readonly string[], idOf: Map<string, string>): Promise<number> {
  if (externalIds.length === 0) return 0
  const created = await tx
    .insert(contacts)
    .values(externalIds.map((externalId) => ({ id: randomUUID(), externalId, consent: false })))
    .onConflictDoNothing()
    .returning({ id: contacts.id, externalId: contacts.externalId })
  for (const row of created) idOf.set(row.externalId, row.id)
  // A concurrent batch created the rest between our read and our insert.
  const raced = externalIds.filter((id) => !idOf.has(id))
  for (const [externalId, id] of await knownContacts(tx, raced)) idOf.set(externalId, id)
  return created.length
}

/**
 * Decides each event of a batch on its own, so one unknown contact or one retried event never
 * refuses the rest: events for unknown contacts create a bare contact or are refused (workspace
 * setting; dropped and answered as accepted for a caller that may not learn which contacts exist),
 * events whose message id was already seen are acknowledged and ignored.
 */
export async function takeInEvents(
  tx: Executor,
  sent: readonly IncomingEvent[],
  now: number,
  options: IntakeOptions = {},
): Promise<{ ready: ReadyEvent[]; summary: IntakeSummary }> {
  // Every event path (/events, track, batch) comes through here: an id sent decomposed finds the contact imported composed.
  const incoming = sent.map((event) => ({ ...event, contactId: normalizedExternalId(event.contactId) }))
  const workspace = await workspaceSettingsRepository(tx).load()
  const idOf = await knownContacts(tx, [...new Set(incoming.map((event) => event.contactId))])
  const createsContacts = workspace.unknownContacts === 'create'
  const field = options.contactField ?? 'contactId'
  const indexOf = options.indexOf ?? ((index: number) => index)
  const pathOf = options.pathOf ?? ((index: number) => `/${index}`)
  const outcomes: EventOutcome[] = []
  const candidates: { event: IncomingEvent; index: number; dropped?: true }[] = []
  incoming.forEach((event, index) => {
    if (idOf.has(event.contactId) || createsContacts) candidates.push({ event, index })
    else if (options.masksContacts) candidates.push({ event, index, dropped: true })
    else
      outcomes.push({
        index: indexOf(index),
        status: 'refused',
        problems: [
          error('event.unknown_contact', `${pathOf(index)}/${field}`, {
            en: `No contact "${event.contactId}"; identify it first (this workspace does not create contacts from events)`,
            zh: `联系人 "${event.contactId}" 不存在;请先 identify(本工作区不从事件自动创建联系人)`,
          }),
        ],
      })
  })
  // Refused events claim no id, so a sender may retry them once the contact exists.
  const fresh = await claimMessageIds(
    tx,
    candidates.flatMap(({ event }) => (event.messageId ? [event.messageId] : [])),
  )
  const taken: typeof candidates = []
  for (const candidate of candidates) {
    const { messageId } = candidate.event
    if (messageId !== undefined) {
      if (!fresh.has(messageId)) {
        outcomes.push({ index: indexOf(candidate.index), status: 'duplicate' })
        continue
      }
      // The same id twice in one batch: the first counts.
      fresh.delete(messageId)
    }
    taken.push(candidate)
  }
  // Only events taken in make contacts: a retried (duplicate) event leaves no contact behind.
  const created = await createContacts(tx, [...new Set(taken.flatMap(({ event, dropped }) => (dropped || idOf.has(event.contactId) ? [] : [event.contactId])))], idOf)
  const ready: ReadyEvent[] = []
  for (const { event, index, dropped } of taken) {
    const at = eventTime(event.occurredAt, now)
    const starts = startsJourneys(at, now, workspace.lateEventHours)
    if (!dropped) ready.push({ ...event, rowId: idOf.get(event.contactId) as string, at, startsJourneys: starts })
    outcomes.push({ index: indexOf(index), status: 'accepted', ...(starts ? {} : lateNote(workspace.lateEventHours)) })
  }
  outcomes.sort((a, b) => a.index - b.index)
  const count = (status: EventOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length
  return { ready, summary: { accepted: count('accepted'), duplicates: count('duplicate'), refused: count('refused'), created, events: outcomes } }
}

/** Stores the events taken in, with one statement (their rows as one JSON parameter). */
export async function storeEvents(tx: Executor, ready: readonly ReadyEvent[]): Promise<void> {
  if (ready.length === 0) return
  await tx.execute(
    insertRows(
      events,
      ready.map((event) => ({
        contact_id: event.rowId,
        name: event.name,
        properties: event.properties ?? null,
        occurred_at: new Date(event.at).toISOString(),
        message_id: event.messageId ?? null,
      })),
      { contact_id: 'text', name: 'text', properties: 'jsonb', occurred_at: 'timestamptz', message_id: 'text' },
    ),
  )
}
