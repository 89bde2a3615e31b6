import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { principalName, principalRef } from '../../approvals/rights'
import { REPLY_NOT_FOUND, reviewHeldStart } from '../../replies/held-start'
import { optOutFromReply } from '../../replies/replies'
import { listReplies } from '../../replies/reply-list'

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
          'Replies from phones, newest first by the time each was sent (then id), each naming its contact (or the one that left the number; `contactDeleted` when that contact was deleted since) and whether they are still opted out; `review=true` keeps those Recall did not act on; paged with `before`, the `next` of the page before',
        querystring: ReplyQuery,
      },
    },
    async (request) => {
      const { review, before, limit } = request.query
      return listReplies(db, { review: review === 'true', before: before === undefined ? undefined : Number(before), limit: Number(limit ?? 100) })
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
