import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providerRulesFrom, sendPolicies } from '../../src/providers/send-rules'
import { authorizedApp } from '../support/app'
import { ALIYUN_ACCOUNT as aliyun, TENCENT_ACCOUNT as tencent } from '../support/cloud-accounts'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const ALIYUN_LABEL = { en: 'Aliyun', zh: '阿里云' }
const TENCENT_LABEL = { en: 'Tencent Cloud', zh: '腾讯云' }

describe('provider rules from the settings', () => {
  it("takes each cloud's documented defaults, and the account's own values where set, for the categories routed to it", () => {
    const routes = { marketing: 'tencent', recall: 'aliyun', transactional: 'sandbox' } as const
    expect(providerRulesFrom({ routes, aliyun, tencent, sealed: {} })).toEqual({
      recall: { label: ALIYUN_LABEL, timeZone: 'Asia/Shanghai', marketingWindow: { start: '08:00', end: '20:00' }, dailyTemplateLimit: 50 },
      marketing: { label: TENCENT_LABEL, timeZone: 'Asia/Shanghai', marketingWindow: { start: '08:00', end: '22:00' }, dailyTemplateLimit: 10 },
    })
    const custom = { ...aliyun, marketingWindow: { start: '09:00', end: '19:30' }, dailyTemplateLimit: 5 }
    expect(providerRulesFrom({ routes: { marketing: 'aliyun', recall: 'aliyun', transactional: 'aliyun' }, aliyun: custom, sealed: {} })).toEqual({
      marketing: { label: ALIYUN_LABEL, timeZone: 'Asia/Shanghai', marketingWindow: { start: '09:00', end: '19:30' }, dailyTemplateLimit: 5 },
      recall: { label: ALIYUN_LABEL, timeZone: 'Asia/Shanghai', marketingWindow: { start: '09:00', end: '19:30' }, dailyTemplateLimit: 5 },
      transactional: { label: ALIYUN_LABEL, timeZone: 'Asia/Shanghai', marketingWindow: { start: '09:00', end: '19:30' }, dailyTemplateLimit: 5 },
    })
    expect(providerRulesFrom({ routes: { marketing: 'sandbox', recall: 'twilio', transactional: 'sandbox' }, sealed: {} })).toEqual({})
  })
})

describe.each(DATABASE_KINDS)("a cloud account's hours, rate, daily limit and polling on %s", (kind) => {
  let app: FastifyInstance
  const put = (payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: '/api/settings/providers', headers: { 'accept-language': 'zh-CN' }, payload })
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('saves them, answers them, and the send policies follow at once', async () => {
    const limits = { marketingWindow: { start: '09:00', end: '19:00' }, requestsPerSecond: 20, dailyTemplateLimit: 3, pollReceipts: true }
    const saved = await put({ routes: { recall: 'aliyun' }, aliyun: { ...aliyun, ...limits } })
    expect(saved.statusCode).toBe(200)
    expect(saved.json().aliyun).toEqual({ endpoint: aliyun.endpoint, accessKeyId: aliyun.accessKeyId, signName: aliyun.signName, ...limits })
    expect((await sendPolicies(app.database.db)).providerRules).toEqual({
      recall: { label: ALIYUN_LABEL, timeZone: 'Asia/Shanghai', marketingWindow: { start: '09:00', end: '19:00' }, dailyTemplateLimit: 3 },
    })
  })

  it('refuses a rate under 10 requests a second and a window hour of 24:00, naming the fields in Chinese, and keeps what was saved', async () => {
    const refused = await put({ tencent: { ...tencent, requestsPerSecond: 9, marketingWindow: { start: '08:00', end: '24:00' } } })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().problems.map((problem: { path: string; message: { zh: string } }) => [problem.path, problem.message.zh])).toEqual([
      ['/body/tencent/marketingWindow/end', '结束格式不正确'],
      ['/body/tencent/requestsPerSecond', '每秒请求数不能小于 10'],
    ])
    expect((await app.inject({ method: 'GET', url: '/api/settings/providers' })).json().tencent).toBeUndefined()
  })
})
