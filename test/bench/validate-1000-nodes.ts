// Benchmark: validate a 1,000-node journey. Target ≤ 50 ms median on the 2-core CI machine.
// Run: npx -y pnpm@10 bench:validate
import { validateJourney } from '@recall/shared'
import { largeJourney } from './large-journey'

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
