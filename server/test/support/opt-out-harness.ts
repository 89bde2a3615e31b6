import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { SmsProvider } from '../../src/providers/types'
import { receiveReply } from '../../src/replies/replies'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { authorizedApp } from './app'
import { type DatabaseKind, testDatabase, useOpenForBlock } from './databases'

/**
 * The API on a fresh database of the kind, on a fixed clock, with two journeys live (`win-back`, a
 * recall sent on `visit`; `shipped`, a transactional one sent on `order_shipped`) and a provider
 * that records what it is handed: what an opt-out test needs to see who still gets marketing.
 */
export function useOptOutApp(kind: DatabaseKind, now: number) {
  const handedOver: { phone: string; category: string }[] = []
  const provider: SmsProvider = {
    name: 'sandbox',
    resend: 'none',
    async send(message) {
      handedOver.push({ phone: message.phone, category: message.category })
      return { providerId: `P-${message.idempotencyKey}` }
    },
  }
  const app = useOpenForBlock(
    async () => authorizedApp({ database: await testDatabase(kind), clock: () => now }),
    async (opened: FastifyInstance) => {
      for (const document of [
        oneSmsJourney('win-back', 'recall', 'visit', '好久不见,送您一张九折券 回T退订'),
        oneSmsJourney('shipped', 'transactional', 'order_shipped', '您的订单已发货'),
      ]) {
        expect((await opened.inject({ method: 'POST', url: '/api/journeys', payload: document })).statusCode).toBe(201)
        expect((await opened.inject({ method: 'POST', url: `/api/journeys/${document.id}/publish`, payload: {} })).statusCode).toBe(200)
      }
    },
    'the opt-out test app',
  )
  return {
    app,
    handedOver,
    /** Hands every due message to the provider. */
    dispatch: () => outboxDispatcher(app().database.db, provider, () => now).dispatch(),
    /** A reply from a phone, sent at `at` by the provider's clock. */
    reply: (phone: string, text: string, at: number) => receiveReply(app().database.db, { provider: 'sandbox', providerMessageId: `${phone}-${text}-${at}`, phone, text, at }),
    events: (contactId: string, ...names: string[]) => app().inject({ method: 'POST', url: '/api/events', payload: names.map((name) => ({ contactId, name })) }),
    /** Upserts the contact with this phone, consenting, through the contacts API. */
    imported: (id: string, phone: string) => app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone, consent: true }] }),
  }
}

/** A journey that sends one SMS of its category when the event comes, then exits. */
const oneSmsJourney = (id: string, category: 'recall' | 'transactional', event: string, text: string) => ({
  schemaVersion: 1,
  id,
  name: id,
  description: '',
  settings: { category, brand: '乐享', entry: { reentry: 'after_exit' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event } },
    { id: 'sms', type: 'send_sms', position: { x: 300, y: 0 }, data: { text, category } },
    { id: 'done', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'done' },
  ],
})
