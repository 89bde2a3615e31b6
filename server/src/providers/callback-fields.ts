import { CALLBACK_REASONS, RECORD_RULES } from './callback-reasons'
import { CallbackRefusal, WebhookFormatError } from './types'

/** A text field a record cannot be taken without (an id, a number): skipped, named, when missing or empty. */
export const text = (record: Record<string, unknown>, field: string) => {
  const value = record[field]
  if (typeof value !== 'string' || value === '') throw new WebhookFormatError(field)
  return value
}

/**
 * A reply's text: one with none (missing, empty, only spaces) is skipped, never stored as a blank
 * reply; so is one that is not text (a number, an object, null), named as such.
 */
export function replyText(record: Record<string, unknown>, field: string): string {
  const value = record[field]
  if (value !== undefined && typeof value !== 'string') throw new WebhookFormatError(field, CALLBACK_REASONS.notText(field))
  if (value === undefined || value.trim() === '') throw new WebhookFormatError(field, CALLBACK_REASONS.emptyReply(field))
  return value
}

/** A reply's text in Recall's own format: one that is not text refuses the callback (see CallbackRefusal). */
export function relayReplyText(record: Record<string, unknown>, field: string): string {
  if (record[field] !== undefined && typeof record[field] !== 'string') throw new CallbackRefusal(field, RECORD_RULES.text)
  return replyText(record, field)
}
