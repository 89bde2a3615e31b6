import { tryNormalizePhone } from '@recall/shared'
import { CALLBACK_REASONS } from './callback-reasons'
import { type InboundText, type Lenient, WebhookFormatError } from './types'

const defined = (reading: string | undefined): reading is string => reading !== undefined

/**
 * The E.164 numbers a pushed number may be. Aliyun sends a mainland number without +86
 * ("13800138000") and any other with its country code but without "+" ("85291234567"), so both
 * readings are tried: the mainland one first, as the cloud's own default. Some numbers are valid
 * both ways (13012345678 is also +1 301-234-5678); one given with "+" has a single reading.
 */
export function numberReadings(pushed: string): string[] {
  const given = pushed.trim()
  if (given.startsWith('+')) return [tryNormalizePhone(given)].filter(defined)
  return [...new Set([tryNormalizePhone(given, 'CN'), tryNormalizePhone(`+${given}`)].filter(defined))]
}

/** What may be kept of a number no reading makes valid: digits as a phone shows them, not any text. */
const NUMBER_LIKE = /^\+?[\d\s()-]{1,32}$/

/**
 * A reply's number: its readings (the one a contact holds is taken when the reply is received), or,
 * when none is valid, the number as given, kept for a person to review so a STOP is never dropped
 * unseen (the answer notes it). A missing or empty number, or one that is not digits (as text or a
 * JSON number), skips the record.
 */
export function replyNumber(pushed: unknown, field: string, lenient: Lenient): Pick<InboundText, 'phone' | 'otherReadings' | 'unreadNumber'> {
  // A relay may send the digits as a JSON number (13800138000): still the person's number.
  // Full-width digits (１３９…, typed on a Chinese keyboard or passed on by a relay) are digits: NFKC makes them ASCII.
  const given = typeof pushed === 'string' ? pushed.normalize('NFKC').trim() : typeof pushed === 'number' && Number.isSafeInteger(pushed) && pushed > 0 ? String(pushed) : ''
  if (!NUMBER_LIKE.test(given)) throw new WebhookFormatError(field)
  const [phone, ...otherReadings] = numberReadings(given)
  if (phone) return otherReadings.length > 0 ? { phone, otherReadings } : { phone }
  lenient(field, CALLBACK_REASONS.numberKeptForReview(field))
  return { phone: given, unreadNumber: true }
}
