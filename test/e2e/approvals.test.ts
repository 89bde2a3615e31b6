import { accessRepository } from '@recall/server'
import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
const withReminder = (text: string): JourneyDocument => ({
  ...cart,
  nodes: cart.nodes.map((node) => (node.id === 'cart-reminder' ? ({ ...node, data: { ...node.data, text } } as typeof node) : node)),
})
const EVE = { email: 'eve@shop.example', password: 'eve-password-1' }
/** 10:00 in Shanghai: the shoppers' reminders fall inside the next 24 hours of the forecast. */
const now = Date.parse('2026-12-01T02:00:00Z')

async function signInAs(page: Page, url: string, account: { email: string; password: string }) {
  await page.goto(`${url}/`)
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Start from a template' }).waitFor()
}

describe('approvals in the browser', () => {
  const session = useRecallInChromium({ width: 1440, height: 1000 }, { clock: () => now })

  it('an editor without "can publish" submits the draft; an admin sees the diff and forecast, approves, and it is live', async () => {
    const { recall, page, browser } = session()
    const api = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
      recall.app.inject({ method, url: `/api/${url}`, headers: recall.adminHeaders, payload: payload as object })
    await accessRepository(recall.app.database.db).createUser({ ...EVE, name: 'Eve 编辑', role: 'editor', canPublish: false })
    await api('POST', 'journeys', cart)
    await api('POST', 'journeys/abandoned-cart/publish', { note: 'First cart reminder' })
    const ids = Array.from({ length: 40 }, (_, index) => `S-${index + 1}`)
    await api(
      'POST',
      'contacts/import',
      ids.map((id, index) => ({ id, phone: `138${String(10_000_000 + index)}`, consent: true, time_zone: 'Asia/Shanghai' })),
    )
    await api(
      'POST',
      'events',
      ids.map((contactId) => ({ contactId, name: 'cart_added' })),
    )
    await recall.app.runner.processDue()
    await api('PUT', 'journeys/abandoned-cart/draft', withReminder('【乐享】您的购物车还在等您,今日下单立减 10 元 回T退订'))

    // Eve: Publish becomes "Submit for review", on the toolbar and in the dialog.
    await signInAs(page, recall.url, EVE)
    await page.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await page.waitForSelector('[data-node-id="cart-reminder"]')
    await page.getByRole('toolbar').getByRole('button', { name: 'Submit for review', exact: true }).click()
    const submit = page.getByRole('dialog', { name: 'Submit for review' })
    await submit.getByLabel('Note for the reviewer').fill('Warmer reminder with ¥10 off')
    await submit.getByRole('button', { name: 'Submit for review' }).click()
    await page.getByText('Submitted for review', { exact: true }).waitFor()
    await page.getByText(/^Waiting for review: Eve 编辑/).waitFor()
    const refused = await recall.app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/versions', headers: recall.adminHeaders })
    expect(refused.json().versions.length).toBe(1)

    // The admin, in another browser: reviews and approves.
    const admin = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' })
    await signIn(admin, recall.url)
    await admin.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await admin.getByRole('button', { name: 'Review', exact: true }).click()
    const review = admin.getByRole('dialog', { name: 'Review the submitted version' })
    await review.getByText('Message text changed').waitFor()
    const forecast = review.getByRole('region', { name: 'Forecast at submission' })
    // The dialog shows the figures recorded with the submission (the forecast's entrants make them vary a little from run to run).
    const [stored] = (await recall.app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/approvals', headers: recall.adminHeaders })).json().approvals
    expect(stored.forecast.next24hMessages).toBeGreaterThanOrEqual(40)
    expect(await forecast.textContent()).toBe(
      `Forecast at submissionMessages in the next 24 hours${stored.forecast.next24hMessages}Cost over 14 days¥${stored.forecast.cost.toFixed(2)}`,
    )
    await review.getByLabel('Comment (required to reject)').fill('Approved for the weekend')
    await admin.screenshot({ path: `${SHOTS}/approvals-review-en.png` })
    await review.getByRole('button', { name: 'Approve and publish' }).click()
    await admin.getByText('Published version v2').waitFor()
    const history = admin.getByRole('region', { name: 'Publishing history' })
    await history.getByText('Approved for the weekend').waitFor()
    expect(await history.locator('li').allTextContents()).toHaveLength(4)
    await history.screenshot({ path: `${SHOTS}/approvals-history-en.png` })

    // The same history in Chinese.
    await admin.getByRole('button', { name: '中文' }).click()
    await admin.getByRole('region', { name: '发布记录' }).screenshot({ path: `${SHOTS}/approvals-history-zh.png` })
    const live = await recall.app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/versions/2', headers: recall.adminHeaders })
    expect(live.json().document.nodes.find((node: { id: string }) => node.id === 'cart-reminder').data.text).toBe('【乐享】您的购物车还在等您,今日下单立减 10 元 回T退订')
    await admin.close()
  }, 240_000)
})
