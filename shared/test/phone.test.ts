import { describe, expect, it } from 'vitest'
import { normalizePhone, PhoneNumberError, tryNormalizePhone } from '../src/index'

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['+86 138-1234-5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected)
  })

  it('reads numbers in another default region', () => {
    expect(normalizePhone('(212) 555-0123', 'US')).toBe('+12125550123')
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958')
  })

  it('rejects an invalid number with an error naming the input in both languages', () => {
    expect(() => normalizePhone('12345')).toThrow(PhoneNumberError)
    try {
      normalizePhone('12345')
    } catch (cause) {
      expect((cause as PhoneNumberError).localized).toEqual({ en: '"12345" is not a valid phone number (default region CN)', zh: '"12345" 不是有效的手机号码(默认地区 CN)' })
    }
    expect(tryNormalizePhone('not a phone')).toBeUndefined()
  })

  it('rejects numbers of a plausible length that no carrier hands out (ten digits, a 100 prefix), by the full metadata', () => {
    expect(['1381234009', '10000000000', '12345678901', '+8613812345678'].map((input) => tryNormalizePhone(input))).toEqual([undefined, undefined, undefined, '+8613812345678'])
  })
})
