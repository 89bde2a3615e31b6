import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { getAllTimezones } from 'countries-and-timezones'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contactZones, decideSend, defaultPolicies, isValidTimeZone, MINUTE, toLocal } from '../src/index'
import { at, chain, contact, Driver, sends } from './helpers'

const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)
const QUARTER = 15 * MINUTE
const CHINA_NUMBER = '+8613912345678'
const ZONES = Object.keys(getAllTimezones()).filter(isValidTimeZone)

const insideLegal = (instant: number, zone: string) => {
  const minutes = toLocal(instant, zone).minutes
  return minutes >= 8 * 60 && minutes < 21 * 60
}

describe('a +86 number with a zone of its own is judged in Beijing time too', () => {
  it('judges a New York contact with a +86 number in New York and Beijing time; waits still count in New York', () => {
    const judged = contactZones({ timeZone: 'America/New_York', phone: CHINA_NUMBER }, 'Asia/Shanghai', at('2026-11-24T12:00:00Z'))
    expect(judged).toEqual({ timeZone: 'America/New_York', zones: ['America/New_York', 'Asia/Shanghai'], source: 'contact', country: 'CN' })
    expect(contactZones({ timeZone: 'Asia/Shanghai', phone: CHINA_NUMBER }, 'Asia/Shanghai', 0)).toEqual({ timeZone: 'Asia/Shanghai', zones: ['Asia/Shanghai'], source: 'contact' })
    expect(contactZones({ timeZone: 'America/New_York', phone: '+12025550123' }, 'Asia/Shanghai', 0)).toEqual({
      timeZone: 'America/New_York',
      zones: ['America/New_York'],
      source: 'contact',
    })
  })

  it('holds a recall SMS at 09:00 New York (22:00 Beijing) until 08:00 Beijing, naming both zones', () => {
    const sms = { id: 'sms', type: 'send_sms', data: { text: '{{name|亲}},好久不见,送您一张券', category: 'recall' } } as const
    const driver = new Driver(chain([sms]), contact({ timeZone: 'America/New_York', phone: CHINA_NUMBER }))
    const first = driver.start(at('2026-11-24T09:00:00-05:00'))
    expect(first.effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-25T08:00:00+08:00'),
      code: 'window',
      reason: {
        en: "held: outside 08:00–21:00 in America/New_York (the contact's own zone) and Asia/Shanghai (China's legal time), resumes 2026-11-25 08:00 Asia/Shanghai",
        zh: '暂缓:不在联系人时区(America/New_York)和中国法定时间(Asia/Shanghai)的 08:00–21:00 发送时段内,将于 11月25日 08:00(Asia/Shanghai)发送',
      },
    })
    const [send] = sends(driver.wake())
    // The dispatcher checks both zones again at the moment of sending.
    expect(send?.window).toEqual({ timeZone: 'America/New_York', weekly: LEGAL, timeZones: ['America/New_York', 'Asia/Shanghai'], country: 'CN' })
  })

  it('lets a send out only inside 08:00–21:00 in Asia/Shanghai and in the stored zone, at the first such moment (fast-check)', () => {
    const policies = defaultPolicies({ caps: [] })
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((instant) => instant - (instant % MINUTE)),
        fc.constantFrom('recall' as const, 'marketing' as const),
        (zone, now, category) => {
          const zones = [zone, 'Asia/Shanghai']
          const inside = (instant: number) => zones.every((candidate) => insideLegal(instant, candidate))
          const person = contact({ timeZone: zone, phone: CHINA_NUMBER })
          const decision = decideSend({ category, window: LEGAL, onCapReached: 'skip', spreadKey: 'k' }, person, policies, now)
          if (decision.kind === 'send') {
            expect(inside(now)).toBe(true)
            return
          }
          // Some zones never share an hour of 08:00–21:00 with Beijing (Pacific/Kiritimati is 6 hours ahead, Honolulu 18 behind): then nothing goes out.
          if (decision.kind === 'skip') {
            expect(decision.code).toBe('no_window')
            for (let instant = now; instant < now + 8 * 24 * 60 * MINUTE; instant += QUARTER) expect(inside(instant)).toBe(false)
            return
          }
          expect(decision.kind).toBe('hold')
          if (decision.kind !== 'hold') return
          expect(decision.until).toBeGreaterThan(now)
          expect(inside(decision.until)).toBe(true)
          for (let instant = now; instant < decision.until; instant += QUARTER - (instant % QUARTER)) expect(inside(instant)).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })
})
