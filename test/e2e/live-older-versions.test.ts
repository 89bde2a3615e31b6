import { describe, expect, it } from 'vitest'
import { signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

describe('contacts left on an older version, in the Live view in Chromium', () => {
  const session = useRecallInChromium({ width: 1440, height: 1000 })

  it('publishes, enrolls, republishes, and shows the contacts still on v1 apart from v2’s counts, in English and Chinese', async () => {
    const { recall, page } = session()
    const headers = recall.adminHeaders
    const enter = async (ids: string[]) => {
      await recall.app.inject({
        method: 'POST',
        url: '/api/contacts/import',
        headers,
        payload: ids.map((id, index) => ({
          id,
          phone: `13${id.startsWith('OLD') ? 8 : 9}0000000${index}`,
          consent: true,
          attributes: { name: `${id.startsWith('OLD') ? '老' : '新'}客${index}` },
        })),
      })
      await recall.app.inject({ method: 'POST', url: '/api/events', headers, payload: ids.map((id) => ({ contactId: id, name: 'cart_added' })) })
    }
    await signIn(page, recall.url)
    const card = page.locator('.template-card', { has: page.getByRole('heading', { name: 'Abandoned cart' }) })
    await card.getByRole('button', { name: 'Use this template' }).click()
    await page.waitForSelector('[data-node-id="wait-1-day"]')
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version v1').waitFor()
    // Three contacts enter v1 and wait for an order.
    await enter(['OLD-1', 'OLD-2', 'OLD-3'])

    // v2 waits two days before the coupon; the contacts in flight are left on v1 (the default).
    await page.locator('[data-node-id="wait-1-day"]').click()
    await page.locator('.inspector input[type="number"]').first().fill('2')
    await expect.poll(() => page.locator('[data-node-id="wait-1-day"] .journey-node__summary').textContent()).toBe('Wait 2 days')
    await page.getByText('Saved', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByLabel('What changed in this version?').fill('Two days before the coupon')
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version v2').waitFor()
    await enter(['NEW-1', 'NEW-2'])

    await page.getByRole('button', { name: '● Live' }).click()
    const older = page.getByTestId('older-versions')
    await older.waitFor()
    // The canvas draws v2 and counts its two contacts only; v1's three are listed apart.
    await expect.poll(() => page.getByTestId('counts-wait-for-order').textContent()).toBe('2 here now')
    expect(await page.getByTestId('live-totals').textContent()).toMatch(/^5 in the journey now/)
    expect(await older.getByRole('heading').first().textContent()).toBe('3 contacts are still on older versions')
    expect(await older.locator('.hint').textContent()).toBe('Contacts stay on the version they entered until they leave the journey; the canvas counts only v2’s.')
    const v1 = page.getByTestId('older-version-1')
    expect(await v1.locator('strong').first().textContent()).toMatch(/^v1 · published .+ · 3 contacts$/)
    const atWait = v1.getByRole('button', { name: /^wait-for-order/ })
    await expect.poll(() => atWait.textContent()).toBe('wait-for-order Wait for order_placed · up to 1 hour: 3')
    await atWait.click()
    const waiting = older.getByRole('region', { name: 'Contacts waiting at' })
    await waiting.getByText('OLD-3').waitFor()
    expect(await waiting.getByRole('heading').textContent()).toBe('Contacts waiting at wait-for-order on v1')
    expect((await waiting.locator('li a').allTextContents()).sort()).toEqual(['OLD-1', 'OLD-2', 'OLD-3'])
    await page.screenshot({ path: `${SHOTS}/live-older-versions-en.png` })

    await page.getByRole('button', { name: '中文' }).click()
    await expect.poll(() => older.getByRole('heading').first().textContent()).toBe('仍有 3 位联系人停留在旧版本上')
    expect(await older.locator('.hint').textContent()).toBe('联系人会一直停留在进入时的版本,直到离开旅程;画布上只统计第 2 版的联系人。')
    expect(await v1.locator('strong').first().textContent()).toMatch(/^第 1 版 · 发布于 .+ · 3 位联系人$/)
    expect(await page.getByTestId('counts-wait-for-order').textContent()).toBe('2 当前')
    expect(await page.getByRole('region', { name: '等待于此节点的联系人' }).getByRole('heading').textContent()).toBe('等待于此节点的联系人 wait-for-order (第 1 版)')
    await page.screenshot({ path: `${SHOTS}/live-older-versions-zh.png` })
  }, 120_000)
})
