import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { at, chain, contact, Driver, sends } from './helpers'

const OFFER = { kind: 'percent_off' as const, value: 20, label: '全场8折券', validHours: 48 }
/** The outside tester's node, as a version published before validation refused it would hold it. */
const couponNotice = {
  id: 'sms',
  type: 'send_sms',
  data: { text: '您的订单通知:全场8折券限时48小时,点击领取 {{link}}', category: 'transactional', offer: OFFER, linkUrl: 'https://example.com/c' },
} as const

describe('a "transactional" send that carries an offer is sent as marketing', () => {
  it('holds it at 21:29 Beijing until 08:00, as marketing, with the opt-out line', () => {
    const driver = new Driver(chain([couponNotice]))
    expect(driver.start(at('2026-11-24T21:29:00+08:00')).effects[0]).toMatchObject({ type: 'hold', code: 'window', until: at('2026-11-25T08:00:00+08:00') })
    const [send] = sends(driver.wake())
    expect(send).toMatchObject({ category: 'marketing', window: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) } })
    expect(send?.text.endsWith(' 回T退订')).toBe(true)
  })

  it('does not send it to a contact without consent or an opted-out one', () => {
    expect(sends(new Driver(chain([couponNotice]), contact({ consent: false })).start(at('2026-11-24T10:00:00+08:00')))).toEqual([])
    expect(sends(new Driver(chain([couponNotice]), contact({ suppressed: true })).start(at('2026-11-24T10:00:00+08:00')))).toEqual([])
  })

  it('still sends a plain transactional notice at night', () => {
    const notice = { id: 'sms', type: 'send_sms', data: { text: '您的订单已发货', category: 'transactional' } } as const
    expect(sends(new Driver(chain([notice])).start(at('2026-11-24T23:30:00+08:00')))).toMatchObject([{ category: 'transactional', text: '【乐享】您的订单已发货' }])
  })
})
