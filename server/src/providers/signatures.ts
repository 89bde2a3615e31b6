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

/** How far a signed callback's timestamp may be from our wall clock: older ones are replays. */
export const WEBHOOK_WINDOW_MS = 5 * 60_000

/** The signature our sandbox format and the Chinese clouds use: HMAC-SHA256 over the timestamp, a newline and the body. */
export function timestampedSignature(secret: string, timestamp: string, body: string, encoding: 'base64' | 'hex' = 'base64'): string {
  return hmac('sha256', secret, `${timestamp}\n${body}`, encoding)
}

/** A callback timestamp within the window of the wall clock (`receivedAt`), either way. */
export function isFresh(timestampMs: number, receivedAt: number): boolean {
  return Number.isFinite(timestampMs) && Math.abs(receivedAt - timestampMs) <= WEBHOOK_WINDOW_MS
}

export const headerText = (value: string | string[] | undefined): string => (typeof value === 'string' ? value : '')
