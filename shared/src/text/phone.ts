import { type CountryCode, getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { LocalizedText } from '../i18n'

export class PhoneNumberError extends Error {
  readonly input: string
  readonly localized: LocalizedText
  constructor(input: string, region: string) {
    const localized = {
      en: `"${input}" is not a valid phone number (default region ${region})`,
      zh: `"${input}" 不是有效的手机号码(默认地区 ${region})`,
    }
    super(localized.en)
    this.name = 'PhoneNumberError'
    this.input = input
    this.localized = localized
  }
}

/** Normalises a phone number to E.164; mainland numbers without +86 are read in `defaultRegion`. */
export function normalizePhone(input: string, defaultRegion: CountryCode = 'CN'): string {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion)
  if (!parsed?.isValid()) throw new PhoneNumberError(input, defaultRegion)
  return parsed.number
}

export function tryNormalizePhone(input: string, defaultRegion: CountryCode = 'CN'): string | undefined {
  try {
    return normalizePhone(input, defaultRegion)
  } catch {
    return undefined
  }
}

/** The countries of each calling code ("1" → US, CA, PR…; "86" → CN), built once. */
let countriesByCallingCode: Map<string, CountryCode[]> | undefined

function callingCodeCountries(): Map<string, CountryCode[]> {
  if (countriesByCallingCode) return countriesByCallingCode
  const byCode = new Map<string, CountryCode[]>()
  for (const country of getCountries()) {
    const code = getCountryCallingCode(country)
    const list = byCode.get(code)
    if (list) list.push(country)
    else byCode.set(code, [country])
  }
  countriesByCallingCode = byCode
  return byCode
}

/**
 * Long enough to tell apart the countries that share a calling code: a North American area code
 * (+1 212), Kazakhstan in +7 (+7 7…), Jersey or the Isle of Man in +44 (+44 7781), Christmas Island
 * in +61 (+61 8 9164), the Vatican in +39 (+39 06698).
 */
const SHARED_CODE_PREFIX = 8
const MAX_CACHED_PREFIXES = 50_000
const countryByPrefix = new Map<string, CountryCode | null>()

/**
 * The country of an E.164 number ("+12125550100" → US), or undefined when it has none (a
 * non-geographic number, a calling code nobody has, not E.164). A calling code of one country is
 * answered without parsing; numbers of a shared code are parsed once per prefix, so judging 100,000
 * contacts parses a few hundred numbers at most.
 */
export function phoneCountry(phone: string): CountryCode | undefined {
  if (!phone.startsWith('+')) return undefined
  const byCode = callingCodeCountries()
  // Calling codes are prefix-free: at most one of the first three lengths is one.
  for (let length = 1; length <= 3; length++) {
    const countries = byCode.get(phone.slice(1, 1 + length))
    if (countries?.length === 1) return countries[0]
    if (countries) break
  }
  const prefix = phone.slice(0, SHARED_CODE_PREFIX)
  const cached = countryByPrefix.get(prefix)
  if (cached !== undefined) return cached ?? undefined
  const country = parsePhoneNumberFromString(phone)?.country
  if (countryByPrefix.size >= MAX_CACHED_PREFIXES) countryByPrefix.clear()
  countryByPrefix.set(prefix, country ?? null)
  return country
}

export type { CountryCode }
