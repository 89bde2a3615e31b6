import { journeyRunner, readTimeline, schema } from '@recall/server'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretBox } from '../../server/src/access/secrets'
import { providerSettingsRepository } from '../../server/src/repositories/provider-settings'
import { type FakeProvider, startFakeProvider } from '../../server/test/support/fake-provider'
import { linearJourney, numberedContacts, setUpLiveJourneys, waitMinutes } from '../support/fixtures'
import { type DatabaseHandle, postgresTestDatabase } from '../support/postgres'
import { exited, spawnWorker } from '../support/workers'

const { enrollments, messages } = schema
const CONTACTS = 1000
const SECRET_KEY = 'crash-test-secret-key-0123456789'
const credentials = { twilioToken: 'twilio-token-123', cloudSecret: 'cloud-secret-456' }

/** A transactional SMS with a template code, so the template cloud takes it too; no window or cap holds it. */
const sms = (id: string, text: string) => ({ id, type: 'send_sms' as const, data: { text, category: 'transactional' as const, providerTemplate: { code: 'SMS_1', params: {} } } })
/** api → SMS a → wait 10 min → SMS b → wait 10 min → SMS c → exit. */
const journey = linearJourney('crash', [sms('a', '订单已确认'), waitMinutes('w1', 10), sms('b', '订单已发货'), waitMinutes('w2', 10), sms('c', '订单已送达')])

/**
 * The cloud takes our idempotency key and drops a repeat: a send cut off by a kill is resent with
 * the same key (exactly once). Twilio takes none: such a send is never resent but reported uncertain (at most once).
 */
describe.each([
  { provider: 'cloud' as const, guarantee: 'exactly once', KILLS: 20 },
  { provider: 'twilio' as const, guarantee: 'at most once', KILLS: 10 },
])('workers killed with SIGKILL at random points, sending through $provider ($guarantee)', ({ provider, KILLS }) => {
  let handle: DatabaseHandle
  let url: string
  let fake: FakeProvider
  // Ten simulated minutes take five real seconds, so the journeys outlast several kills.
  const clockEnv = {
    RECALL_CLOCK_START: '2026-11-24T10:00:00+08:00',
    RECALL_CLOCK_SPEED: '120',
    RECALL_CLOCK_EPOCH: String(Date.now()),
    RECALL_SECRET_KEY: SECRET_KEY,
    RECALL_SEND_LEASE_SECONDS: '2',
  }
  const clock = () => Date.parse(clockEnv.RECALL_CLOCK_START) + (Date.now() - Number(clockEnv.RECALL_CLOCK_EPOCH)) * 120

  beforeAll(async () => {
    ;({ handle, url } = await postgresTestDatabase())
    // Slow enough answers that each worker dies with hand-overs in flight, and work outlasts the kills.
    fake = await startFakeProvider(credentials, { latencyMs: 200 })
    await providerSettingsRepository(handle.db, secretBox(SECRET_KEY)).save({
      routes: { marketing: 'sandbox', recall: 'sandbox', transactional: provider },
      twilio: { baseUrl: fake.url, accountSid: 'AC123', from: '+15005550006', authToken: credentials.twilioToken },
      cloud: { baseUrl: fake.url, accessKeyId: 'LTAI', signName: '乐享', accessKeySecret: credentials.cloudSecret, callbackSecret: 'callback-secret-1' },
    })
    const people = numberedContacts('K', CONTACTS, '139')
    await setUpLiveJourneys(handle, [journey], people)
    await journeyRunner(handle.db, { clock }).enrollByApi(
      'crash',
      people.map((person) => person.id),
    )
  }, 60_000)
  afterAll(async () => {
    await fake?.close()
    await handle?.close()
  })

  const worker = () => spawnWorker(url, clockEnv)
  const count = async (where: ReturnType<typeof eq>) => (await handle.db.select({ count: sql<number>`count(*)::int` }).from(enrollments).where(where))[0]?.count ?? 0
  const unfinished = async () =>
    (await count(eq(enrollments.status, 'active'))) +
    ((await handle.db.select({ count: sql<number>`count(*)::int` }).from(messages).where(sql`${messages.status} in ('queued', 'sending')`))[0]?.count ?? 0)

  it('loses no step or message and hands no message to the phone twice', async () => {
    let killedMidCall = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const child = worker()
      // Kill it while it is handing messages over: once its calls reach the provider, at a random point.
      const callsBefore = fake.calls.length
      const startedBy = Date.now() + 30_000
      while (fake.calls.length === callsBefore && Date.now() < startedBy) await new Promise((resolve) => setTimeout(resolve, 20))
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 400))
      child.kill('SIGKILL')
      await exited(child)
      if ((await handle.db.select({ count: sql<number>`count(*)::int` }).from(messages).where(eq(messages.status, 'sending')))[0]?.count) killedMidCall += 1
    }
    // Most kills left messages mid-hand-over (leased, outcome unknown), the case this test is about.
    expect(killedMidCall).toBeGreaterThanOrEqual(KILLS / 2)
    const last = worker()
    const deadline = Date.now() + 120_000
    while ((await unfinished()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
    last.kill('SIGTERM')
    await exited(last)

    const exits = await handle.db.select({ reason: enrollments.exitReason, count: sql<number>`count(*)::int` }).from(enrollments).groupBy(enrollments.exitReason)
    expect(exits).toEqual([{ reason: 'exited: done', count: CONTACTS }])
    const rows = await handle.db.select({ key: messages.idempotencyKey, status: messages.status, enrollmentId: messages.enrollmentId }).from(messages)
    expect(rows).toHaveLength(3 * CONTACTS)
    const callsPerKey = new Map<string, number>()
    for (const call of fake.calls) callsPerKey.set(call.key, (callsPerKey.get(call.key) ?? 0) + 1)
    const uncertain = rows.filter((row) => row.status === 'uncertain')
    const reported = (await readTimeline(handle.db)).filter((line) => line.kind === 'uncertain')
    const resent = [...callsPerKey.values()].filter((calls) => calls > 1).length
    console.info(
      `${provider}: ${KILLS} kills (${killedMidCall} mid-hand-over), ${fake.calls.length} calls for ${rows.length} messages, ${resent} resent with the same key, ${uncertain.length} uncertain`,
    )
    if (provider === 'cloud') {
      // Every message reached the phone exactly once: resends carried the same key and were dropped.
      expect(rows.filter((row) => row.status !== 'sent')).toEqual([])
      expect(fake.delivered.size).toBe(3 * CONTACTS)
    } else {
      // Never two calls for one message; what a kill cut off is reported, never resent.
      expect(resent).toBe(0)
      expect(rows.filter((row) => row.status !== 'sent' && row.status !== 'uncertain')).toEqual([])
      expect(reported.length).toBe(uncertain.length)
      expect(new Set(reported.map((line) => line.enrollmentId))).toEqual(new Set(uncertain.map((row) => row.enrollmentId)))
      expect(rows.filter((row) => row.status === 'sent').every((row) => callsPerKey.get(row.key) === 1)).toBe(true)
    }
  }, 600_000)
})
