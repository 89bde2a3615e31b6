import { describe, expect, it } from 'vitest'
import { defaultPolicies, type ProviderSendRule, type SendPolicies, simulate } from '../src/index'
import { at, chain, contact, Driver, sends } from './helpers'

const ALIYUN: ProviderSendRule = {
  label: { en: 'Aliyun', zh: '阿里云' },
  timeZone: 'Asia/Shanghai',
  marketingWindow: { start: '08:00', end: '20:00' },
  dailyTemplateLimit: 2,
}
const withAliyun = (rule: Partial<ProviderSendRule> = {}, overrides: Partial<SendPolicies> = {}): SendPolicies =>
  defaultPolicies({ caps: [], providerRules: { recall: { ...ALIYUN, ...rule }, marketing: { ...ALIYUN, ...rule } }, ...overrides })

const recallSms = {
  id: 'sms',
  type: 'send_sms',
  data: { text: '{{name|亲}},好久不见', category: 'recall', providerTemplate: { code: 'SMS_1', params: { name: '{{name|亲}}' } } },
} as const
const orderShipped = { id: 'sms', type: 'send_sms', data: { text: '您的订单已发货', category: 'transactional' } } as const

describe("a provider's marketing hours", () => {
  it('holds a recall SMS at 20:30 Beijing time until 08:00 and says it is the cloud that refuses', () => {
    const result = new Driver(chain([recallSms]), contact(), withAliyun()).start(at('2026-11-24T20:30:00+08:00'))
    expect(result.effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-25T08:00:00+08:00'),
      code: 'window',
      reason: {
        en: 'held: outside Aliyun marketing hours 08:00–20:00 (Beijing), resumes 2026-11-25 08:00 Asia/Shanghai',
        zh: '暂缓:不在阿里云营销短信发送时段 08:00–20:00(北京时间)内,将于 11月25日 08:00(Asia/Shanghai)发送',
      },
    })
  })

  it('sends at 19:59 and holds at 20:00 sharp', () => {
    expect(sends(new Driver(chain([recallSms]), contact(), withAliyun()).start(at('2026-11-24T19:59:00+08:00')))).toHaveLength(1)
    expect(new Driver(chain([recallSms]), contact(), withAliyun()).start(at('2026-11-24T20:00:00+08:00')).effects[0]).toMatchObject({
      until: at('2026-11-25T08:00:00+08:00'),
    })
  })

  it("keeps the cloud's clock for a contact in London: 12:30 London is 20:30 Beijing; the cloud opens at 00:00 London, the London window at 08:00, and both are named", () => {
    const result = new Driver(chain([recallSms]), contact({ timeZone: 'Europe/London' }), withAliyun()).start(at('2026-11-24T12:30:00Z'))
    expect(result.effects[0]).toMatchObject({
      code: 'window',
      until: at('2026-11-25T08:00:00Z'),
      reason: {
        en: 'held: outside Aliyun marketing hours 08:00–20:00 (Beijing) and 08:00–21:00 Europe/London at once, resumes 2026-11-25 08:00 Europe/London',
        zh: '暂缓:不在阿里云营销短信发送时段 08:00–20:00(北京时间)与 08:00–21:00(Europe/London)的共同时段内,将于 11月25日 08:00(Europe/London)发送',
      },
    })
  })

  it('names both clocks for a contact in Los Angeles: the hours in Beijing time, the resume time in theirs', () => {
    // 12:00 in Los Angeles is 04:00 the next day in Beijing: the cloud opens at 08:00 Beijing, 16:00 Los Angeles.
    const result = new Driver(chain([recallSms]), contact({ timeZone: 'America/Los_Angeles' }), withAliyun()).start(at('2026-12-29T12:00:00-08:00'))
    expect(result.effects[0]).toMatchObject({
      code: 'window',
      until: at('2026-12-29T16:00:00-08:00'),
      reason: {
        en: 'held: outside Aliyun marketing hours 08:00–20:00 (Beijing), resumes 2026-12-29 16:00 America/Los_Angeles',
        zh: '暂缓:不在阿里云营销短信发送时段 08:00–20:00(北京时间)内,将于 12月29日 16:00(America/Los_Angeles)发送',
      },
    })
  })

  it('leaves transactional messages alone at night', () => {
    expect(sends(new Driver(chain([orderShipped]), contact(), withAliyun()).start(at('2026-11-24T23:30:00+08:00')))).toHaveLength(1)
  })

  it('names the workspace window when the cloud is open and the legal window is not', () => {
    const early = { ...ALIYUN, marketingWindow: { start: '06:00', end: '22:00' } }
    const result = new Driver(chain([recallSms]), contact(), withAliyun(early)).start(at('2026-11-24T07:00:00+08:00'))
    expect(result.effects[0]).toMatchObject({ until: at('2026-11-24T08:00:00+08:00'), reason: { en: 'held: outside 08:00–21:00 Asia/Shanghai, resumes 2026-11-24 08:00' } })
  })

  it('holds in simulations the same way', () => {
    const result = simulate(chain([recallSms]), [contact()], {
      policies: withAliyun(),
      start: at('2026-11-24T20:30:00+08:00'),
      days: 1,
      seed: 1,
      entrySpreadHours: 0,
      timelineContactIds: ['c1'],
    })
    expect(result.timelines.c1?.filter((entry) => entry.kind === 'held').map((entry) => entry.message.en)).toEqual([
      'held: outside Aliyun marketing hours 08:00–20:00 (Beijing), resumes 2026-11-25 08:00 Asia/Shanghai',
    ])
  })
})

describe("a provider's per-number daily limit", () => {
  const sentToday = [
    { at: at('2026-11-24T09:00:00+08:00'), category: 'recall' as const, template: 'SMS_1' },
    { at: at('2026-11-24T10:00:00+08:00'), category: 'recall' as const, template: 'SMS_1' },
  ]

  it('skips the third message with one template in one Beijing day and says why', () => {
    const result = new Driver(chain([recallSms]), contact({ sends: sentToday }), withAliyun()).start(at('2026-11-24T11:00:00+08:00'))
    expect(result.log.find((entry) => entry.kind === 'skipped')?.message).toEqual({
      en: 'skipped: Aliyun limit of 2 messages per number and template a day reached',
      zh: '跳过:已达阿里云每个号码每个模板每日 2 条的上限',
    })
    expect(sends(result)).toEqual([])
  })

  it('holds until the cloud’s next day when the journey says hold, naming the limit (11:00 is inside the cloud’s hours)', () => {
    const journey = chain([recallSms], { onCapReached: 'hold' })
    const result = new Driver(journey, contact({ sends: sentToday }), withAliyun()).start(at('2026-11-24T11:00:00+08:00'))
    expect(result.effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      // Midnight Beijing, then the marketing hours open at 08:00.
      until: at('2026-11-25T08:00:00+08:00'),
      code: 'cap',
      reason: {
        en: 'held: Aliyun limit of 2 messages per number and template a day reached, resumes 2026-11-25 08:00 Asia/Shanghai',
        zh: '暂缓:已达阿里云每个号码每个模板每日 2 条的上限,将于 11月25日 08:00(Asia/Shanghai)发送',
      },
    })
  })

  it("says the limit when the contact's window is open at the cloud's midnight (16:00 in London)", () => {
    const journey = chain([recallSms], { onCapReached: 'hold' })
    const londoner = contact({ sends: sentToday, timeZone: 'Europe/London' })
    const result = new Driver(journey, londoner, withAliyun({ marketingWindow: undefined })).start(at('2026-11-24T11:00:00+08:00'))
    expect(result.effects[0]).toMatchObject({
      until: at('2026-11-24T16:00:00Z'),
      code: 'cap',
      reason: {
        en: 'held: Aliyun limit of 2 messages per number and template a day reached, resumes 2026-11-24 16:00 Europe/London',
        zh: '暂缓:已达阿里云每个号码每个模板每日 2 条的上限,将于 11月24日 16:00(Europe/London)发送',
      },
    })
  })

  it('counts only the same template, and only since midnight Beijing time', () => {
    const others = [
      { at: at('2026-11-23T23:59:00+08:00'), category: 'recall' as const, template: 'SMS_1' },
      { at: at('2026-11-24T09:00:00+08:00'), category: 'recall' as const, template: 'SMS_2' },
      { at: at('2026-11-24T10:00:00+08:00'), category: 'recall' as const, template: 'SMS_1' },
    ]
    expect(sends(new Driver(chain([recallSms]), contact({ sends: others }), withAliyun()).start(at('2026-11-24T11:00:00+08:00')))).toHaveLength(1)
  })
})
