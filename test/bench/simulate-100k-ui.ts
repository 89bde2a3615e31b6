// Benchmark: a simulation of 100,000 contacts for 30 days, started and watched from the editor in
// Chromium, timed from the click on "Run simulation" to the results on screen.
// Run: npx -y pnpm@10 bench:simulate-ui
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { launchChromium } from '../e2e/support/chromium'
import { buildWebApp, signIn, startRecall } from '../e2e/support/recall-server'

const recall = await startRecall(buildWebApp())
const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: winBack })
const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' })
await signIn(page, recall.url)
await page.goto(`${recall.url}/#/journeys/win-back-90-days`)
await page.getByRole('button', { name: '▶ Simulate' }).click()
const dialog = page.getByRole('dialog', { name: 'Simulate this draft' })
await dialog.getByLabel('Sample contacts').fill('100000')
await dialog.getByLabel('Days', { exact: true }).fill('30')
await dialog.getByLabel('Start').fill('2026-12-01T00:00')
const started = performance.now()
await dialog.getByRole('button', { name: 'Run simulation' }).click()
await page.locator('.simulation progress').waitFor({ state: 'detached', timeout: 300_000 })
const seconds = (performance.now() - started) / 1000
const totals = await page.getByTestId('simulation-totals').textContent()
console.log(`100,000 contacts × 30 days from the UI: ${seconds.toFixed(1)} s to results on screen`)
console.log(totals)
await browser.close()
await recall.close()
