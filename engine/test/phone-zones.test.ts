import { describe, expect, it } from 'vitest'
import { contactZones, defaultPolicies, describeZones } from '../src/index'
import { at, chain, contact, Driver, sends } from './helpers'

const policies = defaultPolicies({ caps: [] })
const recallSms = { id: 'sms', type: 'send_sms', data: { text: '{{name|亲}},好久不见', category: 'recall' } } as const
const journey = chain([recallSms])

const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'America/Adak', 'Pacific/Honolulu']

/** A contact without a zone of its own, with this number. */
const zoneless = (phone: string | undefined) => contact({ timeZone: undefined, phone })

describe('a contact without a time zone is judged by its phone number', () => {
  it('holds a +1 contact at 07:30 New York (04:30 Los Angeles) until 08:00 in Honolulu, the moment every US zone is at 08:00 or later', () => {
    // 11:30 UTC: 19:30 in Shanghai, the workspace's zone, where the old rule sent it.
    const now = at('2026-07-01T07:30:00-04:00')
    const result = new Driver(journey, zoneless('+12125550100'), policies).start(now)
    expect(sends(result)).toEqual([])
    expect(result.effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      // 14:00 New York, 11:00 Los Angeles, 08:00 Honolulu.
      until: at('2026-07-01T08:00:00-10:00'),
      code: 'window',
      reason: {
        en: 'held: outside 08:00–21:00 in every time zone of the United States (America/New_York … Pacific/Honolulu), resumes 2026-07-01 08:00 Pacific/Honolulu',
        zh: '暂缓:不在美国所有时区(America/New_York … Pacific/Honolulu)的 08:00–21:00 发送时段内,将于 7月1日 08:00(Pacific/Honolulu)发送',
      },
    })
  })

  it('sends once every US zone is open, and the send carries every zone for the re-check at sending', () => {
    const result = new Driver(journey, zoneless('+12125550100'), policies).start(at('2026-07-01T08:00:00-10:00'))
    const [send] = sends(result)
    expect(send?.window).toEqual({ timeZone: 'America/New_York', weekly: expect.any(Array), timeZones: US_ZONES, country: 'US' })
  })

  it('holds a +380 contact at 20:00 in Kyiv, 21:00 in Crimea (Moscow time), until 08:00 Kyiv', () => {
    const result = new Driver(journey, zoneless('+380501234567'), policies).start(at('2027-11-17T20:00:00+02:00'))
    expect(sends(result)).toEqual([])
    expect(result.effects[0]).toMatchObject({
      type: 'hold',
      until: at('2027-11-18T08:00:00+02:00'),
      reason: { en: 'held: outside 08:00–21:00 in every time zone of Ukraine (Europe/Simferopol, Europe/Kyiv), resumes 2027-11-18 08:00 Europe/Kyiv' },
    })
  })

  it('holds a +1 contact at 21:00 New York (15:00 Honolulu) until 14:00 New York the next day', () => {
    expect(sends(new Driver(journey, zoneless('+12125550100'), policies).start(at('2026-07-01T20:59:00-04:00')))).toHaveLength(1)
    expect(new Driver(journey, zoneless('+12125550100'), policies).start(at('2026-07-01T21:00:00-04:00')).effects[0]).toMatchObject({
      type: 'hold',
      until: at('2026-07-02T14:00:00-04:00'),
    })
  })

  it('judges a +81 contact without a zone in Asia/Tokyo: 21:30 Tokyo (20:30 Shanghai) is held until 08:00 Tokyo', () => {
    const result = new Driver(journey, zoneless('+819012345678'), policies).start(at('2026-11-24T21:30:00+09:00'))
    expect(result.effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-25T08:00:00+09:00'),
      code: 'window',
      reason: {
        en: 'held: outside 08:00–21:00 Asia/Tokyo, resumes 2026-11-25 08:00',
        zh: '暂缓:不在 08:00–21:00(Asia/Tokyo)发送时段内,将于 11月25日 08:00 发送',
      },
    })
  })

  it('judges a +86 contact without a zone in Beijing time alone: 08:30 sends', () => {
    const result = new Driver(journey, zoneless('+8613123456789'), policies).start(at('2026-11-24T08:30:00+08:00'))
    expect(sends(result)[0]?.window).toEqual({ timeZone: 'Asia/Shanghai', weekly: expect.any(Array) })
  })

  it('keeps a stored zone whatever the number says: a +1 contact in Asia/Shanghai gets its text at 19:30 Shanghai (07:30 New York)', () => {
    const result = new Driver(journey, contact({ timeZone: 'Asia/Shanghai', phone: '+12125550100' }), policies).start(at('2026-07-01T19:30:00+08:00'))
    expect(sends(result)[0]?.window).toEqual({ timeZone: 'Asia/Shanghai', weekly: expect.any(Array) })
  })

  it("judges a contact with no number, or a number of no country, in the workspace's zone", () => {
    for (const phone of [undefined, '+80012345678']) {
      const late = new Driver(journey, zoneless(phone), policies).start(at('2026-11-24T22:30:00+08:00'))
      expect(late.effects[0]).toMatchObject({
        type: 'hold',
        until: at('2026-11-25T08:00:00+08:00'),
        reason: { en: 'held: outside 08:00–21:00 Asia/Shanghai, resumes 2026-11-25 08:00' },
      })
      const london = defaultPolicies({ caps: [], defaultTimeZone: 'Europe/London' })
      expect(sends(new Driver(journey, zoneless(phone), london).start(at('2026-11-24T20:30:00Z')))).toHaveLength(1)
    }
  })

  it('says where the zones came from', () => {
    const now = at('2026-07-01T12:00:00Z')
    expect(contactZones({ phone: '+12125550100' }, 'Asia/Shanghai', now)).toEqual({ timeZone: 'America/New_York', zones: US_ZONES, source: 'phone', country: 'US' })
    expect(contactZones({ phone: '+447400123456' }, 'Asia/Shanghai', now)).toEqual({ timeZone: 'Europe/London', zones: ['Europe/London'], source: 'phone', country: 'GB' })
    expect(contactZones({ phone: '+4915123456789' }, 'Asia/Shanghai', now)).toMatchObject({ zones: ['Europe/Berlin'], country: 'DE' })
    expect(contactZones({ timeZone: 'Asia/Tokyo', phone: '+12125550100' }, 'Asia/Shanghai', now)).toEqual({ timeZone: 'Asia/Tokyo', zones: ['Asia/Tokyo'], source: 'contact' })
    expect(contactZones({ phone: null }, 'Asia/Shanghai', now)).toEqual({ timeZone: 'Asia/Shanghai', zones: ['Asia/Shanghai'], source: 'default' })
    // The database also lists Asia/Tokyo for Australia: judged too, it lies between Australia's own
    // clocks, so it narrows nothing and reasons, naming the first and last, never show it.
    const australia = contactZones({ phone: '+61298765432' }, 'Asia/Shanghai', now)
    expect(australia).toMatchObject({ timeZone: 'Australia/Sydney', source: 'phone', country: 'AU' })
    expect(describeZones(australia)).toEqual({
      en: 'every time zone of Australia (Australia/Lord_Howe … Australia/Perth)',
      zh: '澳大利亚所有时区(Australia/Lord_Howe … Australia/Perth)',
    })
    // Crimea keeps Moscow time on Ukraine's ground: a +380 number is judged there too.
    expect(contactZones({ phone: '+380501234567' }, 'Asia/Shanghai', now)).toEqual({
      timeZone: 'Europe/Kyiv',
      zones: ['Europe/Simferopol', 'Europe/Kyiv'],
      source: 'phone',
      country: 'UA',
    })
    // A territory that leads no zone of its own keeps the one it uses.
    expect(contactZones({ phone: '+447781123456' }, 'Asia/Shanghai', now)).toMatchObject({ zones: ['Europe/London'], country: 'GG' })
  })

  it('counts waits in the main zone of the number’s country: a wait until 10:00 for a +1 contact ends at 10:00 New York', () => {
    const wait = { id: 'wait', type: 'wait', data: { mode: 'until_time', time: '10:00' } } as const
    const result = new Driver(chain([wait]), zoneless('+12125550100'), policies).start(at('2026-07-01T07:30:00-04:00'))
    expect(result.state.wake?.at).toBe(at('2026-07-01T10:00:00-04:00'))
  })

  it('moves a reminder that would fall at night into the last half hour open in every US zone before the expiry', () => {
    const document = chain([
      {
        id: 'remind',
        type: 'reminder_before_expiry',
        data: { expiry: { source: 'attribute', attribute: 'points_expire_at' }, before: { amount: 6, unit: 'hours' }, text: '您的积分即将到期', category: 'recall' },
      },
    ])
    document.edges[1] = { id: 'e1', source: 'remind', sourceHandle: 'sent', target: 'end' }
    // Expires 08:00 New York; 6 hours before is 02:00, and every US zone opens again only at 14:00 New York.
    // The last stretch open everywhere before it closes at 21:00 New York (15:00 Honolulu): 20:30.
    const driver = new Driver(document, { ...zoneless('+12125550100'), attributes: { points_expire_at: '2026-07-03T08:00:00-04:00' } }, policies)
    expect(driver.start(at('2026-07-01T10:00:00-04:00')).effects).toEqual([{ type: 'wake', at: at('2026-07-02T20:30:00-04:00') }])
    expect(sends(driver.wake())).toHaveLength(1)
  })

  it('skips, naming the zones, when the window never opens in every zone of the country at once', () => {
    // 09:00–10:00 in Kaliningrad is 19:00–20:00 in Anadyr: no hour is inside it everywhere in Russia.
    const narrow = { ...recallSms, data: { ...recallSms.data, sendWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '10:00' }] } }
    const result = new Driver(chain([narrow]), zoneless('+79123456789'), policies).start(at('2026-07-01T12:00:00Z'))
    expect(result.log.filter((line) => line.kind === 'skipped').map((line) => line.message)).toEqual([
      {
        en: 'skipped: no allowed send time left in every time zone of Russia (Asia/Anadyr … Europe/Kaliningrad) at once',
        zh: '跳过:俄罗斯所有时区(Asia/Anadyr … Europe/Kaliningrad)没有共同的可发送时段',
      },
    ])
  })
})
