import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { signIn } from './support/recall-server'
import { useRecallInChromium } from './support/session'

const HOUR = 3_600_000
let now = Date.parse('2026-11-24T10:15:00+08:00')

describe('tags on the journeys page and the live chart in Chromium', () => {
  const session = useRecallInChromium({ width: 1440, height: 1000 }, { clock: () => now })

  it('files a journey under a tag and filters by it, then charts its entries, conversions and revenue over the last 24 hours', async () => {
    const { recall, page } = session()
    const headers = recall.adminHeaders
    const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
    const birthday = JOURNEY_TEMPLATES.find((template) => template.id === 'birthday')
    await recall.app.inject({ method: 'POST', url: '/api/journeys', headers, payload: birthday })
    await recall.app.inject({ method: 'POST', url: '/api/journeys', headers, payload: cart })
    await recall.app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', headers, payload: {} })
    const people = ['G-1', 'G-2', 'G-3'].map((id, index) => ({ id, phone: `1390000100${index}`, consent: true }))
    await recall.app.inject({ method: 'POST', url: '/api/contacts/import', headers, payload: people })
    await recall.app.inject({ method: 'POST', url: '/api/events', headers, payload: people.map((person) => ({ contactId: person.id, name: 'cart_added' })) })
    now += 2 * HOUR
    await recall.app.runner.processDue()
    await recall.app.inject({ method: 'POST', url: '/api/events', headers, payload: [{ contactId: 'G-1', name: 'order_placed', properties: { revenue: 88 } }] })

    await signIn(page, recall.url)
    const cartRow = page.locator('tr', { has: page.getByRole('link', { name: /^Abandoned cart/ }) })
    await cartRow.getByRole('textbox', { name: /^Add a tag to/ }).fill('双十一')
    await cartRow.getByRole('button', { name: '+ Tag' }).click()
    await cartRow.getByRole('button', { name: 'Remove tag 双十一' }).waitFor()
    await page.getByRole('combobox', { name: 'Tag' }).selectOption('双十一')
    await expect.poll(() => page.locator('table.journeys tbody tr').count()).toBe(1)

    await page.getByRole('link', { name: /^Abandoned cart/ }).click()
    await page.getByRole('button', { name: '● Live' }).click()
    await page.getByLabel('Since').selectOption({ label: 'Last 24 hours' })
    // The all-time chart has the same totals, so wait for the 24-hour series (hourly) before reading them.
    const caption = page.locator('figure.live-chart figcaption')
    await expect.poll(() => caption.textContent(), { timeout: 10_000 }).toBe('Over time (per hour, times in Asia/Shanghai)')
    const totals = page.getByRole('list', { name: 'Total' })
    expect(await totals.textContent()).toMatch(/^Entries 3Sends \dConversions 1Revenue ¥88\.00$/)
    expect(await page.locator('figure.live-chart text.live-chart__label').count()).toBe(13)
  }, 120_000)
})
