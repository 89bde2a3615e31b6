import { defaultPolicies } from '@recall/engine'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]

describe.each(DATABASE_KINDS)('allowed sending hours and caps on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })
  const put = (payload: object, language = 'en') => app.inject({ method: 'PUT', url: '/api/settings/policies', headers: { 'accept-language': language }, payload })

  it('refuses overnight allowed hours that leave no time inside 08:00–21:00, saying why in both languages', async () => {
    const overnight = { ...defaultPolicies(), quietHoursWindow: [{ days: EVERY_DAY, start: '22:00', end: '07:00' }] }
    const english = await put(overnight)
    expect(english.statusCode).toBe(400)
    expect(english.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])).toEqual([
      ['/body/quietHoursWindow', 'Allowed sending hours 22:00–07:00 leave no time inside the legal window 08:00–21:00: no marketing or recall message could ever be sent'],
    ])
    const chinese = (await put(overnight, 'zh-CN')).json()
    expect([chinese.message, chinese.problems[0].text]).toEqual([
      '这些发送策略会导致无法发送,未保存',
      '允许发送时段 22:00–07:00 与法定时段 08:00–21:00 没有重叠:营销和召回消息将永远无法发送',
    ])
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()).toEqual(defaultPolicies())
  })

  it('keeps an overnight range that reaches into the legal window, and a category window inside it', async () => {
    const evening = {
      ...defaultPolicies(),
      quietHoursWindow: [{ days: EVERY_DAY, start: '19:00', end: '09:00' }],
      categoryWindows: { marketing: [{ days: EVERY_DAY, start: '19:30', end: '20:30' }] },
    }
    expect((await put(evening)).statusCode).toBe(200)
    const missing = { ...evening, categoryWindows: { recall: [{ days: EVERY_DAY, start: '12:00', end: '14:00' }] } }
    const refused = await put(missing)
    expect(refused.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])).toEqual([
      ['/body/categoryWindows/recall', 'Recall hours 12:00–14:00 leave no time inside the legal window and the allowed sending hours: those messages could never be sent'],
    ])
  })

  it('refuses a cap of at most 0, naming the cap and what to do for no cap', async () => {
    const policies = defaultPolicies()
    const zero = { ...policies, caps: policies.caps.map((cap, index) => (index === 1 ? { ...cap, limit: 0 } : cap)) }
    const refused = await put(zero, 'zh-CN')
    expect([refused.statusCode, refused.json().problems[0].path, refused.json().problems[0].text]).toEqual([
      400,
      '/body/caps/1/limit',
      '频次上限"marketing-30d":最多 0 条会拦截所有此类消息;请填写数字,不设上限请删除该规则',
    ])
    // No cap is a cap removed.
    expect((await put({ ...policies, caps: policies.caps.slice(0, 1) })).json().caps).toEqual(policies.caps.slice(0, 1))
  })
})
