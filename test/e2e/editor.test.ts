import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { dragHandle, viewportSettled } from './support/canvas'
import { E2E_ADMIN } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

/** A point in the middle of an edge's path, in page coordinates: where a palette item is dropped. */
async function edgeMidpoint(page: Page, edgeId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const path = document.querySelector(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`) as SVGPathElement | null
    if (!path) throw new Error(`no edge ${id}`)
    const point = path.getPointAtLength(path.getTotalLength() / 2)
    const matrix = path.getScreenCTM() as DOMMatrix
    return { x: point.x * matrix.a + point.y * matrix.c + matrix.e, y: point.x * matrix.b + point.y * matrix.d + matrix.f }
  }, edgeId)
}

/** HTML5 drag and drop from the palette to a page point, as a person does it with the mouse. */
async function dragPaletteItem(page: Page, kind: string, to: { x: number; y: number }) {
  const item = page.locator(`.palette__item[data-kind="${kind}"]`)
  const pane = page.locator('.react-flow')
  const box = await pane.boundingBox()
  if (!box) throw new Error('no canvas')
  await item.dragTo(pane, { targetPosition: { x: to.x - box.x, y: to.y - box.y } })
}

/** Ids of the nodes not wholly inside the canvas pane, or under its minimap. */
function nodesOutsideThePane(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect()
    const minimap = document.querySelector('.react-flow__minimap').getBoundingClientRect()
    return [...document.querySelectorAll('.react-flow__node')].filter((node) => {
      const box = node.getBoundingClientRect()
      const outside = box.left < pane.left || box.right > pane.right || box.top < pane.top || box.bottom > pane.bottom
      const underMinimap = box.right > minimap.left && box.bottom > minimap.top
      return outside || underMinimap
    }).map((node) => node.getAttribute('data-id'))
  })()`)
}

describe('journey editor in Chromium', () => {
  const session = useRecallInChromium({ width: 1440, height: 900 })

  it('builds, breaks, fixes, publishes and reloads a journey from a template', async () => {
    const { recall, page } = session()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${recall.url}/`)
    // Sign in: a wrong password is refused with a reason, the right one opens the journeys.
    await page.getByLabel('Email').fill(E2E_ADMIN.email)
    await page.getByLabel('Password').fill('wrong-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    expect(await page.getByRole('alert').textContent()).toBe('Wrong email or password')
    await page.getByLabel('Password').fill(E2E_ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Start from a template' }).waitFor()
    await page.screenshot({ path: `${SHOTS}/journeys-en.png` })
    // Start from the abandoned-cart template.
    const card = page.locator('.template-card', { has: page.getByRole('heading', { name: 'Abandoned cart' }) })
    await card.getByRole('button', { name: 'Use this template' }).click()
    await page.waitForSelector('[data-node-id="cart-reminder"]')
    expect(page.url()).toBe(`${recall.url}/#/journeys/abandoned-cart`)
    // The whole journey in the pane between the palette and the inspector, the rightmost node included, clear of the minimap.
    await expect.poll(() => nodesOutsideThePane(page)).toEqual([])
    const zoom = Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1])
    expect(zoom).toBeCloseTo((856 - 80) / 1722, 5)

    // Drag a wait node from the palette onto the edge between the reminder SMS and the one-day wait.
    await dragPaletteItem(page, 'wait', await edgeMidpoint(page, 'e-cart-reminder-out'))
    await page.waitForSelector('[data-node-id="wait-1"]')
    expect(await page.locator('.react-flow__edge[data-id="e-cart-reminder-out-wait-1"]').count()).toBe(1)
    expect(await page.locator('.react-flow__edge[data-id="e-wait-1-out-wait-1-day"]').count()).toBe(1)
    expect(await page.locator('.react-flow__edge[data-id="e-cart-reminder-out"]').count()).toBe(0)
    await expect.poll(() => page.locator('[data-node-id="wait-1"] .journey-node__summary').textContent()).toBe('Wait 1 day')

    // The part count turns from 1 to 2 at the 71st Chinese character (no brand, transactional: the text is the message).
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await page.getByLabel('Brand signature 【…】').fill('')
    await page.locator('[data-node-id="cart-reminder"]').click()
    await page.getByLabel('Category').selectOption('transactional')
    const text = page.getByRole('textbox', { name: 'Message', exact: true })
    await text.fill('好'.repeat(70))
    expect(await page.getByTestId('sms-parts').textContent()).toBe('1 part')
    await text.press('End')
    await text.pressSequentially('好')
    expect(await page.getByTestId('sms-parts').textContent()).toBe('2 parts')
    await expect.poll(() => page.locator('[data-node-id="cart-reminder"] .journey-node__summary').textContent()).toBe('Transactional SMS · 2 parts')
    await page.screenshot({ path: `${SHOTS}/editor-sms-en.png` })
    // The brand back: without it the recall messages would go out unsigned, which is an error.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await page.getByLabel('Brand signature 【…】').fill('乐享商城')

    // Its far end is a pan away; the fit button shows the whole journey.
    await page.locator('.react-flow__controls-fitview').click()
    await viewportSettled(page)
    // Cut the coupon SMS from the exit: the node warns that contacts leaving there exit.
    const cut = await edgeMidpoint(page, 'e-cart-coupon-out')
    await page.mouse.click(cut.x, cut.y)
    await page.locator('.react-flow__edge.selected[data-id="e-cart-coupon-out"]').waitFor()
    await page.keyboard.press('Delete')
    const warning = page.locator('[data-node-id="cart-coupon"] .journey-node__problem--warning')
    await warning.waitFor()
    expect(await warning.textContent()).toBe('Output "next" of "cart-coupon" is not connected: contacts leaving there exit')
    // Connect it again by dragging from its output to the exit.
    await dragHandle(page, '[data-node-id="cart-coupon"] .react-flow__handle.source', '[data-node-id="done"] .react-flow__handle.target')
    await warning.waitFor({ state: 'detached' })

    // Break the new wait (0 days): the error shows on the node and in the list, and publishing is blocked.
    await page.locator('[data-node-id="wait-1"]').click()
    const amount = page.locator('.inspector input[type="number"]').first()
    await amount.fill('0')
    const problem = page.locator('[data-node-id="wait-1"] .journey-node__problem--error')
    await problem.waitFor()
    expect(await problem.textContent()).toBe('A wait of 0 does not wait; use at least 1')
    expect(await page.getByRole('button', { name: 'Publish (1 error)' }).isDisabled()).toBe(true)
    // Fix it: two days.
    await amount.fill('2')
    await problem.waitFor({ state: 'detached' })
    expect(await page.locator('[data-node-id="wait-1"] .journey-node__summary').textContent()).toBe('Wait 2 days')
    await page.getByText('Saved', { exact: true }).waitFor()

    // Publish with a note.
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByLabel('What changed in this version?').fill('Wait before the coupon')
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version v1').waitFor()

    // Reload: the same journey comes back from the server.
    await page.reload()
    await page.waitForSelector('[data-node-id="wait-1"]')
    expect(await page.locator('.react-flow__edge[data-id="e-cart-coupon-out-done"]').count()).toBe(1)
    await page.locator('[data-node-id="cart-reminder"]').click()
    expect(await page.getByRole('textbox', { name: 'Message', exact: true }).inputValue()).toBe('好'.repeat(71))
    expect(await page.locator('.versions__list li').first().textContent()).toContain('v1 Wait before the coupon')
    const stored = await recall.app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/versions/1', headers: recall.adminHeaders })
    expect(stored.json().document.nodes.map((node: { id: string }) => node.id)).toContain('wait-1')
    expect(errors).toEqual([])
  }, 120_000)

  it('shows the whole journey again after auto-layout, the rightmost node included', async () => {
    const { recall, page } = session()
    const birthday = JOURNEY_TEMPLATES.find((template) => template.id === 'birthday')
    await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: birthday })
    await page.goto(`${recall.url}/#/journeys/birthday`)
    await expect.poll(() => nodesOutsideThePane(page)).toEqual([])
    // Zoomed in until nodes leave the pane; auto-layout puts every node back in view.
    await page.locator('.react-flow__controls-zoomin').click()
    await page.locator('.react-flow__controls-zoomin').click()
    await expect.poll(async () => (await nodesOutsideThePane(page)).length).toBeGreaterThan(0)
    await page.getByRole('button', { name: '⇶ Auto-layout' }).click()
    await expect.poll(() => nodesOutsideThePane(page)).toEqual([])
    // The new layout is saved before leaving: with a save still to come, the editor asks first (and would stay).
    await page.getByText('Saved', { exact: true }).waitFor()
    // Back to the journey the next test reads.
    await page.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await page.waitForSelector('[data-node-id="wait-1"]')
  }, 60_000)

  it('shows the editor in Chinese, with the same journey', async () => {
    const { page } = session()
    await page.getByRole('button', { name: '中文' }).click()
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await page.getByRole('heading', { name: '旅程设置' }).waitFor()
    expect(await page.locator('[data-node-id="wait-1"] .journey-node__summary').textContent()).toBe('等待 2 天')
    await page.locator('[data-node-id="cart-reminder"]').click()
    expect(await page.getByTestId('sms-parts').textContent()).toBe('2 条')
    await page.screenshot({ path: `${SHOTS}/editor-sms-zh.png` })
  }, 60_000)
})
