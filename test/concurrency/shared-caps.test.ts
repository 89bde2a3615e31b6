import { journeyRunner, schema } from '@recall/server'
import type { JourneyDocument } from '@recall/shared'
import { and, asc, eq, lte, type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linearJourney, numberedContacts, setUpLiveJourneys } from '../support/fixtures'
import { type DatabaseHandle, postgresTestDatabase } from '../support/postgres'
import { exited, spawnWorker } from '../support/workers'

const { enrollments, messages } = schema
const CONTACTS = 10_000
const WORKERS = 4
const DAY = 86_400_000

/** Three recall journeys that each send twice, a day apart: together they would break every cap. */
function recallJourney(id: string, onCapReached: 'skip' | 'hold'): JourneyDocument {
  const recallSms = (stepId: string, text: string) => ({ id: stepId, type: 'send_sms' as const, data: { text, category: 'recall' as const } })
  return linearJourney(
    id,
    [recallSms('first', `${id} 第一条`), { id: 'pause', type: 'wait', data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } }, recallSms('second', `${id} 第二条`)],
    {
      settings: { category: 'recall', onCapReached },
    },
  )
}

describe(`${WORKERS} worker processes on one PostgreSQL`, () => {
  let handle: DatabaseHandle
  let url: string
  // One simulated day every 4 real seconds, from 10:00 Shanghai: waits end inside the send window.
  const speed = DAY / 4000
  const clockEnv = { RECALL_CLOCK_START: '2026-11-24T10:00:00+08:00', RECALL_CLOCK_SPEED: String(speed), RECALL_CLOCK_EPOCH: String(Date.now()) }
  const clock = () => Date.parse(clockEnv.RECALL_CLOCK_START) + (Date.now() - Number(clockEnv.RECALL_CLOCK_EPOCH)) * speed

  beforeAll(async () => {
    ;({ handle, url } = await postgresTestDatabase())
    await setUpLiveJourneys(
      handle,
      [recallJourney('recall-a', 'skip'), recallJourney('recall-b', 'hold'), recallJourney('recall-c', 'skip')],
      numberedContacts('C', CONTACTS, '137'),
    )
  }, 120_000)
  afterAll(async () => {
    await handle?.close()
  })

  it('never exceeds a cap across journeys and never sends twice', async () => {
    const workers = Array.from({ length: WORKERS }, () => spawnWorker(url, clockEnv))
    const runner = journeyRunner(handle.db, { clock })
    const ids = Array.from({ length: CONTACTS }, (_, index) => `C-${index}`)
    // Enrol while the workers are already running, so they compete for the same contacts.
    await Promise.all(['recall-a', 'recall-b', 'recall-c'].map((journeyId) => runner.enrollByApi(journeyId, ids)))
    const countOf = async (table: typeof enrollments | typeof messages, where: SQL | undefined) =>
      (await handle.db.select({ count: sql<number>`count(*)::int` }).from(table).where(where))[0]?.count ?? 0
    const settled = async () =>
      (await countOf(enrollments, and(eq(enrollments.status, 'active'), lte(enrollments.nextWakeAt, new Date(clock()))))) +
        (await countOf(messages, eq(messages.status, 'queued'))) ===
      0
    const deadline = Date.now() + 240_000
    // Run until three simulated days have passed and the workers have caught up with them.
    while (Date.now() < deadline && (clock() < Date.parse(clockEnv.RECALL_CLOCK_START) + 3 * DAY || !(await settled()))) await new Promise((resolve) => setTimeout(resolve, 500))
    for (const worker of workers) worker.kill('SIGTERM')
    await Promise.all(workers.map(exited))

    const sent = await handle.db
      .select({ contactId: messages.contactId, at: messages.createdAt, key: messages.idempotencyKey, status: messages.status })
      .from(messages)
      .orderBy(asc(messages.contactId), asc(messages.createdAt))
    expect(new Set(sent.map((message) => message.key)).size).toBe(sent.length)
    const byContact = new Map<string, number[]>()
    // A message the carrier failed to deliver reached no one, so caps do not count it.
    for (const message of sent.filter((row) => row.status !== 'failed')) byContact.set(message.contactId, [...(byContact.get(message.contactId) ?? []), message.at.getTime()])
    expect(new Set(sent.map((message) => message.contactId)).size).toBe(CONTACTS)
    for (const times of byContact.values()) {
      // recall ≤ 2 per 30 days, and marketing+recall ≤ 1 per rolling day.
      expect(times.length).toBeLessThanOrEqual(2)
      if (times.length === 2) expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(DAY)
    }
    // Most contacts got both allowed messages; the rest had one fail at the (sandbox) carrier.
    expect([...byContact.values()].filter((times) => times.length === 2).length).toBeGreaterThan(0.9 * CONTACTS)
  }, 300_000)
})
