import { createHmac, timingSafeEqual } from 'node:crypto'

export function hmac(algorithm: 'sha1' | 'sha256', secret: string, data: string, encoding: 'base64' | 'hex' = 'base64'): string {
  return createHmac(algorithm, secret).update(data, 'utf8').digest(encoding)
}

/** Compares signatures in constant time; a missing one never matches. */
export function sameSignature(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const left = Buffer.from(given)
  const right = Buffer.from(expected)
  return left.length === right.length && timingSafeEqual(left, right)
}
