// Benchmark: estimating a condition's contacts (POST /api/catalog/estimate) on 1,000,000 contacts, on PostgreSQL.
// Target (issue #15): ≤ 1 s per estimate, so the editor's count follows the marketer's edits.
// Run: npx -y pnpm@10 bench:estimate [contacts]
import { accessRepository, buildApp, createThrowawayDatabase, openDatabase } from '@recall/server'
import { sql } from 'drizzle-orm'

const CONTACTS = Number(process.argv[2] ?? 1_000_000)
const RUNS = 10

const throwaway = await createThrowawayDatabase()
const database = await openDatabase({ url: throwaway.url })
const app = await buildApp({ database })
try {
  // The contacts are made by the database itself: this measures the estimate, not an import.
  await database.db.execute(sql`
    insert into contacts (id, external_id, phone, attributes, consent)
    select gen_random_uuid()::text, 'C-' || n, '+861380000' || lpad((n % 100000)::text, 5, '0'),
      jsonb_build_object('tier', (array['bronze', 'silver', 'gold', 'platinum'])[1 + n % 4], 'points', n % 5000), n % 3 = 0
    from generate_series(1, ${CONTACTS}) as n`)
  await database.db.execute(sql`analyze contacts`)
  const { secret } = await accessRepository(database.db).createApiKey('bench', ['admin'], undefined)
  const condition = { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'in', value: ['gold', 'platinum'] }] }
  const times: number[] = []
  let last: unknown
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now()
    last = (await app.inject({ method: 'POST', url: '/api/catalog/estimate', headers: { authorization: `Bearer ${secret}` }, payload: { condition } })).json()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  console.log(`contacts: ${CONTACTS.toLocaleString('en')}; last answer ${JSON.stringify(last)} (true share 50%)`)
  console.log(`estimate: median ${times[Math.floor(RUNS / 2)]?.toFixed(0)} ms, min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms over ${RUNS} runs`)
} finally {
  await app.close()
  await throwaway.drop()
}
