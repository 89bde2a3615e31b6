import type { TestRecipient, TestSendJudgement } from '@recall/engine'
import { eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts, suppressions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'

/**
 * What the workspace knows of the number a test goes to: its opt-out (the number's, or one a contact
 * holding it took with them from an earlier number) and the contacts that hold it.
 */
export async function testRecipient(db: Database, phone: string): Promise<TestRecipient> {
  const [optOut] = await db.select({ optedOutAt: suppressions.optedOutAt }).from(suppressions).where(eq(suppressions.phone, phone))
  const holders = await db.select({ consent: contacts.consent, timeZone: contacts.timeZone, optedOutAt: contacts.optedOutAt }).from(contacts).where(eq(contacts.phone, phone))
  const carried = holders.find((holder) => holder.optedOutAt !== null)?.optedOutAt
  return { phone, optedOutAt: (optOut?.optedOutAt ?? carried ?? undefined)?.getTime(), contacts: holders.map(({ optedOutAt: _, ...holder }) => holder) }
}

/**
 * 409 in the API's one shape. An opt-out or a missing consent is the number's: pinned to the phone
 * field, where another number fixes it. The hour is the message's (its category is what the window
 * binds): pinned to the node, so the editor shows it above the buttons.
 */
export function testSendRefused(refusal: Extract<TestSendJudgement, { kind: 'refuse' }>): ApiError {
  const path = refusal.code === 'opted_out' || refusal.code === 'no_consent' ? '/body/phone' : '/body/nodeId'
  return new ApiError(409, 'test_send_refused', refusal.reason, [{ code: `test_send.${refusal.code}`, severity: 'error', path, message: refusal.reason }])
}
