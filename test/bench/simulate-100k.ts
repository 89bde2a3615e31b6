// Benchmark: 100,000 contacts through the 90-day win-back template for 30 simulated days.
// Target ≤ 10 s and ≤ 1 GB peak RSS on the 2-core machine. Run: npx -y pnpm@10 bench:simulate [contacts]
import { defaultPolicies } from '@recall/engine'
import { simulateInParallel } from '@recall/server'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { sampleContacts } from './sample-contacts'

const count = Number(process.argv[2] ?? 100_000)
const days = 30
const start = Date.parse('2026-11-02T09:00:00+08:00')
const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
if (!journey) throw new Error('win-back template missing')
const contacts = sampleContacts(count, 7, start)
let peakRss = process.memoryUsage().rss
const behaviours = [
  {
    reactions: [
      { event: 'link_clicked', probability: 0.3, delayHours: [0, 24] as [number, number] },
      { event: 'order_placed', probability: 0.1, delayHours: [1, 48] as [number, number] },
    ],
  },
]

const started = performance.now()
const workers = Number(process.argv[3] ?? 2)
const result = await simulateInParallel(
  journey,
  contacts,
  {
    start,
    days,
    seed: 1,
    policies: defaultPolicies(),
    behaviours,
    entrySpreadHours: 24,
    timelineContacts: 0,
    keepMessages: 0,
    onProgress: () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    },
  },
  { workers },
)
const seconds = (performance.now() - started) / 1000
peakRss = Math.max(peakRss, process.memoryUsage().rss)
console.log(
  `workers ${workers}, users ${count}, simulated days ${days}, steps ${result.steps}, seconds ${seconds.toFixed(2)}, steps/s ${Math.round(result.steps / seconds)}, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, messages ${result.messages.total}, conversions ${result.conversions.total}`,
)
