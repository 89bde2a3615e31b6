import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { signIn } from './support/recall-server'
import { useRecallInChromium } from './support/session'

describe('estimated contacts of a split branch in Chromium', () => {
  const session = useRecallInChromium({ width: 1440, height: 900 })

  it('counts the contacts a branch selects and updates the count as the condition is edited', async () => {
    const { recall, page } = session()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const csv = 'id,phone,tier\nT-1,13812345601,gold\nT-2,13812345602,gold\nT-3,13812345603,gold\nT-4,13812345604,platinum\nT-5,13812345605,silver\nT-6,13812345606,silver\n'
    const imported = await recall.app.inject({ method: 'POST', url: '/api/contacts/import', headers: { ...recall.adminHeaders, 'content-type': 'text/csv' }, payload: csv })
    expect(imported.json()).toMatchObject({ inserted: 6 })
    const birthday = JOURNEY_TEMPLATES.find((template) => template.id === 'birthday')
    expect((await recall.app.inject({ method: 'POST', url: '/api/journeys', headers: recall.adminHeaders, payload: birthday })).statusCode).toBe(201)

    await signIn(page, recall.url)
    await page.goto(`${recall.url}/#/journeys/birthday`)
    await page.locator('[data-node-id="by-tier"]').click()
    const count = page.getByTestId('estimated-count')
    // The template's branch: tier in gold, platinum.
    await expect.poll(() => count.textContent()).toBe('4 contacts match')
    const value = page.locator('.condition__leaf input[type="text"]').nth(1)
    expect(await value.inputValue()).toBe('gold, platinum')
    await value.fill('gold')
    await value.press('Enter')
    await expect.poll(() => count.textContent()).toBe('3 contacts match')
    await value.fill('silver')
    await value.press('Enter')
    await expect.poll(() => count.textContent()).toBe('2 contacts match')
    // The attribute box offers what the import brought; a typo is kept, with a warning.
    const attribute = page.locator('.condition__leaf input[list]').first()
    await expect.poll(() => attribute.evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value))).toEqual(['tier'])
    await attribute.fill('teir')
    expect(await page.getByRole('note').first().textContent()).toBe('No contact has this attribute')
    expect(errors).toEqual([])
  })
})
