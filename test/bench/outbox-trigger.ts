// Benchmark: what the live counts' trigger adds to an outbox insert on a large messages table, with
// the "contacts messaged" test of migration 0014 (a scan of the statement's rows inside a probe per
// contact: pairs × rows) and of migration 0021 (one index probe per contact), in one run.
// Run: npx -y pnpm@10 bench:outbox-trigger [messages already stored=300000]
import { readFileSync } from 'node:fs'
import type { DatabaseHandle } from '@recall/server'
import { sql } from 'drizzle-orm'
import { postgresTestDatabase } from '../support/postgres'

const STORED = Number(process.argv[2] ?? 300_000)
const BATCHES = [500, 2_000, 5_000]
const RUNS = 3
const oldTrigger = readFileSync(new URL('../../server/drizzle/0014_live_counts_without_tests.sql', import.meta.url), 'utf8')

/** `count` new messages in one statement (half of them to contacts messaged before), rolled back; the median of RUNS, in ms. */
async function insertMs(handle: DatabaseHandle, count: number): Promise<number> {
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    await handle.db
      .transaction(async (tx) => {
        const started = performance.now()
        await tx.execute(sql`
          insert into messages (idempotency_key, enrollment_id, journey_id, contact_id, node_id, channel, category, phone, text, parts, cost, created_at)
          select 'new-' || n, 'e' || n, 'win-back', 'c' || n, 'sms', 'sms', 'recall', '+8613800000000', '【乐享】好久不见', 1, 0.05, now()
          from generate_series(${STORED - count / 2}::int, ${STORED + count / 2 - 1}::int) as n`)
        times.push(performance.now() - started)
        throw new RollBack()
      })
      .catch((error) => {
        if (!(error instanceof RollBack)) throw error
      })
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number
}

class RollBack extends Error {}

async function measure(label: string, prepare?: (handle: DatabaseHandle) => Promise<void>): Promise<number[]> {
  const { handle } = await postgresTestDatabase()
  try {
    await prepare?.(handle)
    await handle.db.execute(sql`
      insert into messages (idempotency_key, enrollment_id, journey_id, contact_id, node_id, channel, category, phone, text, parts, cost, created_at)
      select 'k' || n, 'e' || n, 'win-back', 'c' || n, 'sms', 'sms', 'recall', '+8613800000000', '【乐享】好久不见', 1, 0.05, now() from generate_series(1, ${STORED}::int) as n`)
    await handle.db.execute(sql`analyze messages`)
    const figures: number[] = []
    for (const count of BATCHES) figures.push(await insertMs(handle, count))
    console.log(`${label}: ${BATCHES.map((count, index) => `${count} messages ${figures[index]?.toFixed(1)} ms`).join(', ')}`)
    return figures
  } finally {
    await handle.close()
  }
}

console.log(`outbox inserts in one statement into a table of ${STORED} messages (median of ${RUNS}, rolled back)`)
const before = await measure('0014 trigger', (handle) => handle.db.execute(sql.raw(oldTrigger)).then(() => undefined))
const after = await measure('0021 trigger')
console.log(`ratio 0014 / 0021: ${BATCHES.map((count, index) => `${count}: ${((before[index] as number) / (after[index] as number)).toFixed(1)}×`).join(', ')}`)
