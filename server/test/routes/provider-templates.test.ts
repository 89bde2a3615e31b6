import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messages } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { type FakeAliyun, startFakeAliyun } from '../support/fake-aliyun'
import type { AliyunListedTemplate } from '../support/fake-template-lists'
import { type FakeTencent, startFakeTencent } from '../support/fake-tencent'

const SECRET_KEY = 'a-long-test-secret-key-0123456789'
const ALIYUN = { accessKeyId: 'LTAI5tAliyunTestKey', accessKeySecret: 'aliyun-secret-0123456789' }
const TENCENT = { secretId: 'AKIDTencentTestKey', secretKey: 'tencent-secret-0123456789', smsSdkAppId: '1400006666' }

/** 55 templates: two pages of QuerySmsTemplateList (50 a page). */
const aliyunListed: AliyunListedTemplate[] = [
  { code: 'SMS_480001', name: '召回券', text: '${name},好久不见!送您${value}优惠券 ${link} 回T退订', templateType: 1, auditStatus: 'AUDIT_STATE_PASS' },
  { code: 'SMS_480002', name: '发货通知', text: '您的订单${order}已发货', templateType: 0, auditStatus: 'AUDIT_STATE_INIT' },
  { code: 'SMS_480003', name: '被驳回', text: '全场五折 回T退订', templateType: 1, auditStatus: 'AUDIT_STATE_NOT_PASS' },
  ...Array.from(
    { length: 52 },
    (_, index): AliyunListedTemplate => ({
      code: `SMS_49${String(index).padStart(4, '0')}`,
      name: `通知${index}`,
      text: `通知${index}:\${name}`,
      templateType: 0,
      auditStatus: 'AUDIT_STATE_PASS',
    }),
  ),
]

const COUPON = { kind: 'amount_off', value: 20, label: '满100减20', validHours: 72 }
const journey = (id: string, code: string, text: string, params: Record<string, string>, offer?: typeof COUPON) => ({
  schemaVersion: 1,
  id,
  name: id,
  description: '',
  settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    {
      id: 'sms',
      type: 'send_sms',
      position: { x: 300, y: 0 },
      data: { text, category: 'recall', linkUrl: 'https://example.com/shop', providerTemplate: { code, params }, ...(offer ? { offer } : {}) },
    },
    { id: 'done', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
})

describe.each(DATABASE_KINDS)('template registry: import, sync from the clouds, publish against it on %s', (kind) => {
  let app: FastifyInstance
  let aliyun: FakeAliyun
  let tencent: FakeTencent
  const zh = { 'accept-language': 'zh-CN' }
  const importList = (provider: string, payload: object[]) => app.inject({ method: 'POST', url: `/api/provider-templates/${provider}/import`, headers: zh, payload })
  const sync = (provider: string) => app.inject({ method: 'POST', url: `/api/provider-templates/${provider}/sync`, headers: zh })
  const saveAccounts = (aliyunSecret = ALIYUN.accessKeySecret) =>
    app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: {
        routes: { marketing: 'tencent', recall: 'aliyun', transactional: 'sandbox' },
        aliyun: { endpoint: aliyun.endpoint, accessKeyId: ALIYUN.accessKeyId, signName: '乐享商城', accessKeySecret: aliyunSecret, callbackToken: 'aliyun-token-123' },
        tencent: { endpoint: tencent.endpoint, region: 'ap-guangzhou', ...TENCENT, signName: '乐享', callbackToken: 'tencent-token-123' },
      },
    })
  beforeAll(async () => {
    aliyun = await startFakeAliyun({ ...ALIYUN, templates: [], listed: aliyunListed })
    tencent = await startFakeTencent({
      ...TENCENT,
      templates: [],
      listed: [
        { id: 1956001, name: '召回', text: '{1},好久不见!{2}等您回来 拒收请回复R', statusCode: 0 },
        { id: 1956002, name: '验证码', text: '您的验证码为{1}', statusCode: 1 },
        { id: 1956003, name: '账单', text: '本月账单{1}元', statusCode: -1 },
      ],
    })
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: SECRET_KEY, clock: () => Date.parse('2026-11-25T10:00:00+08:00') })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    await aliyun?.close()
    await tencent?.close()
  })

  it('refuses a whole list naming each bad field in Chinese, and saves none of it', async () => {
    const good = { code: 'SMS_1', name: '好', text: '${name}您好', category: 'notification', status: 'approved' }
    const refused = await importList('aliyun', [good, { ...good, text: '${1}您好' }, { ...good }])
    expect(refused.statusCode).toBe(400)
    expect(refused.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])).toEqual([
      ['/body/1/code', '模板 SMS_1 重复出现'],
      ['/body/1/text', '阿里云模板变量写法为 ${name}:字母、数字和下划线'],
      ['/body/2/code', '模板 SMS_1 重复出现'],
    ])
    const wrongShape = await importList('aliyun', [{ ...good, status: 'maybe' }])
    expect([wrongShape.statusCode, wrongShape.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/0/status']])
    const tencentCode = await importList('tencent', [{ ...good, code: 'T1', text: '{1}您好{3}' }])
    expect(tencentCode.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])).toEqual([
      ['/body/0/code', '腾讯云模板 ID 为数字,"T1" 不是'],
      ['/body/0/text', '腾讯云模板变量须按 {1}、{2}… 连续编号'],
    ])
    expect((await app.inject({ method: 'GET', url: '/api/provider-templates' })).json().templates).toEqual([])
  })

  it('imports templates with their variables read in order, and updates one imported again', async () => {
    const list = [
      { code: 'SMS_480001', name: '召回券', text: '${name},好久不见!送您${value}优惠券 ${link} 回T退订', category: 'marketing', status: 'pending' },
      { code: 'SMS_480009', name: '手工', text: '${name}您好', category: 'notification', status: 'approved' },
    ]
    const imported = await importList('aliyun', list)
    expect(imported.statusCode).toBe(200)
    expect(imported.json().templates).toEqual([
      { provider: 'aliyun', ...list[0], variables: ['name', 'value', 'link'] },
      { provider: 'aliyun', ...list[1], variables: ['name'] },
    ])
    const again = await importList('aliyun', [{ ...list[0], status: 'approved' }])
    expect(again.json().templates.map((template: { code: string; status: string }) => [template.code, template.status])).toEqual([
      ['SMS_480001', 'approved'],
      ['SMS_480009', 'approved'],
    ])
  })

  it('answers 409 when the cloud has no account yet, 502 when the cloud refuses the keys', async () => {
    expect((await sync('aliyun')).json()).toMatchObject({ error: 'provider_not_configured' })
    expect((await saveAccounts('wrong-secret-0123456789')).statusCode).toBe(200)
    const refused = await sync('aliyun')
    expect([refused.statusCode, refused.json().message]).toEqual([502, '阿里云短信未返回模板列表(SignatureDoesNotMatch):请检查账号密钥和接入地址'])
    expect(aliyun.refusedSignatures).toBe(1)
  })

  it("syncs Aliyun's 55 templates over two signed pages, replacing what was imported by hand", async () => {
    expect((await saveAccounts()).statusCode).toBe(200)
    const synced = await sync('aliyun')
    expect(synced.statusCode).toBe(200)
    const templates = synced.json().templates as { code: string; status: string; category: string; variables: string[] }[]
    expect(templates).toHaveLength(55)
    expect(templates.slice(0, 3)).toEqual([
      { provider: 'aliyun', code: 'SMS_480001', name: '召回券', text: aliyunListed[0]?.text, category: 'marketing', status: 'approved', variables: ['name', 'value', 'link'] },
      { provider: 'aliyun', code: 'SMS_480002', name: '发货通知', text: '您的订单${order}已发货', category: 'notification', status: 'pending', variables: ['order'] },
      { provider: 'aliyun', code: 'SMS_480003', name: '被驳回', text: '全场五折 回T退订', category: 'marketing', status: 'rejected', variables: [] },
    ])
    expect(templates.some((template) => template.code === 'SMS_480009')).toBe(false)
  })

  it('syncs Tencent, a template carrying 拒收请回复R counting as marketing, and keeps a category set by import', async () => {
    await importList('tencent', [{ code: '1956002', name: '验证码', text: '您的验证码为{1}', category: 'marketing', status: 'approved' }])
    const synced = await sync('tencent')
    expect(synced.json().templates).toEqual([
      { provider: 'tencent', code: '1956001', name: '召回', text: '{1},好久不见!{2}等您回来 拒收请回复R', category: 'marketing', status: 'approved', variables: ['1', '2'] },
      { provider: 'tencent', code: '1956002', name: '验证码', text: '您的验证码为{1}', category: 'marketing', status: 'pending', variables: ['1'] },
      { provider: 'tencent', code: '1956003', name: '账单', text: '本月账单{1}元', category: 'notification', status: 'rejected', variables: ['1'] },
    ])
  })

  it('edits the opt-out wording per cloud and answers the delivery context the editor validates with', async () => {
    const saved = await app.inject({ method: 'PUT', url: '/api/provider-templates/opt-out-wording', payload: { aliyun: '回TD退订' } })
    expect(saved.json()).toEqual({ optOutWording: { aliyun: '回TD退订', tencent: '拒收请回复R' } })
    const tooShort = await app.inject({ method: 'PUT', url: '/api/provider-templates/opt-out-wording', headers: zh, payload: { tencent: 'R' } })
    expect([tooShort.statusCode, tooShort.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/tencent']])
    const delivery = (await app.inject({ method: 'GET', url: '/api/provider-templates/delivery' })).json()
    expect(delivery.transactional).toEqual({ provider: 'sandbox' })
    expect({ ...delivery.recall, templates: delivery.recall.templates.length }).toEqual({ provider: 'aliyun', signName: '乐享商城', optOutWording: '回TD退订', templates: 55 })
    expect({ ...delivery.marketing, templates: delivery.marketing.templates.length }).toEqual({ provider: 'tencent', signName: '乐享', optOutWording: '拒收请回复R', templates: 3 })
    await app.inject({ method: 'PUT', url: '/api/provider-templates/opt-out-wording', payload: { aliyun: '回T退订' } })
  })

  it('publishes a recall SMS on an approved, fully mapped Aliyun template and refuses a rejected one with the node id', async () => {
    const params = { name: '{{name|亲}}', value: '{{coupon.value}}', link: '{{link}}' }
    const good = journey('good', 'SMS_480001', '{{name|亲}},好久不见!送您{{coupon.value}}优惠券 {{link}} 回T退订', params, COUPON)
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: good })).statusCode).toBe(201)
    const published = await app.inject({ method: 'POST', url: '/api/journeys/good/publish', payload: {} })
    expect([published.statusCode, published.json().problems]).toEqual([200, []])
    // The message as the cloud sends it: 【the account's sign】, not the journey's brand 【乐享】.
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'W-1', phone: '13800138000', consent: true, attributes: { name: '王芳' } }] })
    expect((await app.inject({ method: 'POST', url: '/api/journeys/good/enroll', payload: { contactIds: ['W-1'] } })).json()).toEqual({ accepted: 1, entered: 1 })
    while ((await app.runner.processDue()) > 0) {}
    const [sent] = await app.database.db.select({ text: messages.text, parts: messages.parts }).from(messages)
    expect(sent?.text).toMatch(/^【乐享商城】王芳,好久不见!送您20元优惠券 https:\/\/rcl\.to\/[A-Za-z0-9]{7} 回T退订$/)
    expect(sent?.parts).toBe(1)

    // The draft is stored with the problem already, as the editor shows it.
    const created = await app.inject({ method: 'POST', url: '/api/journeys', payload: journey('bad', 'SMS_480003', '全场五折 回T退订', {}) })
    expect([created.statusCode, created.json().problems.map((problem: { code: string }) => problem.code)]).toEqual([201, ['template.not_approved']])
    const refused = await app.inject({ method: 'POST', url: '/api/journeys/bad/publish', headers: zh, payload: {} })
    expect(refused.statusCode).toBe(422)
    expect(
      refused.json().problems.map((problem: { code: string; nodeId: string; path: string; text: string }) => [problem.code, problem.nodeId, problem.path, problem.text]),
    ).toEqual([['template.not_approved', 'sms', '/nodes/1/data/providerTemplate/code', '模板 SMS_480003 未通过审核,只能发送已审核通过的模板']])
  })
})
