// Benchmark: how late the worker wakes contacts whose wait has ended (target p99 ≤ 1 s).
// 10,000 contacts enter in 5 waves a second apart; each waits 1 simulated minute on a clock running
// 30× (2 real seconds), so wakes come due while the worker is busy with the previous wave.
// Run: npx -y pnpm@10 bench:lateness
import { acceleratedClock, contactsRepository, createThrowawayDatabase, journeyRunner, journeysRepository, openDatabase, schema, startBackgroundWorker } from '@recall/server'
import type { JourneyDocument } from '@recall/shared'
import { eq } from 'drizzle-orm'

const CONTACTS = 10_000
const WAVES = 5
const SPEED = 30
const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'lateness',
  name: 'Lateness',
  description: '',
  settings: { category: 'transactional', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    { id: 'w', type: 'wait', position: { x: 1, y: 0 }, data: { mode: 'duration', duration: { amount: 1, unit: 'minutes' } } },
    { id: 'sms', type: 'send_sms', position: { x: 2, y: 0 }, data: { text: '提醒', category: 'transactional' } },
    { id: 'end', type: 'exit', position: { x: 3, y: 0 }, data: { reason: 'done' } },
  ],
  edges: ['start', 'w', 'sms'].map((source, index, all) => ({ id: `e${index}`, source, sourceHandle: 'out', target: all[index + 1] ?? 'end' })),
}

async function measure(kind: 'postgres' | 'pglite') {
  const throwaway = kind === 'postgres' ? await createThrowawayDatabase() : undefined
  const database = await openDatabase({ url: throwaway?.url })
  const clock = acceleratedClock(Date.parse('2026-11-24T10:00:00+08:00'), SPEED, Date.now())
  const runner = journeyRunner(database.db, { clock: clock.now })
  await journeysRepository(database.db).create(journey)
  await journeysRepository(database.db).publish('lateness', '')
  const ids = Array.from({ length: CONTACTS }, (_, index) => `L-${index}`)
  await contactsRepository(database.db).upsert(
    ids.map((id, index) => ({
      id,
      phone: `+86135${String(index).padStart(8, '0')}`,
      timeZone: 'Asia/Shanghai',
      attributes: {},
      consent: true,
      suppressed: false,
      sends: [],
      events: [],
    })),
  )
  const worker = await startBackgroundWorker({ database, runner, clock, onError: (error) => console.error(error) })
  const perWave = CONTACTS / WAVES
  for (let wave = 0; wave < WAVES; wave++) {
    await runner.enrollByApi('lateness', ids.slice(wave * perWave, (wave + 1) * perWave))
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  const { enrollments, stepLog } = schema
  while ((await database.db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.status, 'active')).limit(1)).length > 0)
    await new Promise((resolve) => setTimeout(resolve, 200))
  await worker.stop()
  const rows = await database.db
    .select({ enteredAt: enrollments.enteredAt, wokeAt: stepLog.at })
    .from(stepLog)
    .innerJoin(enrollments, eq(enrollments.id, stepLog.enrollmentId))
    .where(eq(stepLog.kind, 'woke'))
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
