import { journeyRunner, schema } from '@recall/server'
import type { JourneyDocument } from '@recall/shared'
import { and, asc, eq, lte, type SQL, sql } from 'drizzle-orm'
import { linearJourney, numberedContacts, setUpLiveJourneys } from './fixtures'
import type { DatabaseHandle } from './postgres'
import { exited, spawnWorker } from './workers'

const { enrollments, messages } = schema
const DAY = 86_400_000
const JOURNEYS = ['recall-a', 'recall-b', 'recall-c']

/** Three recall journeys that each send twice, a day apart: together they would break every cap. */
function recallJourney(id: string, onCapReached: 'skip' | 'hold'): JourneyDocument {
  const recallSms = (stepId: string, text: string) => ({ id: stepId, type: 'send_sms' as const, data: { text, category: 'recall' as const } })
  return linearJourney(
    id,
    [recallSms('first', `${id} 第一条`), { id: 'pause', type: 'wait', data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } }, recallSms('second', `${id} 第二条`)],
    { settings: { category: 'recall', onCapReached } },
  )
}

export async function setUpCapsScenario(handle: DatabaseHandle, contacts: number): Promise<void> {
  await setUpLiveJourneys(handle, [recallJourney('recall-a', 'skip'), recallJourney('recall-b', 'hold'), recallJourney('recall-c', 'skip')], numberedContacts('C', contacts, '137'))
}

export interface CapsOutcome {
  contacts: number
  /** Messages that reached the provider or may have: everything handed over, a carrier's later failure included (caps count those too). */
  handedOver: number
  cancelledAtSending: number
  duplicateKeys: number
  /** Contacts with 3 recall messages within 30 days, or 2 within a day. */
  capsExceeded: number
  /** Contacts that got at least the two messages the caps allow. */
  contactsWithBoth: number
}

/**
 * Runs `workers` worker processes against the scenario's database on a clock where a simulated
 * day takes 4 real seconds, enrols every contact in the three journeys at once while they run,
 * waits until three simulated days have passed and the work has caught up, and counts.
 */
export async function runCapsScenario(handle: DatabaseHandle, url: string, contacts: number, workers: number): Promise<CapsOutcome> {
  const speed = DAY / 4000
  const clockEnv = { RECALL_CLOCK_START: '2026-11-24T10:00:00+08:00', RECALL_CLOCK_SPEED: String(speed), RECALL_CLOCK_EPOCH: String(Date.now()) }
  const clock = () => Date.parse(clockEnv.RECALL_CLOCK_START) + (Date.now() - Number(clockEnv.RECALL_CLOCK_EPOCH)) * speed
  const children = Array.from({ length: workers }, () => spawnWorker(url, clockEnv))
  const runner = journeyRunner(handle.db, { clock })
  const ids = Array.from({ length: contacts }, (_, index) => `C-${index}`)
  // Enrol while the workers are already running, so they compete for the same contacts.
  await Promise.all(JOURNEYS.map((journeyId) => runner.enrollByApi(journeyId, ids)))
  const countOf = async (table: typeof enrollments | typeof messages, where: SQL | undefined) =>
    (await handle.db.select({ count: sql<number>`count(*)::int` }).from(table).where(where))[0]?.count ?? 0
  const settled = async () =>
    (await countOf(enrollments, and(eq(enrollments.status, 'active'), lte(enrollments.nextWakeAt, new Date(clock()))))) +
      (await countOf(messages, sql`${messages.status} in ('queued', 'sending')`)) ===
    0
  const deadline = Date.now() + 240_000
  while (Date.now() < deadline && (clock() < Date.parse(clockEnv.RECALL_CLOCK_START) + 3 * DAY || !(await settled()))) await new Promise((resolve) => setTimeout(resolve, 500))
  for (const child of children) child.kill('SIGTERM')
  await Promise.all(children.map(exited))

  const rows = await handle.db
    .select({ contactId: messages.contactId, at: messages.createdAt, key: messages.idempotencyKey, status: messages.status, sentAt: messages.sentAt })
    .from(messages)
    .orderBy(asc(messages.contactId), asc(messages.createdAt))
  // As the caps count them (server/src/worker/outbox/counted.ts): a failed message counts once the provider took it.
  const handedOver = rows.filter((row) => row.status !== 'cancelled' && (row.status !== 'failed' || row.sentAt !== null))
  const byContact = new Map<string, number[]>()
  for (const row of handedOver) byContact.set(row.contactId, [...(byContact.get(row.contactId) ?? []), row.at.getTime()])
  // The caps as rolling windows, whatever simulated time the run covered on a slow machine:
  // never three recall messages within 30 days, never two within a day.
  const breaksCaps = (times: number[]) =>
    times.some((at, index) => (index >= 1 && at - (times[index - 1] as number) < DAY) || (index >= 2 && at - (times[index - 2] as number) < 30 * DAY))
  const exceeded = [...byContact.values()].filter(breaksCaps)
  return {
    contacts: new Set(rows.map((row) => row.contactId)).size,
    handedOver: handedOver.length,
    cancelledAtSending: rows.filter((row) => row.status === 'cancelled').length,
    duplicateKeys: rows.length - new Set(rows.map((row) => row.key)).size,
    capsExceeded: exceeded.length,
    contactsWithBoth: [...byContact.values()].filter((times) => times.length >= 2).length,
  }
}
