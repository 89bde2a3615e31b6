/**
 * SMS segment arithmetic. Operators bill per part, so the editor, the engine's cost figures and
 * the validator all count with this one function.
 */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** Characters reached through the escape code: each costs two septets. */
const GSM7_EXTENSION = '^{}\\[~]|€\f'

// By code point: the counts walk the text by index, since iterating a string makes a string of each
// non-Latin-1 character (every Chinese one), and the simulator counts hundreds of thousands of texts.
const codePoints = (characters: string) => new Set(Array.from(characters, (character) => character.codePointAt(0) as number))
const basicSet = codePoints(GSM7_BASIC)
const extensionSet = codePoints(GSM7_EXTENSION)

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

/** UTF-16 code units of a code point: 2 for a surrogate pair, 1 otherwise (a lone surrogate too, as `for…of` reads it). */
const lengthOf = (codePoint: number) => (codePoint > 0xffff ? 2 : 1)

function isGsm7(text: string): boolean {
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number
    if (!basicSet.has(codePoint) && !extensionSet.has(codePoint)) return false
    index += lengthOf(codePoint)
  }
  return true
}

/** Units of one character: escape pairs cost two septets, surrogate pairs two UCS-2 units. */
function unitsOf(codePoint: number, encoding: SmsEncoding): number {
  return encoding === 'GSM-7' ? (extensionSet.has(codePoint) ? 2 : 1) : lengthOf(codePoint)
}

/**
 * Counts parts by packing characters greedily into parts of `capacity` units; a character (a GSM
 * escape pair or a surrogate pair) is never split across two parts, so a part may end a unit short.
 */
function measure(text: string, encoding: SmsEncoding, capacity: number): { units: number; parts: number; usedInLast: number } {
  let units = 0
  let parts = 1
  let used = 0
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number
    index += lengthOf(codePoint)
    const unit = unitsOf(codePoint, encoding)
    units += unit
    if (used + unit > capacity) {
      parts += 1
      used = 0
    }
    used += unit
  }
  return { units, parts, usedInLast: used }
}

export function countSmsParts(text: string): SmsPartCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2'
  const limits = SMS_LIMITS[encoding]
  const { units, parts, usedInLast } = measure(text, encoding, limits.multipart)
  if (units <= limits.single) {
    return { encoding, units, parts: units === 0 ? 0 : 1, perPart: limits.single, remainingInPart: limits.single - units }
  }
  return { encoding, units, parts, perPart: limits.multipart, remainingInPart: limits.multipart - usedInLast }
}
