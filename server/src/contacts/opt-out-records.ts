import type { OptOutRecord } from '@recall/shared'
import type { contacts, suppressions } from '../db/schema/index'

/**
 * The person's own opt-out as the contact row keeps it. Every writer sets its time and source together
 * (replies/opt-out.ts, imports, the phone-change and re-import triggers), so a time without a source is
 * no opt-out the page could name.
 */
export function ownOptOut(contact: Pick<typeof contacts.$inferSelect, 'optedOutAt' | 'optOutSource' | 'optedOutBy'>): OptOutRecord | undefined {
  if (!contact.optedOutAt || !contact.optOutSource) return undefined
  return { at: contact.optedOutAt.getTime(), source: contact.optOutSource, by: contact.optedOutBy }
}

/** A number's entry on the suppression list, as an opt-out. */
export function numberOptOut(entry: Pick<typeof suppressions.$inferSelect, 'optedOutAt' | 'source' | 'optedOutBy'>): OptOutRecord {
  return { at: entry.optedOutAt.getTime(), source: entry.source, by: entry.optedOutBy }
}
