import { describe, expect, it } from 'vitest'
import { signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

describe('simulation and live monitoring in Chromium', () => {
  const session = useRecallInChromium({ width: 1440, height: 1000 })

  it('simulates 5,000 contacts for 30 days: counts on the nodes, a chart, and a timeline with a quiet-hours hold', async () => {
    const { recall, page } = session()
    await signIn(page, recall.url)
    const card = page.locator('.template-card', { has: page.getByRole('heading', { name: 'Abandoned cart' }) })
    await card.getByRole('button', { name: 'Use this template' }).click()
    await page.waitForSelector('[data-node-id="cart-reminder"]')
    await page.getByRole('button', { name: '▶ Simulate' }).click()
    const dialog = page.getByRole('dialog', { name: 'Simulate this draft' })
    await dialog.getByLabel('Start').fill('2026-12-01T00:00')
    await dialog.getByRole('button', { name: 'Run simulation' }).click()
    const totals = page.getByTestId('simulation-totals')
    await totals.waitFor({ timeout: 60_000 })
    await page.locator('.simulation progress').waitFor({ state: 'detached', timeout: 60_000 })
    expect(await totals.textContent()).toMatch(/^5,000 contacts · [\d,]+ messages · [\d,]+ parts · cost ¥[\d.]+ · [\d,]+ conversions$/)
    expect(await page.getByTestId('counts-trigger').textContent()).toContain('5,000 in')
    // One bar for every date the 30 days touch in the workspace's zone (Asia/Shanghai), quiet days too.
    const start = await page.evaluate(() => new Date('2026-12-01T00:00').getTime())
    const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    const touched = new Set(Array.from({ length: 60 }, (_, half) => shanghaiDate.format(start + half * 43_200_000)).concat(shanghaiDate.format(start + 30 * 86_400_000 - 1)))
    expect(await page.locator('.daily-chart__bar').count()).toBe(touched.size)
    // Every contact came along the trigger's connection.
    expect(await page.locator('.react-flow__edge[data-id="e-trigger-out"] .react-flow__edge-text').textContent()).toBe('5,000')
    // Contacts arrive around the clock: some wait for the morning, and say why.
    expect(await page.locator('.simulation').textContent()).toMatch(/held: outside 08:00–21:00/)
    const timelineSelect = page.getByRole('combobox', { name: 'A sample contact’s timeline' })
    const ids = await timelineSelect.locator('option').allTextContents()
    let held = ''
    for (const id of ids) {
      await timelineSelect.selectOption(id)
      const text = (await page.getByTestId('simulated-timeline').textContent()) ?? ''
      if (text.includes('held: outside 08:00–21:00')) {
        held = text
        break
      }
    }
    expect(held).toMatch(/held: outside 08:00–21:00 [A-Za-z_]+\/[A-Za-z_]+, resumes \d{4}-\d{2}-\d{2} 08:00/)
    await page.screenshot({ path: `${SHOTS}/simulation-en.png` })
  }, 120_000)

  it('publishes, then shows live counts change as events arrive, and removes a contact', async () => {
    const { recall, page } = session()
    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version v1').waitFor()
    const headers = recall.adminHeaders
    await recall.app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers,
      payload: ['W-1', 'W-2', 'W-3'].map((id, index) => ({ id, phone: `1390000000${index}`, consent: true, attributes: { name: `观察${index}` } })),
    })
    await page.getByRole('button', { name: '● Live' }).click()
    await page.getByTestId('live-totals').waitFor()
    await recall.app.inject({
      method: 'POST',
      url: '/api/events',
      headers,
      payload: [
        { contactId: 'W-1', name: 'cart_added' },
        { contactId: 'W-2', name: 'cart_added' },
      ],
    })
    // No reload: the server pushes the change.
    await expect.poll(() => page.getByTestId('counts-wait-for-order').textContent(), { timeout: 5_000 }).toBe('2 here now')
    await recall.app.inject({ method: 'POST', url: '/api/events', headers, payload: [{ contactId: 'W-3', name: 'cart_added' }] })
    await expect.poll(() => page.getByTestId('counts-wait-for-order').textContent(), { timeout: 5_000 }).toBe('3 here now')
    // Who waits there, and take one out.
    await page.locator('[data-node-id="wait-for-order"]').click()
    const waiting = page.getByRole('region', { name: 'Contacts waiting at' })
    await waiting.getByText('W-2').waitFor()
    await page.screenshot({ path: `${SHOTS}/monitoring-en.png` })
    await waiting.locator('li', { hasText: 'W-2' }).getByRole('button', { name: 'Remove from journey' }).click()
    // Taking someone out asks once more, naming them.
    await waiting.getByRole('alert').filter({ hasText: 'Remove W-2?' }).getByRole('button', { name: 'Yes, remove' }).click()
    await expect.poll(() => page.getByTestId('counts-wait-for-order').textContent(), { timeout: 5_000 }).toBe('2 here now')
    const removed = (await recall.app.inject({ method: 'GET', url: '/api/contacts/W-2', headers })).json()
    expect(removed.enrollments[0]).toMatchObject({ status: 'exited', exitReason: 'removed' })
  }, 60_000)
})
