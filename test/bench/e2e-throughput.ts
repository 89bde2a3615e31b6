// Benchmark: events in through the HTTP API → enrollment and outbox → `recall worker` processes →
// a local Twilio-compatible fake that answers in 20 ms. Messages accepted per second and p99 from
// the event's request to the provider's call, with 1, 2 and 4 worker processes on one PostgreSQL
// (the scale-out curve). The API runs in this process (buildApp, no in-process worker), so every
// message goes out through the worker processes.
// Run: npx -y pnpm@10 bench:e2e [events per run=6000] [paced events/s=200]
import type { ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { accessRepository, buildApp, createThrowawayDatabase, openDatabase, schema } from '@recall/server'
import { sql } from 'drizzle-orm'
import { secretBox } from '../../server/src/access/secrets'
import { providerSettingsRepository } from '../../server/src/repositories/provider-settings'
import { startFakeProvider } from '../../server/test/support/fake-provider'
import { keyMaker } from '../../server/test/support/keys'
import { spawnRecall } from '../../server/test/support/recall-process'
import buildCli from '../support/build-cli'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms } from '../support/fixtures'
import { exited } from '../support/workers'

const EVENTS = Number(process.argv[2] ?? 6_000)
const PACED_RATE = Number(process.argv[3] ?? 200)
const PACED_SECONDS = 10
const BATCH = 50
/** The ingestion routes allow 120 requests a minute per key; the load spreads over enough keys to stay under it. */
const KEYS = 20
const SECRET_KEY = 'bench-e2e-secret-key-0123456789'
const credentials = { twilioToken: 'twilio-token-123', cloudSecret: 'cloud-secret-456' }

/** Each event enrolls its contact and queues one transactional SMS (no window or cap holds it). */
const journey = linearJourney('order', [transactionalSms('confirm', '订单已确认')], { trigger: { on: 'event', event: 'ordered' } })

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN

interface Figures {
  perSecond: number
  p50: number
  p99: number
}

async function startWorker(url: string): Promise<ChildProcess> {
  const child = spawnRecall(['worker'], { env: { ...process.env, DATABASE_URL: url, RECALL_SECRET_KEY: SECRET_KEY }, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('running')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`recall worker exited with ${code}`)))
  })
  return child
}

/** One measurement on a fresh database: `workers` processes, a burst of events, then a paced stream. */
async function measure(workers: number): Promise<{ apiPerSecond: number; burst: Figures; paced: Figures }> {
  const throwaway = await createThrowawayDatabase()
  const url = throwaway.url
  const handle = await openDatabase({ url })
  const fake = await startFakeProvider(credentials, { latencyMs: 20 })
  const children: ChildProcess[] = []
  const app = await buildApp({ database: handle, logger: false, secretKey: SECRET_KEY })
  try {
    await providerSettingsRepository(handle.db, secretBox(SECRET_KEY)).save({
      routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'twilio' },
      twilio: { baseUrl: fake.url, accountSid: 'AC123', from: '+15005550006', authToken: credentials.twilioToken },
    })
    const paced = PACED_RATE * PACED_SECONDS
    const people = numberedContacts('E', EVENTS + paced, '138')
    await setUpLiveJourneys(handle, [journey], people)
    const maker = await keyMaker(handle.db)
    const keys = await Promise.all(Array.from({ length: KEYS }, (_, index) => accessRepository(handle.db).createApiKey(`bench ${index}`, ['events:write'], maker)))
    await app.listen({ port: 0, host: '127.0.0.1' })
    const api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/events`
    for (let index = 0; index < workers; index++) children.push(await startWorker(url))

    const sentAt = new Map<string, number>()
    let request = 0
    const post = async (slice: typeof people) => {
      const at = Date.now()
      for (const person of slice) sentAt.set(person.phone, at)
      const key = keys[request++ % KEYS]?.secret
      const response = await fetch(api, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(slice.map((person) => ({ contactId: person.id, name: 'ordered' }))),
      })
      if (!response.ok) throw new Error(`POST /api/events answered ${response.status}: ${await response.text()}`)
    }
    const accepted = async (expected: number) => {
      for (;;) {
        const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(schema.messages).where(sql`${schema.messages.status} = 'sent'`)
        if ((row?.n ?? 0) >= expected) return
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const figures = (from: number, phones: readonly string[]): Figures => {
      const wanted = new Set(phones)
      const calls = fake.calls.slice(from).flatMap((call) => {
        const phone = new URLSearchParams(call.body).get('To') ?? ''
        return wanted.has(phone) ? [{ phone, at: call.at }] : []
      })
      const latencies = calls.map((call) => call.at - (sentAt.get(call.phone) as number)).sort((a, b) => a - b)
      const first = Math.min(...phones.map((phone) => sentAt.get(phone) as number))
      const last = Math.max(...calls.map((call) => call.at))
      return { perSecond: calls.length / ((last - first) / 1000), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) }
    }

    // Burst: every event in as fast as the API takes them (4 requests in flight), until every message is accepted.
    const burst = people.slice(0, EVENTS)
    const burstStarted = Date.now()
    const lanes = Array.from({ length: 4 }, (_, lane) => async () => {
      for (let index = lane * BATCH; index < burst.length; index += 4 * BATCH) await post(burst.slice(index, index + BATCH))
    })
    await Promise.all(lanes.map((lane) => lane()))
    const apiPerSecond = EVENTS / ((Date.now() - burstStarted) / 1000)
    await accepted(EVENTS)
    const burstFigures = figures(
      0,
      burst.map((person) => person.phone),
    )

    // Paced: a steady stream below capacity, where the latency is the pipeline's and not a queue's.
    const stream = people.slice(EVENTS)
    const callsBefore = fake.calls.length
    const perTick = Math.max(1, Math.round(PACED_RATE / 10))
    const started = Date.now()
    const pending: Promise<void>[] = []
    for (let index = 0, tick = 0; index < stream.length; index += perTick, tick++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + tick * 100 - Date.now())))
      pending.push(post(stream.slice(index, index + perTick)))
    }
    await Promise.all(pending)
    await accepted(EVENTS + paced)
    return {
      apiPerSecond,
      burst: burstFigures,
      paced: figures(
        callsBefore,
        stream.map((person) => person.phone),
      ),
    }
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map(exited))
    // Closing the app closes its database too.
    await app.close()
    await fake.close()
    await throwaway.drop()
  }
}

buildCli()
const results: { workers: number; apiPerSecond: number; burst: Figures; paced: Figures }[] = []
for (const workers of [1, 2, 4]) {
  const result = { workers, ...(await measure(workers)) }
  results.push(result)
  console.log(
    `${workers} worker process${workers > 1 ? 'es' : ''}: burst of ${EVENTS} events taken by the API at ${Math.round(result.apiPerSecond)}/s, ${Math.round(result.burst.perSecond)} messages accepted/s (p50 ${result.burst.p50} ms, p99 ${result.burst.p99} ms event → provider); ` +
      `paced ${PACED_RATE} events/s for ${PACED_SECONDS} s: ${Math.round(result.paced.perSecond)} messages/s, p50 ${result.paced.p50} ms, p99 ${result.paced.p99} ms`,
  )
}
const one = results[0]?.burst.perSecond ?? Number.NaN
console.log(`scale-out (burst throughput vs 1 process): ${results.map((result) => `${result.workers}: ${(result.burst.perSecond / one).toFixed(2)}×`).join(', ')}`)
