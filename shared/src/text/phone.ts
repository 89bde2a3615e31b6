import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
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

export type { CountryCode }
