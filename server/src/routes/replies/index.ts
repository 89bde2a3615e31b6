import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import Type from 'typebox'
import { principalName, principalRef } from '../../approvals/rights'
import type { Database } from '../../db/database'
import { inboundMessages, type OptOutSource, type ReplyAction } from '../../db/schema/index'
import { refusalError } from '../../plugins/errors'
import { REPLY_NOT_FOUND, reviewHeldStart } from '../../replies/held-start'
import { optOutFromReply } from '../../replies/replies'

const ReplyQuery = Type.Object(
  {
    /** "true": only replies for a person to read: those Recall did not act on (neither a stop nor a start), and STARTs it held. */
    review: Type.Optional(Type.Enum(['true', 'false'])),
    /** The last reply of the page before (its `next`): the replies after it, in the list's order. */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]?|1[0-9]{2}|200)$' })),
  },
  { additionalProperties: false },
)
const ReplyParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) })
const ReviewBody = Type.Object(
  {
    /** `lift`: take the number off the suppression list as the START asked; `keep`: leave it opted out. */
    decision: Type.Enum(['lift', 'keep']),
  },
  { additionalProperties: false },
)

/** What was done on a reply, as the page names it. */
const ACTIONS: Record<ReplyAction, 'opted_out' | 'opted_in' | 'opt_in_held' | 'opt_out_kept'> = {
  stop: 'opted_out',
  start: 'opted_in',
  start_held: 'opt_in_held',
  start_kept: 'opt_out_kept',
}

/**
 * The replies after the one a page ended on, in the list's order (their own time, then id, both
 * descending): a reply pushed late with an earlier time sorts among its time, not at the top, so the
 * cursor is a place in that order. A `before` naming no reply is refused: no page can follow it.
 */
async function afterCursor(db: Database, before: string): Promise<SQL> {
  const [cursor] = await db
    .select({ receivedAt: inboundMessages.receivedAt })
    .from(inboundMessages)
    .where(eq(inboundMessages.id, Number(before)))
  if (!cursor)
    throw refusalError({
      status: 400,
      code: 'reply_cursor_unknown',
      path: '/querystring/before',
      text: {
        en: `No reply has the id ${before} given in "before": page on with the "next" of the page before`,
        zh: `"before" 中的 ${before} 不是任何回复的编号:请用上一页答复中的 "next" 继续翻页`,
      },
    })
  // One row comparison, which the index on (received_at, id) answers in order.
  return sql`(${inboundMessages.receivedAt}, ${inboundMessages.id}) < (${cursor.receivedAt.toISOString()}::timestamptz, ${Number(before)})`
}

/** Replies from phones, newest first by their own time, and opting a number out from one a person has read. */
const replyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.get(
    '/',
    {
      // Each reply carries the number, what the person wrote and their contact id.
      config: { access: ['messages:read', 'contacts:read'] },
      schema: {
        tags: ['replies'],
        summary:
          'Replies from phones, newest first by the time each was sent (then id); `review=true` keeps those Recall did not act on; paged with `before`, the `next` of the page before',
        querystring: ReplyQuery,
      },
    },
    async (request) => {
      const { review, before, limit } = request.query
      const filters: SQL[] = []
      if (review === 'true') filters.push(or(isNull(inboundMessages.keyword), eq(inboundMessages.keyword, 'start_held')) as SQL)
      if (before) filters.push(await afterCursor(db, before))
      const rows = await db
        .select({
          id: inboundMessages.id,
          provider: inboundMessages.provider,
          phone: inboundMessages.phone,
          text: inboundMessages.text,
          keyword: inboundMessages.keyword,
          receivedAt: inboundMessages.receivedAt,
          // Who decided on a held START, and when.
          reviewedBy: inboundMessages.reviewedBy,
          reviewedAt: inboundMessages.reviewedAt,
          // The number's first contact, as the opt-out finds them: a reply names a number, not a contact.
          // Spelled out: drizzle leaves columns unqualified inside a subquery, and both tables have a phone.
          contactId: sql<string | null>`(select c.external_id from contacts c where c.phone = inbound_messages.phone order by c.id limit 1)`,
          suppressed: sql<boolean>`exists (select 1 from suppressions s where s.phone = inbound_messages.phone)`,
          // Who opted the number (or its contact, at an earlier number) out: a reviewer of a held START sees why it was not applied.
          optOutSource: sql<OptOutSource | null>`coalesce((select s.source from suppressions s where s.phone = inbound_messages.phone),
            (select c.opt_out_source from contacts c where c.phone = inbound_messages.phone and c.opt_out_source is not null order by c.id limit 1))`,
          // The colleague behind that opt-out, when it was an admin's and they are known.
          optedOutBy: sql<string | null>`coalesce((select s.opted_out_by from suppressions s where s.phone = inbound_messages.phone),
            (select c.opted_out_by from contacts c where c.phone = inbound_messages.phone and c.opt_out_source is not null order by c.id limit 1))`,
        })
        .from(inboundMessages)
        .where(and(...filters))
        .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
        .limit(Number(limit ?? 100))
      return {
        replies: rows.map(({ keyword, ...row }) => ({ ...row, action: keyword ? ACTIONS[keyword] : null })),
        next: rows.length > 0 ? String(rows.at(-1)?.id) : null,
      }
    },
  )
  app.post(
    '/:id/opt-out',
    {
      config: { access: 'contacts:write' },
      schema: { tags: ['replies'], summary: "Opt out a reply's number, as a reply opt-out would, naming who did it", params: ReplyParams },
    },
    async (request) => {
      const outcome = await optOutFromReply(db, Number(request.params.id), principalName(request.principal), app.runner.clock())
      if (!outcome) throw REPLY_NOT_FOUND
      return outcome
    },
  )
  app.post(
    '/:id/review',
    {
      config: { access: 'contacts:write' },
      schema: {
        tags: ['replies'],
        summary: 'Decide on a START held for review: lift the opt-out it could not (`lift`) or keep it (`keep`); who and when are recorded on the reply',
        params: ReplyParams,
        body: ReviewBody,
      },
    },
    async (request) => {
      const reviewer = { name: principalName(request.principal), ref: principalRef(request.principal) }
      const outcome = await reviewHeldStart(db, Number(request.params.id), request.body.decision, reviewer, new Date())
      // Who did it, by reference: no phone, no contact, no reply text in the log.
      request.log.info({ replyId: request.params.id, decision: request.body.decision, by: reviewer.ref }, 'held opt-in reviewed')
      return outcome
    },
  )
}

export default replyRoutes
