/**
 * SMS segment arithmetic. Operators bill per part, so the editor, the engine's cost figures and
 * the validator all count with this one function.
 */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** Characters reached through the escape code: each costs two septets. */
const GSM7_EXTENSION = '^{}\\[~]|€\f'

const basicSet = new Set(GSM7_BASIC)
const extensionSet = new Set(GSM7_EXTENSION)

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SmsPartCount {
  encoding: SmsEncoding
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number
  parts: number
  /** Capacity of one part in the layout used: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perPart: number
  /** Units still free in the last part before another part is needed. */
  remainingInPart: number
}

export const SMS_LIMITS = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
} as const

/** Cost of each character in units; a character is one code point. */
function characterUnits(text: string): { encoding: SmsEncoding; units: number[] } {
  const characters = Array.from(text)
  if (characters.every((c) => basicSet.has(c) || extensionSet.has(c))) {
    return { encoding: 'GSM-7', units: characters.map((c) => (extensionSet.has(c) ? 2 : 1)) }
  }
  // UCS-2 counts UTF-16 code units: a character outside the BMP (emoji) is a surrogate pair.
  return { encoding: 'UCS-2', units: characters.map((c) => c.length) }
}

/**
 * Packs characters greedily into parts of `capacity` units; a character (a GSM escape pair or a
 * surrogate pair) is never split across two parts, so a part may end a unit short.
 */
function packParts(units: number[], capacity: number): { parts: number; usedInLast: number } {
  let parts = 1
  let used = 0
  for (const unit of units) {
    if (used + unit > capacity) {
      parts += 1
      used = 0
    }
    used += unit
  }
  return { parts, usedInLast: used }
}

export function countSmsParts(text: string): SmsPartCount {
  const { encoding, units } = characterUnits(text)
  const total = units.reduce((sum, unit) => sum + unit, 0)
  const limits = SMS_LIMITS[encoding]
  if (total <= limits.single) {
    return { encoding, units: total, parts: total === 0 ? 0 : 1, perPart: limits.single, remainingInPart: limits.single - total }
  }
  const { parts, usedInLast } = packParts(units, limits.multipart)
  return { encoding, units: total, parts, perPart: limits.multipart, remainingInPart: limits.multipart - usedInLast }
}
