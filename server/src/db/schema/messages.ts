import type { IssuedCoupon, SendWindowCheck } from '@recall/engine'
import type { MessageStatus } from '@recall/shared'
import { sql } from 'drizzle-orm'
import { bigserial, boolean, index, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export type { MessageStatus }

/**
 * The outbox: written in the step's transaction; the dispatcher claims rows with a lease, calls
 * the provider with no transaction open, and records the answer (see worker/dispatcher.ts).
 */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    enrollmentId: text('enrollment_id').notNull(),
    journeyId: text('journey_id').notNull(),
    contactId: text('contact_id').notNull(),
    nodeId: text('node_id').notNull(),
    channel: text('channel').$type<'sms' | 'mms'>().notNull(),
    category: text('category').$type<'marketing' | 'recall' | 'transactional'>().notNull(),
    phone: text('phone'),
    text: text('text').notNull(),
    parts: integer('parts').notNull(),
    cost: numeric('cost', { precision: 12, scale: 4 }).notNull().default('0'),
    coupon: jsonb('coupon').$type<IssuedCoupon>(),
    status: text('status').$type<MessageStatus>().notNull().default('queued'),
    providerId: text('provider_id'),
    /** The provider that took the message (sandbox, twilio, aliyun…): a receipt only moves messages sent through the provider it came from. */
    provider: text('provider'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    /** The code of the message's short link, and where it leads. Codes are short, so lookups take the newest. */
    linkCode: text('link_code'),
    linkUrl: text('link_url'),
    /** Every click, for the log; `clickedAt` is the first, which rates count. */
    clickCount: integer('click_count').notNull().default(0),
    /** A provider that failed for a passing reason (throttled, down) is tried again from this time. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** For template providers (the Chinese SMS clouds): the node's template code and filled parameters. */
    template: jsonb('template').$type<{ code: string; params: Record<string, string> }>(),
    /** MMS slides, for providers that send MMS. */
    mms: jsonb('mms').$type<{ title: string; slides: { text: string; mediaUrl?: string }[] }>(),
    /** The carrier's code for a failed delivery. */
    carrierCode: text('carrier_code'),
    /** A `sending` row belongs to the dispatcher that claimed it until then (wall clock); past it, the send's fate is unknown. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** A test send from the editor: no enrollment, not counted by caps, the daily ceiling or the journey's figures. */
    test: boolean('test').notNull().default(false),
    /** When the message may go out, in the contact's zone, as the step decided: checked again at the moment of sending. */
    sendWindow: jsonb('send_window').$type<SendWindowCheck>(),
    /** From then on the message is pointless (the coupon or date it speaks of has expired): never sent after it. */
    notAfter: timestamp('not_after', { withTimezone: true }),
  },
  (table) => [
    index('messages_status_idx').on(table.status, table.id),
    // Expired leases are found without scanning the outbox.
    index('messages_lease_idx').on(table.leaseUntil).where(sql`${table.status} = 'sending'`),
    // Rolling caps count a contact's recent sends across journeys.
    index('messages_contact_time_idx').on(table.contactId, table.createdAt),
    index('messages_journey_idx').on(table.journeyId, table.nodeId, table.status),
    index('messages_link_code_idx').on(table.linkCode),
    index('messages_provider_id_idx').on(table.providerId),
    // An opt-out cancels the number's queued promotions: found by number, not by scanning every queued row per reply.
    index('messages_queued_phone_idx').on(table.phone).where(sql`${table.status} = 'queued'`),
  ],
)
