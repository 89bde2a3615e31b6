import { randomUUID } from 'node:crypto'
import { judgeTestSend, type SendPolicies } from '@recall/engine'
import { type JourneyDocument, type MessagePreview, normalizePhone, PhoneNumberError } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { messages } from '../db/schema/index'
import { invalidRequest } from '../plugins/errors'
import type { Providers } from '../providers/router'
import { ProviderError, type ProviderReceipt, type SmsProvider } from '../providers/types'
import { DEFAULT_LEASE_MS } from '../worker/dispatcher'
import { installLinkCodes } from '../worker/link-codes'
import { type OutboxRow, recordAccepted } from '../worker/outbox/record'
import { messageCost, type Pricing } from '../worker/step-writer'
import { composeForContact, type PreviewedContact, toMessagePreview } from './compose'
import { testRecipient, testSendRefused } from './test-recipient'

export interface TestSendInput {
  journeyId: string
  document: JourneyDocument
  nodeId: string
  phone: string
  contact: PreviewedContact
}

export interface TestSendContext {
  db: Database
  providers: () => Promise<Providers>
  policies: SendPolicies
  pricing: Pricing
  /**
   * The workspace clock (the demo clock in demo mode), as for live sends: the dispatcher judges send
   * windows on it too, so a test is refused exactly when a live send to that number would be held,
   * and message times line up with the others. Outside demo mode it is the wall clock.
   */
  now: number
  /** Leases are timed on the wall clock. */
  wallNow: number
}

function testPhone(input: string): string {
  try {
    return normalizePhone(input)
  } catch (cause) {
    if (!(cause instanceof PhoneNumberError)) throw cause
    const message = { en: `Test phone number: ${cause.localized.en}`, zh: `测试手机号:${cause.localized.zh}` }
    throw invalidRequest([{ code: 'test_send.phone', severity: 'error', path: '/body/phone', message }])
  }
}

function providerFor(providers: Providers, category: MessagePreview['category']): SmsProvider {
  try {
    return providers.forCategory(category)
  } catch {
    const message = {
      en: `Message node: no SMS provider is configured for ${category} messages; connect it in Settings or route the category to the sandbox`,
      zh: `消息节点:${category} 类消息的短信服务商尚未配置,请在设置中连接或改用沙盒`,
    }
    throw invalidRequest([{ code: 'test_send.provider', severity: 'error', path: '/body/nodeId', message }])
  }
}

/** The provider's answer, or its refusal: a test is not retried, the person sees why at once. */
async function handOver(provider: SmsProvider, row: OutboxRow, now: number): Promise<ProviderReceipt | ProviderError> {
  try {
    const { template, mms } = row
    return await provider.send({ idempotencyKey: row.idempotencyKey, phone: row.phone as string, channel: row.channel, category: row.category, text: row.text, template, mms }, now)
  } catch (cause) {
    return cause instanceof ProviderError ? cause : new ProviderError('transient', 'error', cause instanceof Error ? cause.message : String(cause))
  }
}

/**
 * One message node, rendered for the chosen contact, to a test phone through the provider its
 * category routes to, when the rules that protect the phone's holder allow it now (judgeTestSend:
 * opt-out, consent, legal window, quiet hours in the holder's zone). No enrollment, no coupon reserved, not counted by caps or the daily ceiling
 * (the row belongs to no contact and is marked `test`). Three steps like the dispatcher's, so no
 * transaction is open while the provider answers: insert (leased), call, record.
 */
export async function sendTest(context: TestSendContext, input: TestSendInput): Promise<{ message: OutboxRow; preview: MessagePreview }> {
  const phone = testPhone(input.phone)
  const key = `test:${randomUUID()}`
  const { composed } = composeForContact(input.document, input.contact.view, context.policies, context.now, (nodeId) => `${key}:${nodeId}`, await installLinkCodes(context.db))
  const chosen = composed.find((message) => message.node.id === input.nodeId)
  if (!chosen) {
    const message = {
      en: `Message node: "${input.nodeId}" is not a complete SMS or MMS node of this journey`,
      zh: `消息节点:"${input.nodeId}" 不是本旅程中填写完整的短信或彩信节点`,
    }
    throw invalidRequest([{ code: 'test_send.node', severity: 'error', path: '/body/nodeId', message }])
  }
  const { effect } = chosen.send
  // Judged for whoever holds the test phone, not the contact it is rendered as: refused before any provider is asked.
  const judgement = judgeTestSend(effect.category, await testRecipient(context.db, phone), context.policies, context.now)
  if (judgement.kind === 'refuse') throw testSendRefused(judgement)
  const provider = providerFor(await context.providers(), effect.category)
  const [row] = await context.db
    .insert(messages)
    .values({
      idempotencyKey: effect.idempotencyKey,
      // A test belongs to no enrollment and no contact: nothing that counts a contact's sends sees it.
      enrollmentId: '',
      contactId: '',
      journeyId: input.journeyId,
      nodeId: effect.nodeId,
      channel: effect.channel,
      category: effect.category,
      phone,
      text: effect.text,
      parts: effect.parts,
      cost: String(messageCost(effect, context.pricing)),
      coupon: effect.coupon ?? null,
      template: effect.template ?? null,
      mms: effect.mms ?? null,
      linkCode: effect.link?.code ?? null,
      linkUrl: effect.link?.url ?? null,
      status: 'sending',
      attempts: 1,
      leaseUntil: new Date(context.wallNow + DEFAULT_LEASE_MS),
      // The window the test was judged by, in the holder's zone(s), as a live row carries its own.
      sendWindow: judgement.window,
      createdAt: new Date(context.now),
      test: true,
    })
    .returning()
  const inserted = row as OutboxRow
  const answer = await handOver(provider, inserted, context.now)
  await context.db.transaction(async (tx) => {
    // No simulated recipient clicks a test: the person holding the phone does, for real.
    if (!(answer instanceof ProviderError)) await recordAccepted(tx, inserted, { ...answer, click: undefined }, context.now, provider.name)
    else
      await tx
        .update(messages)
        .set({ status: 'failed', leaseUntil: null, error: `${answer.code}: ${answer.message}` })
        .where(eq(messages.id, inserted.id))
  })
  const [stored] = await context.db.select().from(messages).where(eq(messages.id, inserted.id))
  return { message: stored as OutboxRow, preview: toMessagePreview(chosen, context.policies.shortLinkBase) }
}
