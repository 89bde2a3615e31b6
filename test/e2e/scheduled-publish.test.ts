import { toLocal } from '@recall/engine'
import { acceleratedClock } from '@recall/server'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { type RunningRecall, signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

const HOUR = 3_600_000
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
/** The demo's accelerated clock: one simulated hour a real second, from 08:00 in Shanghai. */
const demoClock = acceleratedClock(Date.parse('2026-12-05T00:00:00Z'), 3600, Date.now())
const pad = (value: number) => String(value).padStart(2, '0')

async function draftOf(recall: RunningRecall) {
  return (await recall.app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart', headers: recall.adminHeaders })).json().journey.draft
}

describe('scheduled publish on the demo clock', () => {
  const session = useRecallInChromium({ width: 1440, height: 900 }, { worker: demoClock })

  it('schedules the draft for a time in Asia/Shanghai, shows it, and the worker makes it live then', async () => {
    const { recall, page } = session()
    await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: cart })
    await signIn(page, recall.url)
    await page.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await page.waitForSelector('[data-node-id="cart-reminder"]')

    // A whole hour a day (30 real seconds) ahead on the demo clock: time to look at it before it goes live.
    const target = Math.ceil((demoClock.now() + 30 * HOUR) / HOUR) * HOUR
    const local = toLocal(target, 'Asia/Shanghai')
    const localTime = `${local.year}-${pad(local.month)}-${pad(local.day)}T${pad(Math.floor(local.minutes / 60))}:00`
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Publish' })
    await dialog.getByLabel('At a date and time').check()
    await dialog.getByLabel('Go-live time').fill(localTime)
    await dialog.getByLabel('Time zone').selectOption('Asia/Shanghai')
    await dialog.getByLabel('What changed in this version?').fill('Weekend copy')
    await dialog.getByRole('button', { name: 'Schedule' }).click()
    const shown = `⏰ Goes live ${localTime.slice(5).replace('T', ' ')} Asia/Shanghai`
    await page.getByText(shown).waitFor()
    await page.screenshot({ path: `${SHOTS}/scheduled-publish-editor-en.png` })

    await page.goto(`${recall.url}/#/journeys`)
    await page
      .getByRole('row', { name: /Abandoned cart/ })
      .getByText(shown)
      .waitFor()
    await page.screenshot({ path: `${SHOTS}/scheduled-publish-journeys-en.png` })

    // The open editor follows the schedule: the version badge turns to v1 once the worker published it.
    await page.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await page.locator('.editor__title .status', { hasText: 'v1' }).waitFor({ timeout: 60_000 })
    // The badge goes with the schedule watch's next look (every 3 s), which may come after the version's own.
    await expect.poll(() => page.getByText(shown).count(), { timeout: 10_000 }).toBe(0)
    const versions = (await recall.app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/versions', headers: recall.adminHeaders })).json().versions
    expect(versions.map((version: { version: number; note: string }) => [version.version, version.note])).toEqual([[1, 'Weekend copy']])
    // Published on the demo clock at its time (a real 100 ms of lateness is 6 simulated minutes).
    const late = Date.parse(versions[0].publishedAt) - target
    expect(late).toBeGreaterThanOrEqual(0)
    expect(late).toBeLessThan(15 * 60_000)
  }, 180_000)

  it('puts a sticky note on the canvas and throttles the trigger, both saved with the draft', async () => {
    const { recall, page } = session()
    await page.getByRole('button', { name: '🗒 Note' }).click()
    // The new note takes the typing at once.
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Sticky note')
    await page.keyboard.insertText('Weekend copy approved by legal on 12-01 · 周末文案已过法务')
    await page.locator('[data-node-id="trigger"]').click()
    await page.getByLabel('Limit how many enter (the rest queue in order)').check()
    await page.getByLabel('Most entries', { exact: true }).fill('20')
    await page.getByRole('combobox').filter({ hasText: 'entries per hour' }).selectOption('minute')
    await page.locator('[data-node-id="trigger"]').getByText('Event: cart_added · at most 20/minute').waitFor()
    await page.getByText('Saved', { exact: true }).waitFor()
    await page.screenshot({ path: `${SHOTS}/sticky-note-throttle-en.png` })
    // Dragged by its top edge (the text area itself is for typing): it moves, snapped to the grid, and undo takes it back.
    const before = (await draftOf(recall)).notes[0].position
    const note = await page.locator('.sticky-note').boundingBox()
    if (!note) throw new Error('the note is not on the canvas')
    const zoom = Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1])
    // The middle of its 18-unit top edge, at the opening zoom.
    const edge = note.y + 9 * zoom
    await page.mouse.move(note.x + 40, edge)
    await page.mouse.down()
    await page.mouse.move(note.x + 140, edge + 100, { steps: 8 })
    await page.mouse.up()
    await page.getByText('Saved', { exact: true }).waitFor()
    const moved = (await draftOf(recall)).notes[0].position
    // 100 screen pixels each way at the opening zoom: about 100 / zoom canvas units, snapped to the 20-unit grid.
    // Within a grid step and React Flow's drag-start slack of it (200 units for 222 at 45%).
    const near = (distance: number) => Math.abs(distance - 100 / zoom) <= 30
    expect([moved.x % 20, moved.y % 20, near(moved.x - before.x), near(moved.y - before.y)]).toEqual([0, 0, true, true])
    await page.getByRole('button', { name: '↶ Undo' }).click()
    await page.getByText('Saved', { exact: true }).waitFor()
    expect((await draftOf(recall)).notes[0].position).toEqual(before)
    const draft = await draftOf(recall)
    expect(draft.notes.map((note: { text: string }) => note.text)).toEqual(['Weekend copy approved by legal on 12-01 · 周末文案已过法务'])
    expect(draft.nodes.find((node: { id: string }) => node.id === 'trigger').data).toEqual({ on: 'event', event: 'cart_added', throttle: { limit: 20, per: 'minute' } })
  }, 60_000)
})
