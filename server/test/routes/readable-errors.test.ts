import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

/** What marketers met: raw schema paths and "The request is not valid". Every message names the field in words. */
describe('refusals a marketer can read', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp('pglite')
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('says "等待时长必须是整数" for a wait of 1.5, pointing at the field', async () => {
    const broken = structuredClone(cart)
    const wait = broken.nodes.findIndex((node) => node.id === 'wait-1-day')
    ;(broken.nodes[wait] as { data: { duration: { amount: number } } }).data.duration.amount = 1.5
    const saved = await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', headers: { 'accept-language': 'zh-CN' }, payload: broken })
    const problem = saved.json().problems.find((found: { code: string }) => found.code === 'schema.type')
    expect([problem.path, problem.nodeId, problem.message.zh]).toEqual([`/nodes/${wait}/data/duration/amount`, broken.nodes[wait]?.id, '等待时长必须是整数'])
  })

  it('names a simulation rate above 1 and a price that is not a number in the message itself', async () => {
    const simulation = await app.inject({
      method: 'POST',
      url: '/api/journeys/abandoned-cart/simulations',
      payload: { count: 10, clickRate: 2, orderRate: 0, redeemRate: 0, start: '2026-12-01T00:00:00Z', days: 1 },
    })
    expect([simulation.statusCode, simulation.json().message]).toEqual([400, 'Click rate must be at most 1'])
    const prices = await app.inject({
      method: 'PUT',
      url: '/api/settings/workspace',
      headers: { 'accept-language': 'zh-CN' },
      payload: { pricePerPart: 'five fen', pricePerMms: 0.15, deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 },
    })
    expect([prices.statusCode, prices.json().message]).toEqual([400, '每条短信价格必须是数字'])
  })

  it('names a field called like an Object.prototype member in both languages, not "undefined"', async () => {
    const refusal = async (method: 'GET' | 'PUT', url: string, language: string, payload?: object) => {
      const answer = await app.inject({ method, url, payload, headers: { 'accept-language': language } })
      return [answer.statusCode, answer.json().problems.map((problem: { path: string }) => problem.path), answer.json().message]
    }
    expect(await refusal('PUT', '/api/settings/workspace', 'en', { constructor: 1 })).toEqual([400, ['/body/constructor'], 'Constructor is not a known field'])
    expect(await refusal('PUT', '/api/settings/workspace', 'zh-CN', { constructor: 1 })).toEqual([400, ['/body/constructor'], '字段"constructor"不是可识别的字段'])
    expect(await refusal('GET', '/api/contacts?toString=1&__proto__=1', 'en')).toEqual([
      400,
      ['/querystring/toString', '/querystring/__proto__'],
      'To string is not a known field; __proto__ is not a known field',
    ])
    expect(await refusal('GET', '/api/contacts?hasOwnProperty=1&valueOf=1', 'zh-CN')).toEqual([
      400,
      ['/querystring/hasOwnProperty', '/querystring/valueOf'],
      '字段"hasOwnProperty"不是可识别的字段;字段"valueOf"不是可识别的字段',
    ])
  })

  it('says where a CSV quote is left open, in both languages', async () => {
    const csv = 'id,phone,name\nA-1,13812345678,"张女士\n'
    const english = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(english.json().problems.map((problem: { text: string }) => problem.text)).toEqual(['The contacts file cannot be read: a quote (") opened on line 2 is never closed'])
    const chinese = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' }, payload: csv })
    expect(chinese.json().problems[0].text).toBe('无法读取联系人文件:第 2 行的引号(")没有闭合')
  })

  it('places a quote left open before other rows at the line it opens on, not the last line', async () => {
    const csv = 'id,phone,name\nA-1,13812345678,"张女士\nA-2,13812345679,王芳\n'
    const chinese = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' }, payload: csv })
    expect(chinese.json().problems.map((problem: { text: string }) => problem.text)).toEqual(['无法读取联系人文件:第 2 行的引号(")没有闭合'])
  })

  it('saves a draft whose name was cleared, with the problem, and refuses to publish it', async () => {
    const saved = await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', payload: { ...cart, name: '' } })
    expect(saved.statusCode).toBe(200)
    expect(saved.json().problems.map((problem: { code: string; path: string }) => [problem.code, problem.path])).toEqual([['journey.name_empty', '/name']])
    const publish = await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', headers: { 'accept-language': 'zh-CN' }, payload: {} })
    expect([publish.statusCode, publish.json().problems[0].text]).toEqual([422, '请填写旅程名称'])
  })
})
