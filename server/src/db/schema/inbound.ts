import { bigint, bigserial, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * What was done on a reply: `stop` or `start` as Recall read it (or `stop` when a person opted the
 * number out from it); `start_held`, a START that could not lift the opt-out because the person did
 * not make it by a reply (an import, an admin, a complaint), left for a person to review like a reply
 * Recall did not read (no keyword). A colleague who reviews a held START makes it `start` (the
 * opt-out lifted) or `start_kept` (left in place). A START that lifted nothing is `start_early` when
 * sent before the opt-out it would lift (pushed late), `start_idle` when nothing was opted out.
 */
export type ReplyAction = 'stop' | 'start' | 'start_held' | 'start_kept' | 'start_early' | 'start_idle'

/** Replies from phones, kept as received, with what was done on each (`keyword`, a ReplyAction). */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    phone: text('phone').notNull(),
    /** What the person wrote, up to REPLY_TEXT_LIMIT characters (see receiveReplies). */
    text: text('text').notNull(),
    /** Characters past the limit that were not kept (0: the whole reply is kept). */
    textCut: integer('text_cut').notNull().default(0),
    keyword: text('keyword').$type<ReplyAction>(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /**
     * When Recall took the reply in, by the database's clock: the clock contacts are created and numbers
     * left by, so it says who held the number when the reply came (and got the opt-out it carried).
     */
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who reviewed a held START (their name then; `user:<id>` or `key:<id>`), and when by the wall clock: the audit of a lifted opt-out. */
    reviewedBy: text('reviewed_by'),
    reviewedByRef: text('reviewed_by_ref'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  // The Replies page's order and its cursor: newest by the reply's own time, then id.
  (table) => [index('inbound_phone_idx').on(table.phone), index('replies_by_sent_time').on(table.receivedAt, table.id)],
)

/** Every click on a short link; the message row keeps the first for rates. */
export const linkClicks = pgTable('link_clicks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  messageId: bigint('message_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  userAgent: text('user_agent'),
})

/**
 * Every receipt and reply a provider called back with, by its own message id: a replayed or
 * retried callback finds its key taken and changes nothing.
 */
export const webhookCallbacks = pgTable(
  'webhook_callbacks',
  {
    provider: text('provider').notNull(),
    /** `reply`, or `receipt:<status>` (one message gets one report per status). */
    kind: text('kind').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.kind, table.providerMessageId] })],
)

/**
 * Delivery reports that came before the send answer recorded the provider's id on the message (a
 * carrier answering while the send call is still out, or a dispatcher dying before recording it):
 * applied when the answer is recorded, forgotten after a day. One report per id and status, as
 * webhookCallbacks claims them; keyed by the id first, which recording looks them up by.
 */
export const earlyReceipts = pgTable(
  'early_receipts',
  {
    providerId: text('provider_id').notNull(),
    /** The provider whose callback carried it: only that provider's message takes it. */
    provider: text('provider').notNull(),
    status: text('status').$type<'delivered' | 'failed'>().notNull(),
    code: text('code'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.providerId, table.provider, table.status] }), index('early_receipts_received_idx').on(table.receivedAt)],
)
