// Benchmark: Recall's worker and ingestion side by side with PostgreSQL's own commit rate
// (pgbench) and with a PostgreSQL job queue (graphile-worker) running the same journey, in one run
// on throwaway databases. Targets (issue #18), as ratios measured in the same run:
// Recall ≥ 20× graphile-worker and ≥ 3× pgbench's tps (outbox included); enrolling ingestion ≥ 2× pgbench's tps.
// Run: npx -y pnpm@10 bench:compare [contacts=5000]
import { createThrowawayDatabase, openDatabase } from '@recall/server'
import { graphileStepsPerSecond } from './compare/graphile'
import { pgbenchTps } from './compare/pgbench'
import { measureRecall } from './compare/recall'

const CONTACTS = Number(process.argv[2] ?? 5_000)
/** Enrolling ingestion as bench:server measures it: 10,000 events in one request. */
const EVENT_CONTACTS = 10_000

async function onThrowaway<T>(work: (url: string) => Promise<T>): Promise<T> {
  const throwaway = await createThrowawayDatabase()
  try {
    return await work(throwaway.url)
  } finally {
    await throwaway.drop()
  }
}

const tps = await onThrowaway((url) => pgbenchTps(url))
console.log(`pgbench -N -c 4 -j 2 -T 20: ${Math.round(tps)} tps`)
const graphile = await onThrowaway((url) => graphileStepsPerSecond(url, CONTACTS))
console.log(`graphile-worker, concurrency 4, ${CONTACTS} contacts × 6 steps: ${Math.round(graphile)} steps/s`)
const recall = await onThrowaway(async (url) => {
  const handle = await openDatabase({ url })
  try {
    return await measureRecall(handle, CONTACTS, EVENT_CONTACTS)
  } finally {
    await handle.close()
  }
})
console.log(`Recall worker, ${CONTACTS} contacts × 6 steps, ${recall.stepLoops} step loops: ${Math.round(recall.stepsPerSecond)} steps/s (outbox included)`)
console.log(
  `Recall ingestion, ${EVENT_CONTACTS} events: ${Math.round(recall.plainEventsPerSecond)} events/s (no trigger), ${Math.round(recall.enrollingEventsPerSecond)} events/s (each enrolls and queues a message), ${Math.round(recall.enrollingTwoRequestsPerSecond)} events/s (the same in two requests of ${EVENT_CONTACTS / 2} at once)`,
)
const ratio = (value: number, target: number) => `${value.toFixed(2)}× (target ≥ ${target}×${value >= target ? ', met' : ', MISSED'})`
console.log(`ratios: Recall / graphile-worker ${ratio(recall.stepsPerSecond / graphile, 20)}`)
console.log(`        Recall / pgbench tps ${ratio(recall.stepsPerSecond / tps, 3)}`)
console.log(
  `        enrolling ingestion / pgbench tps ${ratio(recall.enrollingEventsPerSecond / tps, 2)}; two requests at once ${ratio(recall.enrollingTwoRequestsPerSecond / tps, 2)}`,
)
