import { describe, expect, it } from 'vitest'
import { type AudienceZones, audienceZoneProblems, contactZones, countryClocks } from '../src/index'
import { at, chain, policies } from './helpers'

const NOW = at('2026-07-01T00:00:00Z')
const canada = (contacts: number): AudienceZones => ({ judged: countryClocks('CA', NOW) as AudienceZones['judged'], contacts })
const unitedStates = (contacts: number): AudienceZones => ({ judged: countryClocks('US', NOW) as AudienceZones['judged'], contacts })
const londonWithChineseNumber = (contacts: number): AudienceZones => ({
  judged: contactZones({ timeZone: 'Europe/London', phone: '+8613800138000' }, 'Asia/Shanghai', NOW),
  contacts,
})
const workspaceDefault = (contacts: number): AudienceZones => ({ judged: contactZones({}, 'Asia/Shanghai', NOW), contacts })

const sms = (data: Record<string, unknown> = {}) => ({ id: 'offer', type: 'send_sms', data: { text: '{{name|亲}},新品上架', category: 'marketing', ...data } }) as const
const waitUntil = (time: string) => ({ id: 'evening', type: 'wait', data: { mode: 'until_time', time } }) as const

describe('publish checks judge the zones of the audience, as sending does', () => {
  it('warns that a marketing SMS after "Until 20:30" is held for Canadian numbers and a +86 number stored in London, naming each group', () => {
    const journey = chain([waitUntil('20:30'), sms()])
    const problems = audienceZoneProblems(journey, policies, [canada(1000), unitedStates(500), londonWithChineseNumber(250), workspaceDefault(100)], NOW)
    expect(problems).toEqual([
      {
        code: 'zones.fixed_time_held',
        severity: 'warning',
        nodeId: 'offer',
        path: '/nodes/2',
        message: {
          en: 'Held for 1,250 contacts: sent at 20:30 local time (after "Until 20:30"), this message is outside the allowed sending hours in some of their zones. 1,000 contacts in every time zone of Canada (America/St_Johns … America/Vancouver) until 08:00 America/Whitehorse; 250 contacts in Europe/London (the contact\'s own zone) and Asia/Shanghai (China\'s legal time) until 08:00 Europe/London',
          zh: '1,250 位联系人将被暂缓:该消息在当地时间 20:30 发送(在"等到 20:30"之后),不在他们部分时区的允许发送时段内。1,000 位联系人位于加拿大所有时区(America/St_Johns … America/Vancouver),暂缓至 08:00(America/Whitehorse);250 位联系人位于联系人时区(Europe/London)和中国法定时间(Asia/Shanghai),暂缓至 08:00(Europe/London)',
        },
      },
    ])
  })

  // 15:00 New York is 09:00 in Honolulu, 15:00 Toronto 16:30 in St. John's: inside 08:00–21:00 everywhere. 12:00 New York is not (06:00 Honolulu).
  it('says nothing of a time inside the window in every zone of the audience, and warns of one that is not', () => {
    expect(audienceZoneProblems(chain([waitUntil('12:00'), sms()]), policies, [unitedStates(500)], NOW).map((problem) => problem.message.en)).toEqual([
      'Held for 500 contacts: sent at 12:00 local time (after "Until 12:00"), this message is outside the allowed sending hours in some of their zones. 500 contacts in every time zone of the United States (America/New_York … Pacific/Honolulu) until 08:00 Pacific/Honolulu',
    ])
    const journey = chain([waitUntil('15:00'), sms()])
    expect(audienceZoneProblems(journey, policies, [canada(1000), unitedStates(500), workspaceDefault(100)], NOW)).toEqual([])
  })

  it('says nothing without an audience, and of a notification, which goes at any hour', () => {
    expect(audienceZoneProblems(chain([waitUntil('20:30'), sms()]), policies, [], NOW)).toEqual([])
    expect(audienceZoneProblems(chain([waitUntil('23:30'), sms({ category: 'transactional', text: '您的订单已发货' })]), policies, [canada(10)], NOW)).toEqual([])
  })

  it('warns of a birthday entry at 08:30 followed by a send through a split: 08:30 New York is 02:30 in Honolulu', () => {
    const journey = chain([{ id: 'tier', type: 'ab_split', data: { variants: [{ id: 'A', label: 'A', weight: 100 }] } }, sms()], {}, ['A'])
    journey.nodes[0] = {
      ...(journey.nodes[0] as (typeof journey.nodes)[number]),
      type: 'trigger',
      data: { on: 'date_attribute', attribute: 'birthday', offsetDays: 0, at: '08:30', yearly: true },
    } as (typeof journey.nodes)[number]
    expect(
      audienceZoneProblems(journey, policies, [unitedStates(40), workspaceDefault(7)], NOW).map((problem) => [problem.nodeId, problem.message.en, problem.message.zh]),
    ).toEqual([
      [
        'offer',
        'Held for 40 contacts: sent at 08:30 local time (after "birthday at 08:30 · yearly"), this message is outside the allowed sending hours in some of their zones. 40 contacts in every time zone of the United States (America/New_York … Pacific/Honolulu) until 08:00 Pacific/Honolulu',
        '40 位联系人将被暂缓:该消息在当地时间 08:30 发送(在"birthday 08:30 · 每年"之后),不在他们部分时区的允许发送时段内。40 位联系人位于美国所有时区(America/New_York … Pacific/Honolulu),暂缓至 08:00(Pacific/Honolulu)',
      ],
    ])
  })

  it('warns that a one-hour window is never open in every zone of the United States at once', () => {
    const journey = chain([sms({ sendWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '10:00' }] })])
    const problems = audienceZoneProblems(journey, policies, [unitedStates(500), workspaceDefault(100)], NOW)
    expect(problems).toEqual([
      {
        code: 'zones.never_open',
        severity: 'warning',
        nodeId: 'offer',
        path: '/nodes/1',
        message: {
          en: "Never sent to 500 contacts: no time is inside this message's send window in all of their zones at once. 500 contacts in every time zone of the United States (America/New_York … Pacific/Honolulu)",
          zh: '永远不会发送给 500 位联系人:他们的各个时区没有同时处于该消息发送时段内的时间。500 位联系人位于美国所有时区(America/New_York … Pacific/Honolulu)',
        },
      },
    ])
  })

  // A +86 number without a zone is judged in China's one zone, Asia/Shanghai, as is a contact whose own zone is Asia/Shanghai: one group, not two that read the same.
  it('names a zone once, with a space between it and the count in Chinese, however its contacts came to be judged in it', () => {
    const chinaByNumber = (contacts: number): AudienceZones => ({ judged: contactZones({ phone: '+8613800138000' }, 'Europe/London', NOW), contacts })
    const shanghaiByOwnZone = (contacts: number): AudienceZones => ({
      judged: contactZones({ timeZone: 'Asia/Shanghai', phone: '+8613800138001' }, 'Europe/London', NOW),
      contacts,
    })
    const problems = audienceZoneProblems(chain([waitUntil('21:30'), sms()]), policies, [chinaByNumber(2), canada(1), shanghaiByOwnZone(1)], NOW)
    expect(problems.map((problem) => [problem.code, problem.message.en, problem.message.zh])).toEqual([
      [
        'zones.fixed_time_held',
        'Held for 4 contacts: sent at 21:30 local time (after "Until 21:30"), this message is outside the allowed sending hours in some of their zones. 3 contacts in Asia/Shanghai until 08:00 Asia/Shanghai; 1 contact in every time zone of Canada (America/St_Johns … America/Vancouver) until 08:00 America/Whitehorse',
        '4 位联系人将被暂缓:该消息在当地时间 21:30 发送(在"等到 21:30"之后),不在他们部分时区的允许发送时段内。3 位联系人位于 Asia/Shanghai,暂缓至 08:00(Asia/Shanghai);1 位联系人位于加拿大所有时区(America/St_Johns … America/Vancouver),暂缓至 08:00(America/Whitehorse)',
      ],
    ])
  })

  it('says "1 contact", not "1 contacts", when one contact is held', () => {
    expect(audienceZoneProblems(chain([waitUntil('12:00'), sms()]), policies, [unitedStates(1)], NOW).map((problem) => problem.message.en)).toEqual([
      'Held for 1 contact: sent at 12:00 local time (after "Until 12:00"), this message is outside the allowed sending hours in some of their zones. 1 contact in every time zone of the United States (America/New_York … Pacific/Honolulu) until 08:00 Pacific/Honolulu',
    ])
  })
})
