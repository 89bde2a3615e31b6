// Benchmark: open a 300-node journey in the editor in Chromium; time to first render and fit
// (target ≤ 1 s) and the frame time while dragging a node. Run: npx -y pnpm@10 bench:editor
import { launchChromium } from '../e2e/support/chromium'
import { buildWebApp, E2E_ADMIN, startRecall } from '../e2e/support/recall-server'
import { largeJourney } from './large-journey'

const NODES = 300
const RUNS = 5

const recall = await startRecall(buildWebApp())
const journey = { ...largeJourney(NODES), id: 'large-300', name: '300 nodes' }
await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: journey })
const browser = await launchChromium()
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
// Sign in once; every page of the context shares the session cookie.
const login = await context.request.post(`${recall.url}/api/auth/login`, { data: E2E_ADMIN })
if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`)
const loads: number[] = []
let frames: number[] = []
for (let run = 0; run < RUNS; run++) {
  const page = await context.newPage()
  await page.goto(`${recall.url}/#/journeys`)
  await page.waitForSelector('table.journeys')
  // From the click that opens the editor to every node on screen drawn and the view placed (a journey
  // this big renders only visible elements, so the count is of those in view, never more than all).
  const started = Date.now()
  await page.getByRole('link', { name: '300 nodes' }).click()
  await page.waitForFunction(
    (count) => {
      const nodes = document.querySelectorAll('.react-flow__node')
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement | null
      return (
        nodes.length > 0 && nodes.length <= count && [...nodes].every((node) => (node as HTMLElement).style.visibility !== 'hidden') && viewport?.style.transform.includes('scale')
      )
    },
    journey.nodes.length,
    { polling: 'raf' },
  )
  loads.push(Date.now() - started)
  if (run === RUNS - 1) {
    // Drag one node across the canvas in 60 mouse moves and record the frame intervals meanwhile.
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await page.evaluate(`(() => {
      const intervals = []
      let last = performance.now()
      window.frameIntervals = intervals
      requestAnimationFrame(function tick(now) {
        intervals.push(now - last)
        last = now
        if (window.stopFrames !== true) requestAnimationFrame(tick)
      })
    })()`)
    const box = await page.locator('[data-node-id="n4"]').boundingBox()
    if (!box) throw new Error('node n4 not on screen')
    await page.mouse.move(box.x + box.width / 2, box.y + 8)
    await page.mouse.down()
    for (let step = 1; step <= 60; step++) await page.mouse.move(box.x + box.width / 2 + step * 5, box.y + 8 + step * 2)
    await page.mouse.up()
    frames = (await page.evaluate('window.stopFrames = true; window.frameIntervals.slice(1)')) as number[]
  }
  await page.close()
}
await browser.close()
await recall.close()

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
const percentile = (values: number[], p: number) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * p))] as number
console.log(`editor with ${journey.nodes.length} nodes, ${journey.edges.length} edges, ${RUNS} runs`)
console.log(`open to rendered and fitted: median ${percentile(loads, 0.5)} ms, min ${sorted(loads)[0]} ms, max ${sorted(loads).at(-1)} ms`)
console.log(
  `drag: ${frames.length} frames, median ${percentile(frames, 0.5).toFixed(1)} ms, p95 ${percentile(frames, 0.95).toFixed(1)} ms, max ${(sorted(frames).at(-1) ?? 0).toFixed(1)} ms`,
)
