/** FNV-1a, 32-bit: a stable hash for sticky A/B assignment and coupon codes (no randomness in the engine). */
export function hash32(text: string): number {
  return finish(feed(text))
}

function feed(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash
}

/** A final avalanche so similar keys (contact-1, contact-2) spread over the whole range. */
function finish(fed: number): number {
  let hash = fed
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}

/** A number in [0, 1) fixed by the key. */
export function unitInterval(key: string): number {
  return hash32(key) / 2 ** 32
}

/** The characters of coupon and short link codes: no look-alikes (I, L, O, 0, 1). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** An 8-character coupon code without look-alike characters (no I, L, O, 0, 1). */
export function couponCodeFor(key: string): string {
  const fed = feed(key)
  const first = finish(fed)
  // hash32(`${key}#`), without building that string: '#' is 0x23.
  const second = finish(Math.imul(fed ^ 0x23, 0x01000193))
  // One string of eight characters rather than eight growing ones: codes are made at every send.
  return String.fromCharCode(
    codeCharacter(first, 0),
    codeCharacter(first, 1),
    codeCharacter(first, 2),
    codeCharacter(first, 3),
    codeCharacter(second, 0),
    codeCharacter(second, 1),
    codeCharacter(second, 2),
    codeCharacter(second, 3),
  )
}

/** The `digit`-th base-31 digit of `value`, lowest first, as a character code of the alphabet. */
function codeCharacter(value: number, digit: number): number {
  return CODE_ALPHABET.charCodeAt(Math.floor(value / CODE_ALPHABET.length ** digit) % CODE_ALPHABET.length)
}
