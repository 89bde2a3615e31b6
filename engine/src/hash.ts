/** FNV-1a, 32-bit: a stable hash for sticky A/B assignment and coupon codes (no randomness in the engine). */
export function hash32(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  // A final avalanche so similar keys (contact-1, contact-2) spread over the whole range.
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

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** An 8-character coupon code without look-alike characters (no I, L, O, 0, 1). */
export function couponCodeFor(key: string): string {
  let value = hash32(key)
  let second = hash32(`${key}#`)
  let code = ''
  for (let index = 0; index < 8; index++) {
    const source = index < 4 ? value : second
    code += CODE_ALPHABET[source % CODE_ALPHABET.length]
    if (index < 4) value = Math.floor(value / CODE_ALPHABET.length)
    else second = Math.floor(second / CODE_ALPHABET.length)
  }
  return code
}
