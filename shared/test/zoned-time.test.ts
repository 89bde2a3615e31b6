import { describe, expect, it } from 'vitest'
import { zonedTime } from '../src/index'

describe('an instant in a named zone', () => {
  it('writes the clock of the zone with the zone named, in both languages', () => {
    expect(zonedTime(Date.parse('2027-02-13T17:05:02Z'), 'America/Los_Angeles')).toEqual({
      en: '2027-02-13 09:05 America/Los_Angeles',
      zh: '2027年2月13日 09:05 America/Los_Angeles',
    })
    expect(zonedTime(Date.parse('2027-02-13T17:05:02Z'), 'Asia/Shanghai')).toEqual({ en: '2027-02-14 01:05 Asia/Shanghai', zh: '2027年2月14日 01:05 Asia/Shanghai' })
  })

  it('writes midnight as 00:00 and follows daylight saving time', () => {
    expect(zonedTime(Date.parse('2026-12-03T16:00:00Z'), 'Asia/Shanghai').en).toBe('2026-12-04 00:00 Asia/Shanghai')
    expect(zonedTime(Date.parse('2026-07-01T16:30:00Z'), 'America/Los_Angeles').en).toBe('2026-07-01 09:30 America/Los_Angeles')
  })
})
