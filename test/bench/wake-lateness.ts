// Benchmark: how late the worker wakes contacts whose wait has ended (target p99 ≤ 1 s).
// 10,000 contacts enter in 5 waves a second apart; each waits 1 simulated minute on a clock running
// 30× (2 real seconds), so wakes come due while the worker is busy with the previous wave.
// Run: npx -y pnpm@10 bench:lateness
import { acceleratedClock, createThrowawayDatabase, journeyRunner, openDatabase, readTimeline, schema, startBackgroundWorker } from '@recall/server'
import { eq } from 'drizzle-orm'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms, waitMinutes } from '../support/fixtures'

const CONTACTS = 10_000
const WAVES = 5
const SPEED = 30
const journey = linearJourney('lateness', [waitMinutes('w', 1), transactionalSms('sms', '提醒')])

async function measure(kind: 'postgres' | 'pglite') {
  const throwaway = kind === 'postgres' ? await createThrowawayDatabase() : undefined
  const database = await openDatabase({ url: throwaway?.url })
  const clock = acceleratedClock(Date.parse('2026-11-24T10:00:00+08:00'), SPEED, Date.now())
  const runner = journeyRunner(database.db, { clock: clock.now })
  const people = numberedContacts('L', CONTACTS, '135')
  const ids = people.map((person) => person.id)
  await setUpLiveJourneys(database, [journey], people)
  const worker = await startBackgroundWorker({ database, runner, clock, onError: (error) => console.error(error) })
  const perWave = CONTACTS / WAVES
  for (let wave = 0; wave < WAVES; wave++) {
    await runner.enrollByApi('lateness', ids.slice(wave * perWave, (wave + 1) * perWave))
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  const { enrollments } = schema
  while ((await database.db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.status, 'active')).limit(1)).length > 0)
    await new Promise((resolve) => setTimeout(resolve, 200))
  await worker.stop()
  const enteredAt = new Map((await database.db.select({ id: enrollments.id, at: enrollments.enteredAt }).from(enrollments)).map((row) => [row.id, row.at]))
  const rows = (await readTimeline(database.db)).filter((line) => line.kind === 'woke').map((line) => ({ enteredAt: enteredAt.get(line.enrollmentId) as Date, wokeAt: line.at }))
  const lateness = rows.map((row) => (row.wokeAt.getTime() - (row.enteredAt.getTime() + 60_000)) / SPEED).sort((a, b) => a - b)
  const percentile = (p: number) => lateness[Math.min(lateness.length - 1, Math.floor((p / 100) * lateness.length))] ?? Number.NaN
  console.log(
    `${kind.padEnd(8)} ${rows.length} wakes: lateness p50 ${percentile(50).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms, max ${(lateness.at(-1) ?? 0).toFixed(0)} ms (real time)`,
  )
  await database.close()
  await throwaway?.drop()
}

await measure('postgres')
await measure('pglite')
