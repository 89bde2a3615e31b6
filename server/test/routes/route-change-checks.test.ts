import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { ALIYUN_ACCOUNT as aliyun, TENCENT_ACCOUNT as tencent } from '../support/cloud-accounts'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

/** A journey whose one SMS is free text: fine on the sandbox or Twilio, refused by a template cloud. */
const freeText = (id: string, category: string) => ({
  schemaVersion: 1,
  id,
  name: `Journey ${id}`,
  description: '',
  settings: { category, brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    { id: 'sms', type: 'send_sms', position: { x: 300, y: 0 }, data: { text: '好久不见 回T退订', category } },
    { id: 'done', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
})

describe.each(DATABASE_KINDS)('routing a category to a template cloud under running journeys on %s', (kind) => {
  let app: FastifyInstance
  const put = (routes: Record<string, string>) =>
    app.inject({ method: 'PUT', url: '/api/settings/providers', headers: { 'accept-language': 'zh-CN' }, payload: { routes, aliyun, tencent } })
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
    for (const [id, category] of [
      ['live-recall', 'recall'],
      ['paused-marketing', 'marketing'],
      ['draft-transactional', 'transactional'],
    ] as const) {
      expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: freeText(id, category) })).statusCode).toBe(201)
    }
    expect((await app.inject({ method: 'POST', url: '/api/journeys/live-recall/publish', payload: {} })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/journeys/paused-marketing/publish', payload: {} })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/journeys/paused-marketing/pause', payload: {} })).statusCode).toBe(200)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses routes that would leave live and paused journeys sending free text to a cloud, naming each journey and node, and saves nothing', async () => {
    const refused = await put({ marketing: 'tencent', recall: 'aliyun', transactional: 'sandbox' })
    expect([refused.statusCode, refused.json().error]).toEqual([409, 'routes_break_live_journeys'])
    expect(refused.json().message).toBe('此服务商设置会使运行中的旅程无法发送:请先为其改用已审核通过的模板并重新发布,或保持该类别原有的服务商')
    expect(
      refused.json().problems.map((problem: { code: string; nodeId: string; path: string; text: string }) => [problem.code, problem.nodeId, problem.path, problem.text]),
    ).toEqual([
      [
        'template.not_chosen',
        'sms',
        '/journeys/live-recall/nodes/1/data/providerTemplate',
        '旅程"Journey live-recall"(线上版本 1)的节点 sms:此短信经阿里云短信发送,只能使用已审核的模板:请选择模板',
      ],
      [
        'template.not_chosen',
        'sms',
        '/journeys/paused-marketing/nodes/1/data/providerTemplate',
        '旅程"Journey paused-marketing"(线上版本 1)的节点 sms:此短信经腾讯云短信发送,只能使用已审核的模板:请选择模板',
      ],
    ])
    const english = await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: { routes: { marketing: 'sandbox', recall: 'aliyun', transactional: 'sandbox' }, aliyun },
    })
    expect(english.json().problems.map((problem: { text: string }) => problem.text)).toEqual([
      'Journey "Journey live-recall" (live version 1), node sms: This message goes through Aliyun SMS, which sends only approved templates: pick one',
    ])
    const stored = (await app.inject({ method: 'GET', url: '/api/settings/providers' })).json()
    expect([stored.routes, stored.secretsSet]).toEqual([{ marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, []])
  })

  it('saves a cloud route for a category only draft journeys use', async () => {
    const saved = await put({ marketing: 'sandbox', recall: 'sandbox', transactional: 'aliyun' })
    expect([saved.statusCode, saved.json().routes]).toEqual([200, { marketing: 'sandbox', recall: 'sandbox', transactional: 'aliyun' }])
  })
})
