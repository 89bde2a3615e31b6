import { copyFileSync } from 'node:fs'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeAliyun, startFakeAliyun } from '../../server/test/support/fake-aliyun'
import { signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

// Provider credentials are sealed with the server's key, read when the app is built.
process.env.RECALL_SECRET_KEY ??= 'an-e2e-secret-key-0123456789abcdef'

const ALIYUN = { accessKeyId: 'LTAI5tE2eKey', accessKeySecret: 'aliyun-e2e-secret-0123' }

describe('template mapping in the SMS inspector, in Chromium', () => {
  let aliyun: FakeAliyun
  beforeAll(async () => {
    aliyun = await startFakeAliyun({
      ...ALIYUN,
      templates: ['SMS_480001'],
      listed: [
        { code: 'SMS_480001', name: '召回券', text: '${name},好久不见!送您${coupon}一张,7天有效,点击领取 ${link} 回T退订', templateType: 1, auditStatus: 'AUDIT_STATE_PASS' },
        { code: 'SMS_480002', name: '新品上架', text: '${name},新品已上架,快来看看 ${link} 回T退订', templateType: 1, auditStatus: 'AUDIT_STATE_INIT' },
        { code: 'SMS_480003', name: '发货通知', text: '您的订单${order}已发货', templateType: 0, auditStatus: 'AUDIT_STATE_PASS' },
      ],
    })
  })
  afterAll(() => aliyun?.close())
  const session = useRecallInChromium({ width: 1440, height: 960 })

  it('syncs the Aliyun templates, picks one for a recall SMS, maps its variables and shows the exact final text', async () => {
    const { recall, page } = session()
    const inject = (method: 'PUT' | 'POST', url: string, payload?: unknown) => recall.app.inject({ method, url, headers: recall.adminHeaders, ...(payload ? { payload } : {}) })
    const saved = await inject('PUT', '/api/settings/providers', {
      routes: { marketing: 'sandbox', recall: 'aliyun', transactional: 'sandbox' },
      aliyun: { endpoint: aliyun.endpoint, ...ALIYUN, signName: '乐享商城', callbackToken: 'aliyun-e2e-token' },
    })
    expect(saved.statusCode).toBe(200)
    expect(
      (
        await inject(
          'POST',
          '/api/journeys',
          JOURNEY_TEMPLATES.find((journey) => journey.id === 'win-back-90-days'),
        )
      ).statusCode,
    ).toBe(201)

    await signIn(page, recall.url)
    await page.goto(`${recall.url}/#/settings`)
    const registry = page.locator('fieldset.cloud-templates').first()
    await registry.getByRole('button', { name: 'Sync from the cloud' }).click()
    await expect.poll(() => registry.getByRole('status').textContent()).toBe('3 templates, as the cloud lists them')
    await registry.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/template-registry-en.png` })
    copyFileSync(`${SHOTS}/template-registry-en.png`, 'docs/template-registry.png')

    await page.goto(`${recall.url}/#/journeys/win-back-90-days`)
    await page.locator('[data-node-id="first-touch"]').click()
    await page.getByRole('combobox', { name: 'Approved template' }).selectOption('SMS_480001')
    await page.getByRole('combobox', { name: 'coupon', exact: true }).selectOption('engine:coupon.label')
    expect(await page.getByTestId('template-final-text').textContent()).toBe('【乐享商城】张女士,好久不见!送您满100减30券一张,7天有效,点击领取 https://rcl.to/aB3dE9x 回T退订')
    expect(await page.getByTestId('template-parts').locator('.sms-editor__parts').textContent()).toBe('1 part')
    // The node's own problems are gone; the other recall SMS still has to pick a template.
    await expect.poll(() => page.locator('[data-node-id="first-touch"] .journey-node__problem').count()).toBe(0)
    expect(await page.locator('[data-node-id="second-touch-silent"] .journey-node__problem').count()).toBe(1)
    await page.locator('.inspector').screenshot({ path: `${SHOTS}/template-mapping-en.png` })
    await page.screenshot({ path: `${SHOTS}/template-mapping-page-en.png` })
    copyFileSync(`${SHOTS}/template-mapping-page-en.png`, 'docs/template-mapping.png')
  }, 120_000)
})
