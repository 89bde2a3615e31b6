import { describe, expect, it } from 'vitest'
import { E2E_ADMIN } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

describe("a cloud account's limits in the settings page, in Chromium", () => {
  const session = useRecallInChromium({ width: 1280, height: 1100 })

  it("shows Aliyun's marketing hours, rate, daily limit and polling in Chinese", async () => {
    const { recall, browser } = session()
    // A Chinese browser, so that the time fields read 24-hour as a marketer in China sees them.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: 'zh-CN' })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${recall.url}/`)
    await page.getByLabel('邮箱').fill(E2E_ADMIN.email)
    await page.getByLabel('密码').fill(E2E_ADMIN.password)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('heading', { name: '从模板开始' }).waitFor()
    await page.goto(`${recall.url}/#/settings`)
    // The route select by its own label (the control-group field's label mentions 召回 too).
    await page
      .locator('label.field', { has: page.locator('.field__label', { hasText: /^召回$/ }) })
      .locator('select')
      .selectOption('aliyun')
    // The account's own fieldset, by its legend (the templates section below names the cloud too).
    const account = page.locator('fieldset.provider').filter({ has: page.locator('legend', { hasText: '阿里云短信(已审核签名' }) })
    expect(await account.getByLabel('营销短信发送时段开始').inputValue()).toBe('08:00')
    expect(await account.getByLabel('营销短信发送时段结束').inputValue()).toBe('20:00')
    expect(await account.getByLabel('每秒请求数').getAttribute('placeholder')).toBe('默认 5000')
    await account.scrollIntoViewIfNeeded()
    await account.screenshot({ path: `${SHOTS}/cloud-limits-zh.png` })
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
