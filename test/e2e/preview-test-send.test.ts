import { shortLinkCode } from '@recall/engine'
import { keyedLinkCodes, shortLinkSecret } from '@recall/server'
import { JOURNEY_TEMPLATES, MESSAGE_STATUS_LABELS } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { signIn } from './support/recall-server'
import { useRecallInChromium } from './support/session'

const NOW = Date.parse('2026-11-24T10:00:00+08:00')
/** The template's first SMS as the server renders it for `name` under the message key `key` (a preview's link code is the plain hash; a sent one's is keyed). */
const firstTouch = (name: string, key: string, linkCode = shortLinkCode(key)) => `【乐享商城】${name},好久不见!送您满100减30券,7天有效,点击领取 https://rcl.to/${linkCode} 回T退订`

describe('preview as a contact and test send in Chromium', () => {
  const session = useRecallInChromium({ width: 1440, height: 900 }, { clock: () => NOW })

  it('previews every message as a chosen contact, sends one as a test and finds it marked test on the Messages page', async () => {
    const { recall, page } = session()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const contacts = [{ id: 'W-1', phone: '13812345671', consent: true, attributes: { name: '王先生' } }]
    expect((await recall.app.inject({ method: 'POST', url: '/api/contacts/import', headers: recall.adminHeaders, payload: contacts })).statusCode).toBe(200)
    const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
    expect((await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: journey })).statusCode).toBe(201)

    await signIn(page, recall.url)
    await page.goto(`${recall.url}/#/journeys/win-back-90-days`)
    await page.waitForSelector('[data-node-id="first-touch"]')
    await page.getByRole('button', { name: 'Preview as contact' }).click()
    const panel = page.getByRole('region', { name: 'Preview as contact' })
    const firstText = panel.getByTestId('preview-first-touch').getByTestId('preview-text')
    await expect.poll(() => firstText.textContent()).toBe(firstTouch('张女士', 'preview:sample:first-touch'))
    // Every message node, in the order a contact meets them.
    expect(await panel.locator('.preview-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')))).toEqual([
      'preview-first-touch',
      'preview-second-touch-clicked',
      'preview-second-touch-silent',
      'preview-last-call',
    ])

    // A real contact, found by name: the texts follow.
    await panel.getByRole('searchbox').fill('王')
    await panel.getByRole('button', { name: '王先生 (W-1)' }).click()
    await expect.poll(() => firstText.textContent()).toBe(firstTouch('王先生', 'preview:W-1:first-touch'))
    // Its heading opens the node's form beside the preview, with a "Send test" of its own.
    await panel.getByRole('button', { name: 'Send SMS first-touch' }).click()
    await page.getByRole('complementary', { name: 'Send SMS' }).getByRole('button', { name: 'Send test' }).waitFor()
    await page.screenshot({ path: 'docs/preview-as-contact.png' })

    // Send test: a bad number is refused under the field, a good one goes out through the sandbox.
    await panel.getByTestId('preview-first-touch').getByRole('button', { name: 'Send test' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Test phone number').fill('12345')
    await dialog.getByRole('button', { name: 'Send', exact: true }).click()
    expect(await dialog.getByRole('alert').textContent()).toBe('Test phone number: "12345" is not a valid phone number (default region CN)')
    await dialog.getByLabel('Test phone number').fill('138 0013 8000')
    await dialog.getByRole('button', { name: 'Send', exact: true }).click()
    const sent = dialog.getByRole('status')
    await sent.waitFor()
    const [stored] = (await recall.app.inject({ method: 'GET', url: '/api/messages?test=true', headers: recall.adminHeaders })).json().messages
    expect(stored).toMatchObject({ test: true, phone: '+8613800138000', nodeId: 'first-touch', contactId: null })
    expect(stored.text).toBe(firstTouch('王先生', stored.idempotencyKey, keyedLinkCodes(await shortLinkSecret(recall.app.database.db))(stored.idempotencyKey)))
    const label = MESSAGE_STATUS_LABELS[stored.status as 'delivered' | 'failed'].en
    expect(await sent.locator('p').textContent()).toBe(`Sent to +8613800138000: ${label}${stored.error ? ` (${stored.error})` : ''}`)
    await dialog.getByRole('button', { name: 'Close' }).click()

    // The Messages page lists it with a "test" badge, and the filter shows test sends only.
    await page.goto(`${recall.url}/#/messages`)
    const row = page.locator('tbody tr', { hasText: stored.text })
    await row.waitFor()
    expect(await row.getByTestId('test-badge').textContent()).toBe('test')
    await page.getByRole('checkbox', { name: 'Test sends only' }).check()
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1)
    expect(await page.locator('tbody tr').getByTestId('test-badge').count()).toBe(1)
    expect(errors).toEqual([])
  })
})
