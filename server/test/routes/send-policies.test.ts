import { defaultPolicies } from '@recall/engine'
import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
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

  it('stores a default time zone typed in any case by its IANA name, and still refuses an unknown one in both languages', async () => {
    const saved = await put({ ...defaultPolicies(), defaultTimeZone: 'asia/shanghai' })
    expect([saved.statusCode, saved.json().defaultTimeZone]).toEqual([200, 'Asia/Shanghai'])
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json().defaultTimeZone).toBe('Asia/Shanghai')
    const english = (await put({ ...defaultPolicies(), defaultTimeZone: 'Mars/Olympus' })).json()
    const chinese = (await put({ ...defaultPolicies(), defaultTimeZone: 'Mars/Olympus' }, 'zh-CN')).json()
    expect([english.problems[0].path, english.message, chinese.message]).toEqual([
      '/body/defaultTimeZone',
      '"Mars/Olympus" is not a known time zone',
      '"Mars/Olympus" 不是有效的时区',
    ])
  })

  it('refuses a short link address that is not an http(s) address with a host, naming the field in both languages', async () => {
    const refusals = await Promise.all(
      ['javascript:alert(1)//', 'ftp://x', 'http://', 'https://u:p@rcl.to', 'https://rcl.to/?a=1'].map((shortLinkBase) => put({ ...defaultPolicies(), shortLinkBase })),
    )
    expect(refusals.map((answer) => [answer.statusCode, answer.json().problems.map((problem: { path: string }) => problem.path)])).toEqual(
      Array(5).fill([400, ['/body/shortLinkBase']]),
    )
    expect(refusals[0]?.json().message).toBe(
      'Short link address must be a web address starting with http:// or https:// and a host, without a user name, "?", "#" or a "/" at the end, e.g. https://rcl.to',
    )
    expect((await put({ ...defaultPolicies(), shortLinkBase: 'javascript:alert(1)//' }, 'zh-CN')).json().message).toBe(
      '短链接地址必须是以 http:// 或 https:// 开头并带有域名的网址,不能包含用户名、"?"、"#",也不能以"/"结尾,例如 https://rcl.to',
    )
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json().shortLinkBase).toBe('https://rcl.to')
    expect((await put({ ...defaultPolicies(), shortLinkBase: 'https://s.example.cn/go' })).statusCode).toBe(200)
    expect((await put(defaultPolicies())).statusCode).toBe(200)
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

  it('refuses two caps with one id, naming the second', async () => {
    const policies = defaultPolicies()
    const [first] = policies.caps
    const before = (await app.inject({ method: 'GET', url: '/api/settings/policies' })).json().caps
    const twice = await put({ ...policies, caps: [...policies.caps, { ...first, limit: 3 }] })
    expect([twice.statusCode, twice.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      400,
      [[`/body/caps/${policies.caps.length}/id`, `Two frequency caps are called "${first?.id}": give each cap its own id`]],
    ])
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json().caps).toEqual(before)
  })

  it('refuses to publish a journey whose own hours miss the allowed hours, and allowed hours that would leave a live journey no time', async () => {
    const wakeUp = JOURNEY_TEMPLATES.find((template) => template.id === 'wake-up-45-days') as JourneyDocument
    const evening = { ...defaultPolicies(), quietHoursWindow: [{ days: EVERY_DAY, start: '20:00', end: '09:00' }] }
    expect((await put(evening)).statusCode).toBe(200)
    const saved = (await app.inject({ method: 'POST', url: '/api/journeys', payload: wakeUp })).json()
    const english =
      "This send window (Mon–Fri 17:00–20:00, Sat–Sun 10:00–20:00) never overlaps the workspace's allowed sending hours (20:00–09:00) within 08:00–21:00, so nothing would ever be sent; change the window or the hours in Settings"
    const chinese =
      '该发送时段(周一至周五 17:00–20:00,周六至周日 10:00–20:00)与工作区允许发送时段(20:00–09:00)在 08:00–21:00 内没有任何重叠,消息将永远无法发送;请修改该时段或设置中的允许发送时段'
    expect(saved.problems.filter((problem: { severity: string }) => problem.severity === 'error')).toMatchObject([
      { code: 'window.outside_allowed', path: '/settings/sendWindow', message: { en: english, zh: chinese } },
    ])
    const publish = (language: string) => app.inject({ method: 'POST', url: '/api/journeys/wake-up-45-days/publish', headers: { 'accept-language': language }, payload: {} })
    const refused = await publish('zh-CN')
    expect([refused.statusCode, refused.json().problems.map((problem: { text: string }) => problem.text)]).toEqual([422, [chinese]])
    expect((await publish('en')).json().problems.map((problem: { text: string }) => problem.text)).toEqual([english])

    expect((await put(defaultPolicies())).statusCode).toBe(200)
    expect((await publish('en')).statusCode).toBe(200)
    const blocked = await put(evening)
    expect([blocked.statusCode, blocked.json().error, blocked.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])]).toEqual([
      409,
      'policies_break_live_journeys',
      [['/journeys/wake-up-45-days/settings/sendWindow', `Journey "45-day wake-up · 45天未消费唤醒" (live version 1): ${english}`]],
    ])
    const blockedChinese = (await put(evening, 'zh-CN')).json()
    expect([blockedChinese.message, blockedChinese.problems[0].text]).toEqual([
      '此允许发送时段会使运行中的旅程没有可发送的时间,未保存。请先修改这些旅程的发送时段并重新发布,或选择与其有重叠的时段',
      `旅程"45-day wake-up · 45天未消费唤醒"(线上版本 1):${chinese}`,
    ])
    expect((await app.inject({ method: 'GET', url: '/api/settings/policies' })).json()).toEqual(defaultPolicies())
  })
})
