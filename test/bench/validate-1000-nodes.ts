// Benchmark: validate a 1,000-node journey. Target ≤ 50 ms median on the 2-core CI machine.
// Run: npx -y pnpm@10 bench:validate
import { type JourneyDocument, type JourneyNode, validateJourney } from '@recall/shared'

/** A long journey of repeated "split → SMS / wait → SMS" sections, every node reachable. */
function largeJourney(nodeCount: number): JourneyDocument {
  const nodes: JourneyNode[] = [{ id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'app_open' } }]
  const edges: JourneyDocument['edges'] = []
  let previous = 'n0'
  while (nodes.length < nodeCount - 1) {
    const i = nodes.length
    const split = `n${i}`
    const wait = `n${i + 1}`
    const sms = `n${i + 2}`
    nodes.push(
      {
        id: split,
        type: 'segment_split',
        position: { x: i * 100, y: 0 },
        data: { branches: [{ id: 'vip', label: 'VIP', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }] } }] },
      },
      { id: wait, type: 'wait', position: { x: i * 100, y: 200 }, data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
      {
        id: sms,
        type: 'send_sms',
        position: { x: i * 100, y: 400 },
        data: { text: '{{name|亲}},您有{{points|一些}}积分即将到期,点击查看 {{link}}', category: 'recall', linkUrl: 'https://shop.example.com' },
      },
    )
    edges.push(
      { id: `e${edges.length}`, source: previous, sourceHandle: previous === 'n0' ? 'out' : 'out', target: split },
      { id: `e${edges.length + 1}`, source: split, sourceHandle: 'vip', target: sms },
      { id: `e${edges.length + 2}`, source: split, sourceHandle: 'else', target: wait },
      { id: `e${edges.length + 3}`, source: wait, sourceHandle: 'out', target: sms },
    )
    previous = sms
  }
  nodes.push({ id: 'end', type: 'exit', position: { x: 0, y: 0 }, data: { reason: 'completed' } })
  edges.push({ id: 'e-end', source: previous, sourceHandle: 'out', target: 'end' })
  return { schemaVersion: 1, id: 'large', name: 'Large', description: '', settings: { category: 'recall', entry: { reentry: 'never' }, onCapReached: 'skip' }, nodes, edges }
}

const document = largeJourney(1000)
const runs = 41
const timings: number[] = []
let problems = 0
for (let run = 0; run < runs + 5; run++) {
  const started = performance.now()
  problems = validateJourney(document).problems.length
  if (run >= 5) timings.push(performance.now() - started) // the first runs warm up the JIT
}
timings.sort((a, b) => a - b)
const median = timings[Math.floor(timings.length / 2)] as number
console.log(
  `validate ${document.nodes.length} nodes, ${document.edges.length} edges: median ${median.toFixed(1)} ms, min ${timings[0]?.toFixed(1)} ms, max ${timings.at(-1)?.toFixed(1)} ms over ${runs} runs; ${problems} problems`,
)
