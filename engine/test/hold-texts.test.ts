import type { SendWindow } from '@recall/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decideSend, defaultPolicies, describeLocal, judgeTestSend, MINUTE, type ProviderSendRule, type SendPolicies, simulate } from '../src/index'
import { at, chain, contact, Driver, sends } from './helpers'

const recallSms = { id: 'sms', type: 'send_sms', data: { text: '{{name|亲}},好久不见', category: 'recall' } } as const
const ALIYUN: ProviderSendRule = { label: { en: 'Aliyun', zh: '阿里云' }, timeZone: 'Asia/Shanghai', marketingWindow: { start: '08:00', end: '20:00' } }
/** The workspace's allowed sending hours start at 10:00, later than the legal window's 08:00. */
const FROM_TEN: SendWindow = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '21:00' }]
const fromTen = (overrides: Partial<SendPolicies> = {}) => defaultPolicies({ caps: [], quietHoursWindow: FROM_TEN, ...overrides })
const withAliyun = fromTen({ providerRules: { recall: ALIYUN, marketing: ALIYUN } })

describe('a send held after 21:00 names the time it goes, not 08:00, when the allowed hours start at 10:00', () => {
  it('holds a recall SMS at 21:30 Beijing until 10:00, says 10:00, and sends at 10:00', () => {
    const driver = new Driver(chain([recallSms]), contact(), fromTen())
    expect(driver.start(at('2026-11-24T21:30:00+08:00')).effects).toEqual([
      {
        type: 'hold',
        nodeId: 'sms',
        until: at('2026-11-25T10:00:00+08:00'),
        code: 'window',
        reason: { en: 'held: outside 10:00–21:00 Asia/Shanghai, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 10:00 发送' },
      },
      { type: 'wake', at: at('2026-11-25T10:00:00+08:00') },
    ])
    expect(sends(driver.wake())).toHaveLength(1)
  })

  it('names the spread time it is rescheduled for, in the first minutes after 10:00', () => {
    const result = new Driver(chain([recallSms]), contact(), fromTen({ spreadHeldMinutes: 30 })).start(at('2026-11-24T21:30:00+08:00'))
    expect(result.effects[0]).toMatchObject({
      until: at('2026-11-25T10:28:00+08:00'),
      reason: { en: 'held: outside 10:00–21:00 Asia/Shanghai, resumes 2026-11-25 10:28', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 10:28 发送' },
    })
  })

  it('names the allowed hours, not the cloud’s 08:00, when both are closed at 21:30 and the hours open later', () => {
    expect(new Driver(chain([recallSms]), contact(), withAliyun).start(at('2026-11-24T21:30:00+08:00')).effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-25T10:00:00+08:00'),
      code: 'window',
      reason: { en: 'held: outside 10:00–21:00 Asia/Shanghai, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 10:00 发送' },
    })
  })

  it('names both when the cloud refuses at 20:30 and the allowed hours then open at 10:00', () => {
    expect(new Driver(chain([recallSms]), contact(), withAliyun).start(at('2026-11-24T20:30:00+08:00')).effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-25T10:00:00+08:00'),
      code: 'window',
      reason: {
        en: 'held: outside Aliyun marketing hours 08:00–20:00 (Beijing) and 10:00–21:00 Asia/Shanghai at once, resumes 2026-11-25 10:00 Asia/Shanghai',
        zh: '暂缓:不在阿里云营销短信发送时段 08:00–20:00(北京时间)与 10:00–21:00(Asia/Shanghai)的共同时段内,将于 11月25日 10:00(Asia/Shanghai)发送',
      },
    })
  })

  it('says the same in the simulator: the held line, its cause, and the send at 10:00', () => {
    const result = simulate(chain([recallSms]), [contact()], {
      policies: withAliyun,
      start: at('2026-11-24T21:30:00+08:00'),
      days: 1,
      seed: 1,
      entrySpreadHours: 0,
      timelineContactIds: ['c1'],
    })
    const timeline = result.timelines.c1 ?? []
    expect(timeline.filter((entry) => entry.kind === 'held').map((entry) => entry.message)).toEqual([
      { en: 'held: outside 10:00–21:00 Asia/Shanghai, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 10:00 发送' },
    ])
    expect(result.held).toEqual([{ code: 'held', count: 1, message: { en: 'held: outside 10:00–21:00 Asia/Shanghai', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内' } }])
    expect(timeline.find((entry) => entry.kind === 'sent')?.at).toBe(at('2026-11-25T10:00:00+08:00'))
  })

  it('refuses a test send with the same hours and the same next time', () => {
    const stranger = { phone: '+8613912345678', contacts: [] }
    expect(judgeTestSend('recall', stranger, withAliyun, at('2026-11-24T21:30:00+08:00'))).toEqual({
      kind: 'refuse',
      code: 'window',
      reason: {
        en: 'Test not sent: tests go out only within 10:00–21:00 in Asia/Shanghai; it is now 2026-11-24 21:30 Asia/Shanghai, next allowed 2026-11-25 10:00 Asia/Shanghai',
        zh: '测试未发送:测试短信只在 Asia/Shanghai 的 10:00–21:00 内发送;现在是 11月24日 21:30(Asia/Shanghai),最早可于 11月25日 10:00(Asia/Shanghai)发送',
      },
    })
    expect(judgeTestSend('recall', stranger, withAliyun, at('2026-11-24T20:30:00+08:00'))).toEqual({
      kind: 'refuse',
      code: 'window',
      reason: {
        en: 'Test not sent: tests go out only within 10:00–21:00 in Asia/Shanghai and Aliyun marketing hours 08:00–20:00 (Beijing); it is now 2026-11-24 20:30 Asia/Shanghai, next allowed 2026-11-25 10:00 Asia/Shanghai',
        zh: '测试未发送:测试短信只在 Asia/Shanghai 的 10:00–21:00 内且在阿里云营销短信发送时段 08:00–20:00(北京时间)内发送;现在是 11月24日 20:30(Asia/Shanghai),最早可于 11月25日 10:00(Asia/Shanghai)发送',
      },
    })
  })
})

describe('hold texts in a foreign zone name it in English and Chinese alike', () => {
  it('holds a Londoner at 21:30 London until 10:00 London, named in both', () => {
    const result = new Driver(chain([recallSms]), contact({ timeZone: 'Europe/London' }), fromTen()).start(at('2026-11-24T21:30:00Z'))
    expect(result.effects[0]).toMatchObject({
      until: at('2026-11-25T10:00:00Z'),
      reason: { en: 'held: outside 10:00–21:00 Europe/London, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Europe/London)发送时段内,将于 11月25日 10:00 发送' },
    })
  })

  it('names the zone of a cap hold’s resume time in both (it named none in either)', () => {
    const capped = defaultPolicies({ caps: [{ id: 'daily', categories: ['recall'], limit: 1, window: { amount: 1, unit: 'days' } }] })
    const londoner = contact({ timeZone: 'Europe/London', sends: [{ at: at('2026-11-24T09:00:00Z'), category: 'recall' }] })
    const result = new Driver(chain([recallSms], { onCapReached: 'hold' }), londoner, capped).start(at('2026-11-24T15:00:00Z'))
    expect(result.effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-25T09:00:00Z'),
      code: 'cap',
      reason: {
        en: 'held: recall cap 1 per 1 days reached, resumes 2026-11-25 09:00 Europe/London',
        zh: '暂缓:已达频次上限(召回:每 1 天最多 1 条),将于 11月25日 09:00(Europe/London)发送',
      },
    })
  })

  const ZONE = /[A-Z][A-Za-z_]+\/[A-Za-z_/]+/g
  const zonesIn = (text: string) => [...new Set(text.match(ZONE) ?? [])].sort()
  const worlds = fc.record({
    now: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }).map((instant) => instant - (instant % MINUTE)),
    who: fc.constantFrom(
      { timeZone: 'Asia/Shanghai', phone: '+8613912345678' },
      { timeZone: 'Europe/London', phone: '+447911123456' },
      { timeZone: 'America/New_York', phone: '+8613912345678' },
      { timeZone: undefined, phone: '+12125551234' },
      { timeZone: 'Asia/Tokyo', phone: undefined },
    ),
    startHour: fc.integer({ min: 8, max: 14 }),
    cloud: fc.boolean(),
    capped: fc.boolean(),
  })

  it('every hold names the same zones in both languages and the time it is rescheduled for, on the zone it names last (fast-check)', () => {
    fc.assert(
      fc.property(worlds, ({ now, who, startHour, cloud, capped }) => {
        const policies = defaultPolicies({
          caps: capped ? [{ id: 'daily', categories: ['recall'], limit: 1, window: { amount: 1, unit: 'days' } }] : [],
          quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: `${String(startHour).padStart(2, '0')}:00`, end: '21:00' }],
          ...(cloud ? { providerRules: { recall: ALIYUN } } : {}),
        })
        const person = contact({ ...who, sends: capped ? [{ at: now - 60 * MINUTE, category: 'recall' }] : [] })
        const request = { category: 'recall' as const, window: windowOf(policies), onCapReached: 'hold' as const, spreadKey: 'k' }
        const decision = decideSend(request, person, policies, now)
        if (decision.kind !== 'hold') return
        const en = zonesIn(decision.reason.en)
        expect(zonesIn(decision.reason.zh)).toEqual(en)
        const zone = (decision.reason.en.match(ZONE) ?? []).at(-1) as string
        expect(decision.reason.en).toContain(`resumes ${describeLocal(decision.until, zone).en}`)
        expect(decision.reason.zh).toContain(`将于 ${describeLocal(decision.until, zone).zh}`)
      }),
      { numRuns: 400 },
    )
  })
})

/** The window a recall node without its own gets: legal ∩ allowed hours. */
function windowOf(policies: SendPolicies) {
  return new Driver(chain([recallSms]), contact(), policies).compiled.windowOf('sms', policies)
}
