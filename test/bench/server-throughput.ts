// Benchmark: event ingestion and worker throughput, on PGlite and on PostgreSQL.
// Targets (issue #5): ingestion ≥ 5,000 events/s; worker ≥ 5,000 contact-steps/s on PostgreSQL.
// Run: npx -y pnpm@10 bench:server [contacts]
import { createThrowawayDatabase, type DatabaseHandle, journeyRunner, openDatabase } from '@recall/server'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms, waitMinutes } from '../support/fixtures'

const CONTACTS = Number(process.argv[2] ?? 10_000)
const MINUTE = 60_000

/** event trigger → SMS → wait 1 minute → SMS → exit; transactional, so no window or cap holds. */
const journey = linearJourney('bench', [transactionalSms('a', '欢迎加入'), waitMinutes('w', 1), transactionalSms('b', '新人礼已到账')], {
  trigger: { on: 'event', event: 'signed_up' },
  settings: { entry: { reentry: 'after_exit' } },
})

async function measure(kind: 'pglite' | 'postgres'): Promise<void> {
  const throwaway = kind === 'postgres' ? await createThrowawayDatabase() : undefined
  const handle: DatabaseHandle = await openDatabase({ url: throwaway?.url })
  try {
    let now = Date.parse('2026-11-24T10:00:00+08:00')
    const runner = journeyRunner(handle.db, { clock: () => now })
    const people = numberedContacts('B', CONTACTS, '136')
    const ids = people.map((person) => person.id)
    await setUpLiveJourneys(handle, [journey], people)

    // Ingestion: events that match no trigger (stored and checked), in batches of 10,000.
    const plain = ids.map((contactId) => ({ contactId, name: 'app_open' }))
    let started = performance.now()
    for (let index = 0; index < plain.length; index += 10_000) await runner.ingestEvents(plain.slice(index, index + 10_000))
    const plainRate = plain.length / ((performance.now() - started) / 1000)

    // Ingestion that enrolls: each event enters the journey and queues the first message.
    started = performance.now()
    for (let index = 0; index < ids.length; index += 10_000) await runner.ingestEvents(ids.slice(index, index + 10_000).map((contactId) => ({ contactId, name: 'signed_up' })))
    const enrollRate = ids.length / ((performance.now() - started) / 1000)

    // Worker: every contact's wait ends; each step sends the second message and exits.
    now += 2 * MINUTE
    started = performance.now()
    let steps = 0
    for (let claimed = await runner.processDue(1000); claimed > 0; claimed = await runner.processDue(1000)) steps += claimed
    const stepRate = steps / ((performance.now() - started) / 1000)
    console.log(
      `${kind.padEnd(8)} contacts ${CONTACTS}: ingest ${Math.round(plainRate)} events/s (no trigger), ${Math.round(enrollRate)} events/s (each enrolls and queues a message), worker ${Math.round(stepRate)} contact-steps/s (${steps} steps, outbox included)`,
    )
  } finally {
    await handle.close()
    await throwaway?.drop()
  }
}

await measure('postgres')
await measure('pglite')
