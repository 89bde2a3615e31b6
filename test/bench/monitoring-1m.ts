// Benchmark: live monitoring counts for a journey with 1,000,000 enrollments (on two versions) on PostgreSQL.
// Targets: node counts and the whole live snapshot in ≤ 100 ms. Run: npx -y pnpm@10 bench:monitoring
// The snapshot reads the running totals; the full recount of the same rows is timed beside it.

import { isDeepStrictEqual } from 'node:util'
import { foldLiveCountDeltas, journeyRunner, journeysRepository, monitoringRepository, recount } from '@recall/server'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { sql } from 'drizzle-orm'
import { postgresTestDatabase } from '../support/postgres'

const ENROLLMENTS = 1_000_000
const RUNS = 21
const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
if (!winBack) throw new Error('no win-back template')

const { handle } = await postgresTestDatabase()
try {
  const { db } = handle
  await journeysRepository(db).create(winBack)
  // Two versions: a third of the contacts are still on v1, whose counts the snapshot lists apart.
  await journeysRepository(db).publish(winBack.id, '')
  await journeysRepository(db).publish(winBack.id, '')
  const nodeIds = winBack.nodes.map((node) => node.id)
  const seeded = performance.now()
  // Seeded in SQL: a million rows through the API would take the benchmark's time, not measure it.
  await db.execute(sql`
    insert into enrollments (id, journey_id, version, contact_id, status, node_id, state, entered_at, exited_at, exit_reason)
    select 'e' || n, ${winBack.id}, case when n % 3 = 0 then 1 else 2 end, 'c' || n,
      case when n % 4 = 0 then 'exited' else 'active' end,
      (${sql.param(nodeIds)}::text[])[1 + n % ${nodeIds.length}],
      '{}'::jsonb, now() - (n % 30) * interval '1 day',
      case when n % 4 = 0 then now() else null end,
      case when n % 4 = 0 then 'completed' else null end
    from generate_series(1, ${ENROLLMENTS}) as n`)
  await db.execute(sql`
    insert into messages (idempotency_key, enrollment_id, journey_id, contact_id, node_id, channel, category, text, parts, status, created_at)
    select 'k' || n, 'e' || n, ${winBack.id}, 'c' || n, 'first-touch', 'sms', 'recall', 'x', 1,
      (array['sent','delivered','clicked','failed'])[1 + n % 4], now()
    from generate_series(1, ${ENROLLMENTS / 2}) as n`)
  // What autovacuum does within a minute of such inserts on a live server: statistics, and the
  // visibility map that lets the counts read the index alone.
  // The server folds the triggers' deltas into the running totals every few seconds.
  while ((await foldLiveCountDeltas(db)) > 0) {}
  await db.execute(sql`vacuum analyze`)
  console.log(`seeded ${ENROLLMENTS.toLocaleString()} enrollments and ${(ENROLLMENTS / 2).toLocaleString()} messages in ${((performance.now() - seeded) / 1000).toFixed(1)} s`)

  const runner = journeyRunner(db, { clock: Date.now })
  const monitoring = monitoringRepository(db)
  const time = async (what: string, run: () => Promise<unknown>) => {
    const timings: number[] = []
    for (let index = 0; index < RUNS + 2; index++) {
      const started = performance.now()
      await run()
      if (index >= 2) timings.push(performance.now() - started)
    }
    timings.sort((a, b) => a - b)
    console.log(`${what}: median ${timings[Math.floor(RUNS / 2)]?.toFixed(1)} ms, min ${timings[0]?.toFixed(1)} ms, max ${timings.at(-1)?.toFixed(1)} ms over ${RUNS} runs`)
  }
  await time('node counts (active per node)', () => runner.nodeCounts(winBack.id))
  await time('live snapshot (node counts, funnels, rates, alarms) from the running totals', () => monitoring.snapshot(winBack.id))
  await time('the same counts recounted from the rows', () => recount(db, winBack.id))
  const live = await monitoring.snapshot(winBack.id)
  const since = await monitoring.snapshot(winBack.id, new Date(0))
  console.log(`running totals equal the recount: ${isDeepStrictEqual(live, since)}`)
} finally {
  await handle.close()
}
