// Benchmark: the publish forecast of a live journey with N contacts in flight (waiting at a node the
// draft removes) plus a week's worth of their entry rate, on PGlite: seconds to answer, and the
// longest the API's thread stalled meanwhile (a timer that should tick every 10 ms), which stays
// small because the simulation runs in a worker thread.
// Run: npx -y pnpm@10 bench:forecast [contacts, default 20000]
import { journeyRunner, journeysRepository, openDatabase } from '@recall/server'
import { forecastPublish } from '../../server/src/forecast/forecast'
import { readLiveState } from '../../server/src/forecast/live-state'
import { linearJourney, numberedContacts, setUpLiveJourneys } from '../support/fixtures'

const COUNT = Number(process.argv[2] ?? 20_000)
const entered = Date.parse('2026-11-24T10:15:00+08:00')
const now = entered + 3_600_000
const live = linearJourney(
  'forecast',
  [
    { id: 'first', type: 'send_sms', data: { text: '好久不见,今天下单九折', category: 'recall' } },
    { id: 'hold', type: 'wait', data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    { id: 'second', type: 'send_sms', data: { text: '九折券明天到期', category: 'recall' } },
  ],
  { settings: { category: 'recall' } },
)
const draft = { ...live, nodes: live.nodes.filter((node) => node.id !== 'hold'), edges: [] as typeof live.edges }
draft.edges = draft.nodes.slice(0, -1).map((node, index) => ({ id: `d${index}`, source: node.id, sourceHandle: 'out', target: (draft.nodes[index + 1] as { id: string }).id }))

const database = await openDatabase({})
let clock = entered
const runner = journeyRunner(database.db, { clock: () => clock })
const people = numberedContacts('F', COUNT, '139')
await setUpLiveJourneys(database, [live], people)
for (let index = 0; index < COUNT; index += 5_000)
  await runner.enrollByApi(
    'forecast',
    people.slice(index, index + 5_000).map((person) => person.id),
  )
while ((await runner.processDue()) > 0) {}
clock = now
await journeysRepository(database.db).updateDraft('forecast', draft, {})

let last = performance.now()
let longestStall = 0
const ticker = setInterval(() => {
  const at = performance.now()
  longestStall = Math.max(longestStall, at - last - 10)
  last = at
}, 10)
// Reading the live state alone first, to tell its stalls (PGlite runs on this thread) from the rest.
await readLiveState(database.db, 'forecast', { now, days: 14, migrate: false })
const readingStall = longestStall
longestStall = 0
const started = performance.now()
const forecast = await forecastPublish(database.db, 'forecast', { now })
const seconds = (performance.now() - started) / 1000
clearInterval(ticker)
console.log(
  `${COUNT.toLocaleString('en')} in flight + ${Math.round(forecast.newEntriesPerDay * forecast.days).toLocaleString('en')} entering over ${forecast.days} days: ` +
    `${seconds.toFixed(1)} s; longest stall of the API thread ${Math.round(longestStall)} ms (reading the live state alone: ${Math.round(readingStall)} ms); ` +
    `removed node ${forecast.removedNodes[0]?.nodeId}: ${forecast.removedNodes[0]?.contacts.toLocaleString('en')}; messages ${forecast.proposed.messages.toLocaleString('en')} vs ${forecast.current.messages.toLocaleString('en')}`,
)
await database.close()
