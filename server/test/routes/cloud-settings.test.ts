import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const aliyun = { endpoint: 'https://dysmsapi.aliyuncs.com', accessKeyId: 'LTAI5tExample', signName: '乐享商城' }
const tencent = { endpoint: 'https://sms.tencentcloudapi.com', region: 'ap-guangzhou', secretId: 'AKIDExample', smsSdkAppId: '1400006666', signName: '乐享商城' }
const routes = { marketing: 'tencent', recall: 'aliyun', transactional: 'sandbox' }

describe.each(DATABASE_KINDS)('Aliyun and Tencent account settings on %s', (kind) => {
  let app: FastifyInstance
  const put = (payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: '/api/settings/providers', headers: { 'accept-language': 'zh-CN' }, payload })
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses a route to a cloud without its callback token, naming the field in Chinese, and saves nothing', async () => {
    const refused = await put({
      routes,
      aliyun: { ...aliyun, accessKeySecret: 'aliyun-secret-123' },
      tencent: { ...tencent, secretKey: 'tencent-key-123', callbackToken: 'tencent-token-123' },
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().problems.map((problem: { path: string; message: { zh: string } }) => [problem.path, problem.message.zh])).toEqual([
      ['/body/aliyun/callbackToken', 'aliyun 需要填写"callbackToken":否则无法校验其回调签名,任何人都可以伪造回执或订阅回复'],
    ])
    expect((await app.inject({ method: 'GET', url: '/api/settings/providers' })).json().routes).toEqual({ marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' })
  })

  it('refuses a malformed SdkAppId naming its field', async () => {
    const refused = await put({ routes, tencent: { ...tencent, smsSdkAppId: 'app-1' } })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().problems.map((problem: { path: string }) => problem.path)).toEqual(['/body/tencent/smsSdkAppId'])
  })

  it("seals both accounts' secrets and answers only which are set", async () => {
    const saved = await put({
      routes,
      aliyun: { ...aliyun, accessKeySecret: 'aliyun-secret-123', callbackToken: 'aliyun-token-123' },
      tencent: { ...tencent, secretKey: 'tencent-key-123', callbackToken: 'tencent-token-123' },
    })
    expect(saved.json()).toEqual({
      routes,
      aliyun,
      tencent,
      secretsSet: ['aliyun.accessKeySecret', 'aliyun.callbackToken', 'tencent.callbackToken', 'tencent.secretKey'],
    })
    expect(JSON.stringify((await app.inject({ method: 'GET', url: '/api/settings/providers' })).json())).not.toMatch(/secret-123|token-123|key-123/)
  })
})
