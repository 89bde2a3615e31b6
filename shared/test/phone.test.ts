import { describe, expect, it } from 'vitest'
import { normalizePhone, PhoneNumberError, phoneCountry, tryNormalizePhone } from '../src/index'

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

describe('phoneCountry', () => {
  it('reads the country of an E.164 number, telling apart the countries that share a calling code', () => {
    expect(phoneCountry('+8613812345678')).toBe('CN')
    expect(phoneCountry('+819012345678')).toBe('JP')
    expect(phoneCountry('+12125550100')).toBe('US')
    expect(phoneCountry('+14165550100')).toBe('CA')
    expect(phoneCountry('+17875550100')).toBe('PR')
    expect(phoneCountry('+79161234567')).toBe('RU')
    expect(phoneCountry('+77011234567')).toBe('KZ')
    expect(phoneCountry('+442071234567')).toBe('GB')
    expect(phoneCountry('+61212345678')).toBe('AU')
  })

  it('answers no country for a non-geographic number or one not in E.164', () => {
    expect(phoneCountry('+80012345678')).toBeUndefined()
    expect(phoneCountry('13812345678')).toBeUndefined()
    expect(phoneCountry('')).toBeUndefined()
  })
})
