import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { dragHandle, viewportSettled } from './support/canvas'
import { E2E_ADMIN, type RunningRecall, signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

const DAY = 86_400_000
const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
/** The demo clock, moved by hand: a month in one step is what 12 real minutes at an hour a second would do. */
let demoNow = Date.parse('2026-11-20T09:00:00Z')

async function draftOnServer(recall: RunningRecall): Promise<JourneyDocument> {
  const response = await recall.app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart', headers: recall.adminHeaders })
  return response.json().journey.draft
}

const reminderText = (draft: JourneyDocument) => (draft.nodes.find((node) => node.id === 'cart-reminder')?.data as { text?: string } | undefined)?.text

async function typeReminder(page: Page, text: string) {
  await page.locator('[data-node-id="cart-reminder"]').click()
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text)
}

describe('a marketer editing all day, and a colleague on the same draft', () => {
  const session = useRecallInChromium({ width: 1440, height: 900 }, { clock: () => demoNow })

  it('stays signed in while the demo clock runs a month ahead, and keeps an edit made after the session ended', async () => {
    const { recall, page } = session()
    await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: cart })
    await signIn(page, recall.url)
    await page.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await page.waitForSelector('[data-node-id="cart-reminder"]')
    demoNow += 30 * DAY
    await typeReminder(page, '购物车还在等你 {{name|朋友}}')
    await page.getByText('Saved', { exact: true }).waitFor()
    expect(reminderText(await draftOnServer(recall))).toBe('购物车还在等你 {{name|朋友}}')

    // The session ends (signed out elsewhere): the edit stays on the page and in the browser, and saves after signing in.
    await page.context().clearCookies()
    await typeReminder(page, '周末专享:购物车商品 9 折')
    await page.getByText('Your session ended. Sign in again', { exact: false }).waitFor()
    await page.getByText('Kept in this browser: saves after sign-in').waitFor()
    const dialog = page.getByRole('dialog', { name: 'Sign in to Recall' })
    await dialog.getByLabel('Email').fill(E2E_ADMIN.email)
    await dialog.getByLabel('Password').fill(E2E_ADMIN.password)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('Saved', { exact: true }).waitFor()
    expect(reminderText(await draftOnServer(recall))).toBe('周末专享:购物车商品 9 折')
    expect(await page.getByRole('button', { name: '↶ Undo' }).isEnabled()).toBe(true)
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('recall.pending-draft.')))).toEqual([])
  }, 120_000)

  it('shows a second tab who else is editing, and a save against a newer draft as a conflict to resolve', async () => {
    const { recall, page, browser } = session()
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
    await signIn(other, recall.url)
    await other.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await other.waitForSelector('[data-node-id="cart-reminder"]')
    expect(await page.getByTestId('presence').textContent()).toBe(`Also editing: ${'运营管理员'}`)
    await typeReminder(other, '同事改的文案')
    await other.getByText('Saved', { exact: true }).waitFor()
    await page.getByTestId('colleague-changes').getByText('saved a newer draft (revision', { exact: false }).waitFor()

    await typeReminder(page, '我改的文案')
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved this draft' })
    await conflict.waitFor()
    // Theirs since the draft this tab opened, and mine apart: both changed the reminder.
    const changes = (name: string) => conflict.getByRole('list', { name }).getByRole('listitem').allTextContents()
    expect([await changes('Their changes'), await changes('Your unsaved changes')]).toEqual([['They changed "cart-reminder"'], ['You changed "cart-reminder"']])
    expect(reminderText(await draftOnServer(recall))).toBe('同事改的文案')
    await conflict.getByRole('button', { name: 'Overwrite with mine' }).click()
    await page.getByText('Saved', { exact: true }).waitFor()
    expect(reminderText(await draftOnServer(recall))).toBe('我改的文案')
    await other.close()
    await page.getByTestId('presence').waitFor({ state: 'detached' })
  }, 120_000)

  it('keeps "VIP Gold" and 3.50 as typed in a segment condition, and stores them typed by the attribute in the contacts catalog', async () => {
    const { recall, page } = session()
    const birthday = JOURNEY_TEMPLATES.find((template) => template.id === 'birthday')
    await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: birthday })
    // The catalog learns from the contacts: spend is a number, tier is text.
    const contacts = [{ id: 'S-1', phone: '13812340001', consent: true, attributes: { tier: 'gold', spend: 120 } }]
    expect((await recall.app.inject({ method: 'POST', url: '/api/contacts/import', headers: recall.adminHeaders, payload: contacts })).statusCode).toBe(200)
    await page.goto(`${recall.url}/#/journeys/birthday`)
    await page.locator('[data-node-id="by-tier"]').click()
    const values = page.getByRole('textbox', { name: 'Value', exact: true })
    await values.first().fill('')
    await values.first().pressSequentially('VIP Gold, gold')
    expect(await values.first().inputValue()).toBe('VIP Gold, gold')
    await values.first().press('Tab')
    await page.getByText('= "VIP Gold", "gold" (text)', { exact: true }).waitFor()
    await page.getByRole('button', { name: '+ Condition' }).first().click()
    // The new condition's attribute becomes spend: its value is read as a number with no switch touched.
    await page.locator('.condition__leaf').nth(1).locator('input[list]').fill('spend')
    expect(await page.getByRole('combobox', { name: 'Value type' }).nth(1).inputValue()).toBe('number')
    await values.nth(1).fill('')
    await values.nth(1).pressSequentially('3.50')
    await values.nth(1).press('Tab')
    expect(await values.nth(1).inputValue()).toBe('3.50')
    await page.getByText('= 3.5 (number)', { exact: true }).waitFor()
    await page.getByText('Saved', { exact: true }).waitFor()
    const stored = (await recall.app.inject({ method: 'GET', url: '/api/journeys/birthday', headers: recall.adminHeaders })).json().journey.draft
    const split = stored.nodes.find((node: { id: string }) => node.id === 'by-tier')
    expect(split.data.branches[0].condition.conditions.map((condition: { attribute: string; value: unknown }) => [condition.attribute, condition.value])).toEqual([
      ['tier', ['VIP Gold', 'gold']],
      ['spend', 3.5],
    ])
  }, 120_000)

  it('shows a replaced connection and the nodes it cut off, and undo restores it', async () => {
    const { page } = session()
    await page.goto(`${page.url().split('#')[0]}#/journeys/abandoned-cart`)
    await page.waitForSelector('[data-node-id="cart-reminder"]')
    // The opening view moves the canvas once the nodes are measured; a fit before it would be undone.
    await viewportSettled(page)
    await page.locator('.react-flow__controls-fitview').click()
    await viewportSettled(page)
    await dragHandle(page, '[data-node-id="wait-for-order"] .react-flow__handle.source[data-handleid="timeout"]', '[data-node-id="done"] .react-flow__handle.target')
    const notice = page.getByRole('status').filter({ hasText: 'Replaced the connection' })
    expect(await notice.textContent()).toBe(
      'Replaced the connection wait-for-order "timeout" → cart-reminder: 3 nodes are no longer reached (cart-reminder, wait-1-day, cart-coupon). Undo (Ctrl/⌘+Z) puts it back.',
    )
    await page.getByRole('button', { name: '↶ Undo' }).click()
    await page.locator('.react-flow__edge[data-id="e-wait-for-order-timeout"]').waitFor()
    expect(await page.locator('.react-flow__edge[data-id="e-wait-for-order-timeout-done"]').count()).toBe(0)
  }, 120_000)

  it('refuses overnight allowed sending hours with the reason at the field', async () => {
    const { recall, page } = session()
    await page.goto(`${recall.url}/#/settings`)
    const allowed = page.getByRole('group', { name: 'Allowed sending hours: marketing and recall messages go out only inside these slots (and 08:00–21:00)' })
    await allowed.getByRole('button', { name: '+ Add a time slot' }).click()
    await allowed.getByLabel('from').fill('22:00')
    await allowed.getByLabel('to').fill('07:00')
    await allowed.getByText('runs overnight, into the next day').waitFor()
    await page.getByRole('button', { name: 'Save', exact: true }).first().click()
    expect(await allowed.getByRole('alert').textContent()).toBe(
      'Allowed sending hours 22:00–07:00 leave no time inside the legal window 08:00–21:00: no marketing or recall message could ever be sent',
    )
  }, 120_000)

  it('journeys page: duplicates, finds, deletes a draft, starts a blank journey', async () => {
    const { recall, page } = session()
    await page.goto(`${recall.url}/#/journeys`)
    const cartRow = page.locator('tr', { has: page.locator('a[href="#/journeys/abandoned-cart"]') })
    const cartName = await cartRow.getByRole('link').textContent()
    await cartRow.getByRole('button', { name: 'Duplicate' }).click()
    await page.waitForURL(`${recall.url}/#/journeys/abandoned-cart-copy`)
    await page.waitForSelector('[data-node-id="cart-reminder"]')
    await page.goto(`${recall.url}/#/journeys`)
    await page.getByRole('searchbox', { name: 'Search journeys by name or id' }).fill('copy')
    expect(await page.locator('table.journeys tbody tr a').allTextContents()).toEqual([`${cartName} (copy)`])
    const copyRow = page.locator('tr', { has: page.locator('a[href="#/journeys/abandoned-cart-copy"]') })
    await copyRow.getByRole('button', { name: 'Delete' }).click()
    await copyRow.getByRole('button', { name: 'Yes' }).click()
    await page.getByText('No journey matches').waitFor()
    await page.getByRole('searchbox', { name: 'Search journeys by name or id' }).fill('')
    await page.getByLabel('Sort by').selectOption('status')
    await page.screenshot({ path: `${SHOTS}/journeys-page-en.png` })
    await page.getByRole('button', { name: '+ New blank journey' }).click()
    await page.waitForURL(`${recall.url}/#/journeys/journey`)
    await page.locator('.react-flow__node').nth(1).waitFor()
    expect(await page.locator('.react-flow__node').count()).toBe(2)
    const stored = (await recall.app.inject({ method: 'GET', url: '/api/journeys/journey', headers: recall.adminHeaders })).json()
    expect([stored.journey.name, stored.journey.draft.nodes.map((node: { type: string }) => node.type), stored.problems]).toEqual(['New journey', ['trigger', 'exit'], []])
  }, 120_000)

  it('shows the draft against the live version field by field, and restores the live version as the draft', async () => {
    const { recall, page } = session()
    const published = await recall.app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', headers: recall.adminHeaders, payload: { note: 'Before the test' } })
    expect(published.statusCode).toBe(200)
    await page.goto(`${recall.url}/#/journeys/abandoned-cart`)
    await page.waitForSelector('[data-node-id="wait-1-day"]')
    await page.locator('[data-node-id="wait-1-day"]').click()
    await page.locator('.inspector input[type="number"]').first().fill('5')
    await typeReminder(page, '周末专享:购物车商品 8 折')
    await page.getByText('Saved', { exact: true }).waitFor()
    const diff = page.getByRole('region', { name: 'Draft compared with the live version' })
    await diff.getByText('Wait 1 day → Wait 5 days').waitFor()
    expect(await diff.locator('ins').allTextContents()).toEqual(['周末专享:购物车商品 8 折'])
    await diff.screenshot({ path: `${SHOTS}/readable-diff-en.png` })
    await page.screenshot({ path: `${SHOTS}/readable-diff-editor-en.png` })
    await page.locator('.versions__list li').first().getByRole('button', { name: 'View' }).click()
    await page.getByRole('button', { name: 'Restore this version as the draft' }).click()
    await page.getByText('Saved', { exact: true }).waitFor()
    const draft = await draftOnServer(recall)
    const wait = draft.nodes.find((node) => node.id === 'wait-1-day') as { data: { duration: { amount: number } } }
    expect(wait.data.duration.amount).toBe(1)
    expect(reminderText(draft)).toBe('我改的文案')
  }, 120_000)
})
