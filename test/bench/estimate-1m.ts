// Benchmark: estimating a condition's contacts (POST /api/catalog/estimate) on 1,000,000 contacts, on PostgreSQL (or in-memory PGlite).
// Target (issue #15): ≤ 1 s per estimate, so the editor's count follows the marketer's edits.
// Run: npx -y pnpm@10 bench:estimate [contacts] [--pglite]
import { accessRepository, buildApp, createThrowawayDatabase, openDatabase } from '@recall/server'
import { sql } from 'drizzle-orm'
import { keyMaker } from '../../server/test/support/keys'

const CONTACTS = Number(process.argv[2]?.startsWith('--') ? 1_000_000 : (process.argv[2] ?? 1_000_000))
const RUNS = 30

const ON_PGLITE = process.argv.includes('--pglite')
const throwaway = ON_PGLITE ? undefined : await createThrowawayDatabase()
const database = await openDatabase(throwaway ? { url: throwaway.url } : {})
const app = await buildApp({ database })
try {
  // The contacts are made by the database itself: this measures the estimate, not an import.
  await database.db.execute(sql`
    insert into contacts (id, external_id, phone, attributes, consent)
    select gen_random_uuid()::text, 'C-' || n, '+861380000' || lpad((n % 100000)::text, 5, '0'),
      jsonb_build_object('tier', (array['bronze', 'silver', 'gold', 'platinum'])[1 + n % 4], 'points', n % 5000), n % 3 = 0
    from generate_series(1, ${CONTACTS}) as n`)
  await database.db.execute(sql`analyze contacts`)
  const { secret } = await accessRepository(database.db).createApiKey('bench', ['admin'], await keyMaker(database.db))
  const condition = { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'in', value: ['gold', 'platinum'] }] }
  const times: number[] = []
  let last: unknown
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now()
    last = (await app.inject({ method: 'POST', url: '/api/catalog/estimate', headers: { authorization: `Bearer ${secret}` }, payload: { condition } })).json()
    times.push(performance.now() - started)
  }
  // Baseline in the same run: the exact count(*) the estimate's total used to cost on its own.
  const counts: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now()
    await database.db.execute(sql`select count(*) from contacts`)
    counts.push(performance.now() - started)
  }
  const summary = (list: number[]) => {
    list.sort((a, b) => a - b)
    const at = (share: number) => list[Math.min(list.length - 1, Math.floor(share * list.length))]?.toFixed(0)
    return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, min ${at(0)} ms, max ${list.at(-1)?.toFixed(0)} ms over ${list.length} runs`
  }
  console.log(`database: ${database.kind}; contacts: ${CONTACTS.toLocaleString('en')}; last answer ${JSON.stringify(last)} (true share 50%)`)
  console.log(`estimate (POST /api/catalog/estimate): ${summary(times)}`)
  console.log(`baseline, count(*) alone: ${summary(counts)}`)
} finally {
  await app.close()
  await throwaway?.drop()
}
